FROM golang:1.22
WORKDIR /src
COPY corp.crt /usr/local/share/ca-certificates/corp.crt
RUN update-ca-certificates
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server .
CMD ["server"]
