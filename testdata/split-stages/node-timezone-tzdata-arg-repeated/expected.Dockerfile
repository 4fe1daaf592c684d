FROM node:20 AS build
ARG TZ=Europe/Paris
RUN apt-get update && apt-get install -y tzdata \
    && ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo "$TZ" > /etc/timezone \
    && dpkg-reconfigure -f noninteractive tzdata
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
ARG TZ=Europe/Paris
RUN apt-get update \
    && apt-get install -y tzdata \
    && rm -rf /var/lib/apt/lists/*
RUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime \
    && echo "$TZ" > /etc/timezone \
    && dpkg-reconfigure -f noninteractive tzdata
WORKDIR /app
COPY --from=build /app-files /app
COPY . .
CMD ["node", "server.js"]
