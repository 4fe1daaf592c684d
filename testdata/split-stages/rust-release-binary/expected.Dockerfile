FROM rust:1.84-bookworm AS build
WORKDIR /app
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/static/index.html /app/static/index.html
COPY --from=build /app/target/release/hello-web /app/target/release/hello-web
EXPOSE 8080
CMD ["./target/release/hello-web"]
