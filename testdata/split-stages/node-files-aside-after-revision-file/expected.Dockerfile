FROM node:20 AS build
ARG GIT_SHA=dev
ARG PORT=3000
LABEL org.opencontainers.image.revision=$GIT_SHA
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
ENV APP_SHA=${GIT_SHA} PORT=$PORT
RUN echo "$GIT_SHA" > REVISION \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
ARG GIT_SHA=dev
ARG PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
ARG GIT_SHA=dev
ARG PORT=3000
LABEL org.opencontainers.image.revision=$GIT_SHA
WORKDIR /app
ENV APP_SHA=${GIT_SHA} PORT=$PORT
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE $PORT
CMD ["node","server.js"]
