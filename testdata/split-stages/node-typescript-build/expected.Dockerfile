# Build the TypeScript app
FROM node:20.11.1 AS build
ENV PORT=8080
WORKDIR /srv/app
COPY package*.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build \
    && mkdir /srv/app-files \
    && find /srv/app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /srv/app-files/ \;

FROM node:20.11.1 AS deps
ENV PORT=8080
WORKDIR /srv/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20.11.1-slim AS app
ENV PORT=8080
WORKDIR /srv/app
COPY --from=deps /srv/app/node_modules /srv/app/node_modules
COPY --from=build /srv/app-files /srv/app
USER node
EXPOSE 8080
HEALTHCHECK CMD node -e "process.exit(0)"
CMD ["npm", "start"]
