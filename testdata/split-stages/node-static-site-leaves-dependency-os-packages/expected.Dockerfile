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
COPY --from=build /app/build /app/build
EXPOSE 3000
CMD ["serve", "-s", "build"]
