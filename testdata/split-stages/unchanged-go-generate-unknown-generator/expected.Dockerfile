FROM golang:1.22
WORKDIR /src
COPY . .
RUN go generate ./... && CGO_ENABLED=0 go build -o /usr/local/bin/server .
CMD ["server"]
