FROM golang:1.22 AS build
WORKDIR /src
COPY . .
WORKDIR /src/app
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
WORKDIR /src/app
COPY --from=build /src/web/templates /src/web/templates
COPY --from=build /src/app/server /src/app/server
CMD ["./server"]
