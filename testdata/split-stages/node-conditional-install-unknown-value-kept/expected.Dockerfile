FROM node:20 AS build
ARG NODE_ENV
ENV NODE_ENV=$NODE_ENV
WORKDIR /app
COPY package*.json ./
RUN if [ "$NODE_ENV" = "development" ]; \
    then npm install; \
    else npm install --omit=dev; \
    fi
COPY . .

FROM build AS files
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
ARG NODE_ENV
ENV NODE_ENV=$NODE_ENV
WORKDIR /app
COPY --from=build /root/.npm/_update-notifier-last-checke[d] /root/.npm/
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app-files /app
CMD ["npm","start"]
