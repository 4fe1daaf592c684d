FROM node:20
ARG APP_UID=1001
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN useradd --uid "$APP_UID" app
USER app
CMD ["node", "index.js"]
