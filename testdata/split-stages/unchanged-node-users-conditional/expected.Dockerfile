FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN id -u app || useradd app
USER app
CMD ["node", "index.js"]
