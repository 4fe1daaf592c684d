FROM golang:1.24
COPY go.mod go.sum /app/
WORKDIR /app
RUN go mod download && apt-get update && apt-get install -y sqlite3 && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN go build -o main ./cmd/web
CMD ["./cmd/web/main"]
