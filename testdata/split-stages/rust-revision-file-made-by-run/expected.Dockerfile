FROM rust:1.80-bookworm AS build
ARG GIT_SHA=unknown
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git echo "$GIT_SHA" > REVISION && cargo build --release

FROM debian:bookworm-slim AS runtime
ARG GIT_SHA=unknown
WORKDIR /app
COPY --from=build /app/REVISION /app/REVISION
COPY --from=build /app/target/release/rsapp /app/target/release/rsapp
CMD ["./target/release/rsapp"]
