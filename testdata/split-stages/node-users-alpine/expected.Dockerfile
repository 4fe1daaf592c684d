FROM node:20-alpine AS deps
WORKDIR /usr/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-alpine AS runtime
ENV PORT=8080
RUN addgroup -S app \
    && adduser -S app -G app
WORKDIR /usr/app
EXPOSE 8080
COPY --from=deps /usr/app/node_modules /usr/app/node_modules
COPY package*.json ./
COPY index.js .
USER app
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
CMD ["node", "/usr/app/index.js"]
