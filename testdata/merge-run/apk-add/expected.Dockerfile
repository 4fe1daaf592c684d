FROM alpine:3.20
RUN apk add --no-cache curl \
    && apk update \
    && apk add --no-cache git \
    && rm -rf /var/cache/apk/*
