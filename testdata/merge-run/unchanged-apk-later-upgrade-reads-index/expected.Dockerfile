FROM alpine:3.20
RUN apk update && apk add --no-cache curl
COPY . /app
RUN apk upgrade
