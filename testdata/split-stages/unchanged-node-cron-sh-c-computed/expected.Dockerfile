FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN apt-get update && apt-get install -y cron
COPY etc/cronjob /etc/cron.d/app
CMD cron && exec node server.js
