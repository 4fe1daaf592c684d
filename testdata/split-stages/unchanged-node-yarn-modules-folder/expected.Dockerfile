FROM node:20
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile
ENV NODE_PATH=/opt/node_modules
CMD ["node","index.js"]
