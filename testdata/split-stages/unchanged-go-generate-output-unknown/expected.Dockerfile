FROM golang:1.22
WORKDIR /src
COPY . .
RUN go generate ./... && go build -o /usr/local/bin/server .
EXPOSE 8080
CMD ["server"]
