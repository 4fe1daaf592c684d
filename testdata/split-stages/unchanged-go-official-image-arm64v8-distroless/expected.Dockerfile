FROM arm64v8/golang:1.22
WORKDIR /src
COPY go.mod ./
COPY *.go ./
RUN go build -o /app/server .
EXPOSE 8080
ENTRYPOINT ["/app/server"]
