FROM node:20-bookworm
ENV DEBIAN_FRONTEND=noninteractive
# system deps
# for healthchecks
RUN apt-get update \
    && apt-get install -y python3 make g++ curl \
    && useradd -m app \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
    && npm install -g pm2 \
    && npm cache clean --force
COPY . .
RUN chown -R app /app
USER app
CMD ["pm2-runtime", "server.js"]
