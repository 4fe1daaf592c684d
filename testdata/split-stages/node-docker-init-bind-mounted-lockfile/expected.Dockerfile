ARG NODE_VERSION=20
FROM node:${NODE_VERSION} AS deps
ENV NODE_ENV production
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,source=package-lock.json,target=package-lock.json --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV production
WORKDIR /usr/src/app
USER node
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules
COPY . .
EXPOSE 3000
CMD npm start
