FROM node:20 AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY . .
COPY --from=build /app/dist /app/dist
EXPOSE 8080
CMD ["serve", "-s", "dist", "-l", "8080"]
