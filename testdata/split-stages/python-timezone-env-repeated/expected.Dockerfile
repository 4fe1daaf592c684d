FROM python:3.11 AS build
ENV TZ=Asia/Shanghai
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone

FROM python:3.11-slim AS runtime
ENV TZ=Asia/Shanghai
WORKDIR /app
RUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime \
    && echo $TZ > /etc/timezone
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
