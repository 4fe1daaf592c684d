FROM node:20-alpine AS deps
RUN addgroup -S app && adduser -S app -G app
RUN mkdir -p /app && chown app:app /app
WORKDIR /app
USER app
COPY --chown=app:app package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-alpine AS runtime
RUN addgroup -S app \
    && adduser -S app -G app
RUN mkdir -p /app \
    && chown app:app /app
WORKDIR /app
USER app
COPY --from=deps --chown=app:app /app/node_modules /app/node_modules
COPY --chown=app:app . .
EXPOSE 3000
CMD ["node", "index.js"]
