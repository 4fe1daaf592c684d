FROM public.ecr.aws/docker/library/node:22 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM public.ecr.aws/docker/library/node:22-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphicsmagick \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node", "server.js"]
