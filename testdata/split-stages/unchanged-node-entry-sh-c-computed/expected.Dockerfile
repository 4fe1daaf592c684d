FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENV APP=server.js
CMD sh -c "node $APP"
