FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=build /src/static /src/static
COPY --from=build /src/templates /src/templates
COPY --from=build /src/server /src/server
EXPOSE 8080
ENTRYPOINT ["./server"]
