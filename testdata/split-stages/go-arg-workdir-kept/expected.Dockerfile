FROM golang:1.22 AS build
ARG APP_HOME=/srv/app
WORKDIR ${APP_HOME}
COPY go.mod ./
COPY *.go ./
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ARG APP_HOME=/srv/app
WORKDIR ${APP_HOME}
COPY --from=build ${APP_HOME}/server ${APP_HOME}/server
EXPOSE 8080
ENTRYPOINT ["./server"]
