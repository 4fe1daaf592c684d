FROM golang:1.22
WORKDIR /app
COPY . .
RUN go install github.com/air-verse/air@latest
RUN go build -o server .
CMD ["air", "-c", ".air.toml"]
