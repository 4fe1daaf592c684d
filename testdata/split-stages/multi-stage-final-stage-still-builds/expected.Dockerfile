FROM node:20 AS build
WORKDIR /assets
COPY web/ .
RUN npm ci && npm run build

FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
COPY --from=build /assets/dist ./static
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=builder /app/server /app/server
EXPOSE 8080
ENTRYPOINT ["/app/server"]
