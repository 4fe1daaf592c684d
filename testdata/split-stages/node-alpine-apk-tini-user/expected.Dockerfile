FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN apk add --no-cache --virtual .build-deps python3 make g++ \
    && npm ci \
    && apk del .build-deps
COPY src ./src
RUN npm run build

FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm apk add --no-cache --virtual .build-deps python3 make g++ && npm ci --omit=dev && apk del .build-deps

FROM node:20-alpine AS runtime
RUN apk add --no-cache tini \
    && addgroup -g 1001 -S app \
    && adduser -S app -u 1001 -G app
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY --from=build /app/dist /app/dist
USER app
EXPOSE 8080
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["npm", "start"]
