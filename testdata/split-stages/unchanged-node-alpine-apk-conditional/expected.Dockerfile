FROM node:20-alpine
RUN apk add --no-cache python3 make g++ || true
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npm run build
CMD ["npm", "start"]
