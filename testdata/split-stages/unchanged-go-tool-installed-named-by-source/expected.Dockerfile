FROM golang:1.22
WORKDIR /app
COPY . .
RUN go install github.com/golang-migrate/migrate/v4/cmd/migrate@v4.17.0
RUN go build -o server .
CMD ["./server"]
