FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM build AS test
RUN go test ./...
RUN touch /tmp/tests-passed

FROM gcr.io/distroless/static-debian12
COPY --from=test /tmp/tests-passed /tmp/tests-passed
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
