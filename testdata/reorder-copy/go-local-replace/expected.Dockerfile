FROM golang:1.22
WORKDIR /src
COPY go.mod ./
COPY lib/go.mod ./lib/
RUN go mod download
COPY . .
