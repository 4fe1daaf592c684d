FROM node:20-slim
RUN corepack enable
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/a/package.json ./packages/a/
COPY packages/b/package.json ./packages/b/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm -r build
