# Build the TypeScript app
FROM node:20.11.1 AS build
ENV PORT=8080
WORKDIR /srv/app
COPY package*.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build
RUN npm prune --omit=dev

FROM node:20.11.1-slim AS app
ENV PORT=8080
WORKDIR /srv/app
COPY --from=build /srv/app /srv/app
USER node
EXPOSE 8080
HEALTHCHECK CMD node -e "process.exit(0)"
CMD ["npm", "start"]
