FROM node:20
WORKDIR /opt/greet
COPY . .
RUN npm ci && npm install -g .
ENTRYPOINT ["greet"]
CMD ["docker"]
