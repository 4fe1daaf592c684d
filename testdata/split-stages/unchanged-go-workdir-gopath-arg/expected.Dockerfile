FROM golang:1.22
ARG GOPATH
WORKDIR $GOPATH/src/github.com/example/web
COPY . .
RUN go build -o server .
ENTRYPOINT ["./server"]
