FROM nginx:stable AS build
RUN apt-get update && apt-get install -y python3 gettext-base && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY gen.py .
RUN python3 gen.py && cp -r out/. /usr/share/nginx/html/

FROM nginx:stable AS runtime
RUN apt-get update \
    && apt-get install -y gettext-base \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY --from=build /usr/share/nginx/html /usr/share/nginx/html
COPY --from=build /build /build
ENV API_URL=https://api.example.com
CMD ["/bin/sh", "-c", "envsubst < /build/tpl.js > /usr/share/nginx/html/config.js && exec nginx -g 'daemon off;'"]
