FROM golang:1.22
COPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/gosu
WORKDIR /src
COPY . .
RUN go build -o /app/server .
ENTRYPOINT ["gosu", "nobody", "/app/server"]
