FROM golang:1.22
WORKDIR /app
COPY . .
RUN go build -o server .
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["git", "--version"]
