FROM node:20
WORKDIR /app
COPY . .
RUN setcap cap_net_bind_service=+ep /usr/local/bin/node
USER node
CMD ["node", "index.js"]
