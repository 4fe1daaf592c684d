FROM node:20-slim AS runtime
WORKDIR /app
COPY . .
EXPOSE 8080
CMD ["node", "counter.js"]
