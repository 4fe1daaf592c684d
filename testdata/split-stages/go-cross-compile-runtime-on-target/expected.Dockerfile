FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY --from=build /app/server /app/server
ENTRYPOINT ["/app/server"]
