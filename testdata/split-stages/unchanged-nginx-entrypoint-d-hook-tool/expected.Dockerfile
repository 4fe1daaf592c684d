FROM nginx:1.27
RUN apt-get update && apt-get install -y jq
COPY 40-conf.sh /docker-entrypoint.d/
COPY index.html /usr/share/nginx/html/
