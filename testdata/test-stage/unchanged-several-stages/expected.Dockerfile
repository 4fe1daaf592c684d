FROM golang:1.22 AS api
WORKDIR /src/api
COPY api .
RUN go build -o /out/api . && true
RUN go test ./...

FROM node:20 AS web
WORKDIR /src/web
COPY web .
RUN npm ci && npm run build
RUN npm test

FROM debian:bookworm-slim
COPY --from=api /out/api /usr/local/bin/api
COPY --from=web /src/web/dist /srv/www
ENTRYPOINT ["api"]
