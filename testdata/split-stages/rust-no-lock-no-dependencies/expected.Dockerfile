FROM rust:1.84 AS build
WORKDIR /usr/src/hello
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo install --path .

FROM debian:bookworm-slim AS runtime
ENV PATH=/usr/local/cargo/bin:$PATH
WORKDIR /usr/src/hello
COPY --from=build /usr/local/cargo/bin/hello-server /usr/local/cargo/bin/hello-server
CMD ["hello-server"]
