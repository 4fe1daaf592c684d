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
COPY --from=build /app/website/build /app/website/build
EXPOSE 3000
CMD ["serve", "website/build", "-l", "3000"]
