FROM golang:1.22
WORKDIR /src
COPY . .
RUN go run ./tools/seed
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app .
CMD ["app"]
