FROM debian:bookworm
RUN --mount=type=tmpfs,target=/tmp touch /tmp/x
RUN --mount=type=tmpfs,target=/tmp test ! -e /tmp/x
