FROM golang:1.22
ARG GOPROXY=https://ci:s3cret@goproxy.example.com
ARG GOPRIVATE=github.com/acme
RUN go mod download
