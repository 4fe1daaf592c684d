FROM nginx:stable AS build
ENV WEB_ROOT=/srv/www/out
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/www
COPY src ./src
COPY gen.py .
RUN python3 gen.py

FROM nginx:stable AS runtime
ENV WEB_ROOT=/srv/www/out
WORKDIR /srv/www
COPY --from=build /srv/www /srv/www
COPY default.conf.template /etc/nginx/templates/default.conf.template
CMD ["nginx", "-g", "daemon off;"]
