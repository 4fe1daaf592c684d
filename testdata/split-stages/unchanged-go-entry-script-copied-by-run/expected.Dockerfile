FROM golang:1.22
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /usr/local/bin/server ./cmd/server && cp docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["--port", "8080"]
