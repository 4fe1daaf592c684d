FROM node:20 AS build
WORKDIR /usr/src/app
RUN npm install -g @nestjs/cli@10.4.5
COPY package.json package-lock.json ./
RUN npm install
COPY . .
RUN nest build

FROM node:20 AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM node:20-slim AS runtime
WORKDIR /usr/src/app
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules
COPY . .
COPY --from=build /usr/src/app/dist /usr/src/app/dist
EXPOSE 3000
CMD ["node", "dist/main.js"]
