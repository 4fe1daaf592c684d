FROM node:20
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
EXPOSE 8080
CMD ["serve", "-s", "/usr/local/share/site", "-l", "8080"]
