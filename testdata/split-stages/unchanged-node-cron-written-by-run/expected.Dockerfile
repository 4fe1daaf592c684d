FROM node:20
RUN apt-get update && apt-get install -y cron && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN echo "* * * * * root cd /app && node job.js >> /tmp/job.log 2>&1" > /etc/cron.d/app
EXPOSE 3000
CMD cron && exec node server.js
