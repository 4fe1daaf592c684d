FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches/
COPY packages/web/package.json ./packages/web/
COPY libs/util ./libs/util/
RUN npm ci
COPY . .
RUN npm run build --workspaces
