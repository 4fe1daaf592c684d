FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
COPY src/ ./src/
CMD ["node", "src/index.js"]
