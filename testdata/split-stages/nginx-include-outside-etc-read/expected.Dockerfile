FROM nginx:stable AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/www
COPY src ./src
COPY gen.py .
RUN python3 gen.py

FROM nginx:stable AS runtime
WORKDIR /srv/www
COPY --from=build /srv/www /srv/www
COPY conf /srv/conf
COPY default.conf /etc/nginx/conf.d/default.conf
CMD ["nginx", "-g", "daemon off;"]
