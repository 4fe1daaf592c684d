FROM python:3.11-bookworm AS build
WORKDIR /app
COPY greet ./greet
RUN pip install --no-index --no-build-isolation ./greet

FROM python:3.11-slim-bookworm AS runtime
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /app/greet /app/greet
EXPOSE 8000
CMD ["greet-server"]
