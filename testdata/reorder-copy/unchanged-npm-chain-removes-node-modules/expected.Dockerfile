FROM node:20-slim
WORKDIR /app
COPY . .
# Install, build, then remove the dependencies at the end
RUN npm ci && npm install -g serve && npm run build && rm -fr node_modules
CMD ["serve", "-s", "build"]
