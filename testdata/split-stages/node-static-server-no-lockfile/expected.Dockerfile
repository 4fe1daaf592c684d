FROM node:20-alpine AS build
WORKDIR /app
COPY . /app
RUN npm install http-server -g
RUN npm i
RUN npm run build

FROM node:20-alpine AS runtime
RUN npm install -g http-server
WORKDIR /app
COPY --from=build /app/dist /app/dist
EXPOSE 8080
CMD http-server ./dist
