FROM python:3.9.6 AS build

ENV FLASK_APP="hello"

COPY . .
RUN pip install -r requirements.txt

FROM python:3.9.6-slim AS runtime
ENV FLASK_APP="hello"
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.9/dist-package[s] /usr/local/lib/python3.9/dist-packages/
COPY --from=build /usr/local/lib/python3.9/site-package[s] /usr/local/lib/python3.9/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
EXPOSE 5000

CMD ["python", "hello.py"]
