FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
EXPOSE 3000
ENTRYPOINT ["./entrypoint.sh"]
CMD ["node","server.js"]
