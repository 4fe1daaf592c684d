FROM nginx:stable AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/www
COPY src ./src
COPY gen.py .
RUN python3 gen.py
COPY conf /srv/conf
COPY default.conf /etc/nginx/conf.d/default.conf

FROM nginx:stable AS runtime
WORKDIR /srv/www
COPY --from=build /srv/conf /srv/conf
COPY --from=build /etc/nginx/conf.d/default.conf /etc/nginx/conf.d/default.conf
COPY --from=build /srv/www /srv/www
CMD ["nginx", "-g", "daemon off;"]
