FROM node:20-slim AS runtime
USER node
WORKDIR /app
COPY --chown=node:node . .
EXPOSE 8080
CMD ["node", "counter.js"]
