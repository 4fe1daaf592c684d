FROM python:3.11
WORKDIR /app
COPY . .
ENV LDLIBS=-lxml2
RUN gcc -shared -fPIC -I/usr/include/python3.11 -I/usr/include/libxml2 -o cv.cpython-311-x86_64-linux-gnu.so cv.c $LDLIBS
CMD ["python", "app.py"]
