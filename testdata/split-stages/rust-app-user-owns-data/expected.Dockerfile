FROM rust:1.86-bookworm AS build
RUN useradd --uid 10001 --create-home app
WORKDIR /srv/app
COPY . .
RUN cargo build --release && strip target/release/notes && chown -R app:app /srv/app/data

FROM debian:bookworm-slim AS runtime
RUN useradd --uid 10001 --create-home app
COPY --from=build --chown=app:app /srv/app/data /srv/app/data
COPY --from=build /srv/app/target/release/notes /srv/app/target/release/notes
WORKDIR /srv/app
USER app
CMD ["/srv/app/target/release/notes"]
