FROM python:3.11 AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN echo greeting=bonjour > $HOME/.myapprc && cp settings.ini ~/settings.ini

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /root/.myapprc /root/.myapprc
COPY --from=build /root/settings.ini /root/settings.ini
COPY . .
CMD ["python", "app.py"]
