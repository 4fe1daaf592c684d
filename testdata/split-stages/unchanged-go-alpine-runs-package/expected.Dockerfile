FROM golang:1.22-alpine
RUN apk add --no-cache ffmpeg
WORKDIR /app
COPY . .
RUN go build -o server .
ENTRYPOINT ["/app/server"]
