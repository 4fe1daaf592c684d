FROM node:20-slim
WORKDIR /app
COPY package.json ./
ADD https://example.com/tool.tar.gz /opt/
RUN npm install
COPY . .
