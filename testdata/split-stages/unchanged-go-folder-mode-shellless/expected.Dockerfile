FROM golang:1.22
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server . && mkdir -p /var/lib/app && chmod 1777 /var/lib/app
USER 1000
EXPOSE 8080
CMD ["server"]
