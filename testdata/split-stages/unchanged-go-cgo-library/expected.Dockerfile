FROM golang:1.22-bookworm
WORKDIR /src
COPY . .
RUN go build -o /app/yamlver .
ENTRYPOINT ["/app/yamlver"]
