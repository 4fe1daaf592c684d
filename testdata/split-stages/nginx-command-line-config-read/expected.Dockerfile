FROM nginx:stable AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/www
COPY . .
RUN python3 gen.py

FROM nginx:stable AS runtime
WORKDIR /srv/www
COPY --from=build /srv/www /srv/www
CMD ["nginx", "-c", "/srv/www/nginx.conf", "-g", "daemon off;"]
