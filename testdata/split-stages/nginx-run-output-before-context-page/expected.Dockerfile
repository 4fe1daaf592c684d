FROM nginx:stable AS build
COPY docs-src /tmp/docs-src
RUN mkdir -p /srv/docs && sed 's/^# \(.*\)/<h1>\1<\/h1>/' /tmp/docs-src/index.md > /srv/docs/index.html

FROM nginx:stable AS runtime
COPY --from=build /srv/docs /srv/docs
COPY default.conf /etc/nginx/conf.d/default.conf
COPY index.html /usr/share/nginx/html/index.html
