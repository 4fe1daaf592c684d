FROM rust:1.84-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/static/index.html /app/static/index.html
COPY --from=build /app/target/release/hello-web /app/target/release/hello-web
EXPOSE 8080
CMD ["./target/release/hello-web"]
