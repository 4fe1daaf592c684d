FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && make -C /src \
    && apk del .build-deps \
    && apk --update add --no-cache bash
