FROM python:3.11 AS build
WORKDIR /load
COPY requirements.txt /load/
RUN pip install -r requirements.txt

FROM python:3.11-slim AS runtime
WORKDIR /load
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY requirements.txt /load/
COPY entrypoint.sh /load/
COPY load.py /load/
CMD ["./entrypoint.sh"]
