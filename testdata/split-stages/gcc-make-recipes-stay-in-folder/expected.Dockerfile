FROM gcc:13 AS build
WORKDIR /src
COPY . .
RUN make

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /src /src
CMD ["./app"]
