FROM python:3.11 AS build
WORKDIR /build
COPY . .
RUN python setup.py install

FROM python:3.11-slim AS runtime
WORKDIR /build
COPY --from=build /build /build
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
WORKDIR /
CMD ["legacy-run"]
