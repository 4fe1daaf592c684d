FROM nginx:1.25 AS build
RUN apt-get update && apt-get install -y --no-install-recommends make inotify-tools && rm -rf /var/lib/apt/lists/*
COPY site /src/site
RUN make -C /src/site && cp /src/site/index.html /usr/share/nginx/html/
# the deployment runs this instead of the default command
COPY reload.sh /usr/local/bin/reload.sh
RUN chmod +x /usr/local/bin/reload.sh

FROM nginx:1.25 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends inotify-tools \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/share/nginx/html/index.html /usr/share/nginx/html/index.html
COPY --from=build /usr/local/bin/reload.sh /usr/local/bin/reload.sh
