FROM golang:1.22-alpine
RUN apk add --no-cache gcc musl-dev
WORKDIR /app
COPY . .
RUN go build -o server .
ENTRYPOINT ["/app/server"]
