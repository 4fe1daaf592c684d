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
RUN npm install --omit=dev

FROM build AS files
RUN rm -rf /usr/src/app/node_modules

FROM node:20-slim AS runtime
WORKDIR /usr/src/app
COPY --from=files /usr/src/app /usr/src/app
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules
EXPOSE 3000
CMD ["node", "dist/main.js"]
