FROM node:20 AS build
WORKDIR /usr/src/app
COPY . .
RUN npm install
RUN npm install -g @nestjs/cli@10.4.9
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
COPY --from=deps /usr/src/app/package-lock.json /usr/src/app/
EXPOSE 3000
CMD ["node", "dist/main"]
