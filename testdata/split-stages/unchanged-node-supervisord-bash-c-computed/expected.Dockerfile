FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN apt-get update && apt-get install -y supervisor
COPY etc/app.conf /etc/supervisor/conf.d/app.conf
CMD ["supervisord", "-n"]
