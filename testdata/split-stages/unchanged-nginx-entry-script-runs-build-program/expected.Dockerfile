FROM nginx:stable
RUN apt-get update && apt-get install -y --no-install-recommends python3 gettext-base && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY src ./src
COPY gen.py .
RUN python3 gen.py && cp -r out/. /usr/share/nginx/html/
COPY default.conf /etc/nginx/conf.d/default.conf
COPY start.sh /start.sh
CMD ["/start.sh"]
