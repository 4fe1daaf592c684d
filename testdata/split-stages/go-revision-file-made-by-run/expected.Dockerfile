FROM golang:1.22 AS build
ARG GIT_SHA=unknown
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod echo "$GIT_SHA" > REVISION && go build -o /usr/local/bin/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ARG GIT_SHA=unknown
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build /src/REVISION /src/REVISION
EXPOSE 8080
CMD ["server"]
