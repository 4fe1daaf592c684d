FROM python:3.11 AS build
WORKDIR /app
COPY pip.conf /etc/pip.conf
RUN pip config set global.timeout 60
COPY . .
RUN printf "[global]\\nindex-url = https://pypi.example.com/simple\\n" > /root/.pip/pip.conf && pip install --no-build-isolation ./pkg

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
COPY --from=build /root/.pip/pip.conf /root/.pip/pip.conf
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY pip.conf /etc/pip.conf
CMD ["python", "app.py"]
