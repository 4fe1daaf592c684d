FROM rust:1.84 AS build
WORKDIR /usr/src/myapp
COPY . .
RUN cargo install --path .

FROM debian:bookworm-slim AS runtime
ENV PATH=/usr/local/cargo/bin:$PATH
WORKDIR /usr/src/myapp
COPY --from=build /usr/local/cargo/bin/myapp /usr/local/cargo/bin/myapp
CMD ["myapp"]
