FROM alpine:3.20 AS base
RUN apk update \
    && rm -rf /var/cache/apk/*
COPY . /app
RUN apk add --no-cache curl
FROM base
RUN apk add --no-cache git
