FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
COPY *.go ./
ENV CGO_ENABLED=0
RUN go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=build /app/server /app/server
COPY --from=build /src /src
EXPOSE 8080
ENTRYPOINT ["/app/server"]
