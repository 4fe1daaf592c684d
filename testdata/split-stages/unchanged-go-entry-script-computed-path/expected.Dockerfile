FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/server .
EXPOSE 8080
ENTRYPOINT ["/src/docker-entrypoint.sh"]
CMD ["server"]
