FROM node:lts AS web
RUN node --version > /version

FROM python:3 AS tool
COPY --from=web /version /version

FROM debian:bookworm
COPY --from=tool /version /version

FROM ubuntu
COPY --from=tool /version /version
CMD ["cat", "/version"]
