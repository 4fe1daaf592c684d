FROM golang:1.22
COPY .netrc .
RUN go mod download && rm .netrc
