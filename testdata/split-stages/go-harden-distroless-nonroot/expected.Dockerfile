FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build --chown=65532:65532 /app/server /app/server
COPY --from=build --chown=65532:65532 /src /src
USER 65532:65532
WORKDIR /src
EXPOSE 8080
ENTRYPOINT ["/app/server"]
