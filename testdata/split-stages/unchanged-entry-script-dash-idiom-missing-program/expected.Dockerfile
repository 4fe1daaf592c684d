FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENTRYPOINT ["./entrypoint.sh"]
CMD ["--port", "3000"]
