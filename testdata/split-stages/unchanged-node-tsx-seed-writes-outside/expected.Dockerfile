FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN npx tsx scripts/seed.ts
VOLUME /data
CMD ["node", "dist/server.js"]
