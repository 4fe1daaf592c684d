FROM node:20-alpine
RUN apk upgrade --no-cache
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npm run build
CMD ["npm", "start"]
