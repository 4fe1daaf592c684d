FROM nginx:stable AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY src ./src
COPY gen.py .
RUN python3 gen.py && cp -r out/. /usr/share/nginx/html/
COPY default.conf /etc/nginx/conf.d/default.conf
RUN chown -R nginx:nginx /var/lib/nginx /var/log/nginx /etc/nginx/conf.d \
    && touch /run/nginx.pid \
    && chown -R nginx:nginx /run/nginx.pid

FROM nginx:stable AS runtime
RUN mkdir -p /var/lib/nginx \
    && chown -R nginx:nginx /var/lib/nginx \
    && mkdir -p /var/log/nginx \
    && chown -R nginx:nginx /var/log/nginx \
    && touch /run/nginx.pid \
    && chown -R nginx:nginx /run/nginx.pid
WORKDIR /build
COPY --from=build /usr/share/nginx/html /usr/share/nginx/html
COPY --from=build --chown=nginx:nginx /etc/nginx/conf.d /etc/nginx/conf.d
COPY --from=build --chown=nginx:nginx /run/nginx.pid /run/nginx.pid
COPY --from=build --chown=nginx:nginx /var/lib/nginx /var/lib/nginx
COPY --from=build --chown=nginx:nginx /var/log/nginx /var/log/nginx
USER nginx
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
