# syntax=docker/dockerfile:1.0
FROM debian:bookworm
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > /root/.npmrc && cat /root/.npmrc | wc -c > /len
CMD ["cat", "/len"]
