FROM debian:bookworm
RUN --mount=type=cache,target=/cache touch /cache/x
RUN touch /a
