FROM python:3.11
WORKDIR /src
COPY . .
RUN python setup.py install
WORKDIR /
CMD ["mytool"]
