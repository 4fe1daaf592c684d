FROM node:20
WORKDIR /app
RUN npm install -g typescript
COPY . .
RUN npm ci --offline \
    && npm cache clean --force
