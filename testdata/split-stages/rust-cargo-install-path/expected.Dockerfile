FROM rust:1.84 AS build
WORKDIR /usr/src/myapp
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo install --path .

FROM debian:bookworm-slim AS runtime
ENV PATH=/usr/local/cargo/bin:$PATH
WORKDIR /usr/src/myapp
COPY --from=build /usr/local/cargo/bin/myapp /usr/local/cargo/bin/myapp
CMD ["myapp"]
