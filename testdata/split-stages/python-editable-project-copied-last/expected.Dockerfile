FROM python:3.11 AS build
COPY src /opt/src
RUN pip install --no-build-isolation -e /opt/src

FROM python:3.11-slim AS runtime
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /opt/src /opt/src
WORKDIR /app
CMD ["mytool"]
