FROM node:20-slim
WORKDIR /app
# Bring in the app (generated files must be present for the install)
# msb-opt ignore=reorder-copy
COPY . .
RUN npm ci --omit=dev
CMD ["node", "src/index.js"]
