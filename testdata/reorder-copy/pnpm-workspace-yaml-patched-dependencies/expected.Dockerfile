FROM node:20-slim
WORKDIR /app
RUN corepack enable
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY fixes/ms@2.1.3.patch ./fixes/
RUN pnpm install --frozen-lockfile
COPY . .
CMD ["node", "index.js"]
