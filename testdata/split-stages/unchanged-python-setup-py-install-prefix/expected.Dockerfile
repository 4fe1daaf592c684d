FROM python:3.11
WORKDIR /build
COPY . .
RUN python setup.py install --prefix=/opt/legacy
WORKDIR /
CMD ["python", "-c", "import legacy; legacy.run()"]
