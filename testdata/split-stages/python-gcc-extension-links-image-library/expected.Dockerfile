FROM python:3.11 AS build
WORKDIR /app
COPY . .
RUN gcc -shared -fPIC -I/usr/include/python3.11 -I/usr/include/libxml2 -o cv.cpython-311-x86_64-linux-gnu.so cv.c -lxml2

FROM python:3.11-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
CMD ["python", "app.py"]
