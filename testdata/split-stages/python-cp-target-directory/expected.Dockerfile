FROM python:3.11 AS build
WORKDIR /app
COPY . .
RUN cp -t /opt assets/a.css assets/b.js && cp --target-directory=/srv/x assets/a.css && cp -rt /usr/local/share/app assets

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=build /opt/a.css /opt/a.css
COPY --from=build /opt/b.js /opt/b.js
COPY --from=build /srv/x/a.css /srv/x/a.css
COPY --from=build /usr/local/share/app/assets /usr/local/share/app/assets
COPY . .
CMD ["python", "app.py"]
