FROM golang:1.22
COPY . .
RUN go build -o server .
USER nobody
EXPOSE 8080
ENTRYPOINT ["./server"]
