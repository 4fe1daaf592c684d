FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install --no-save left-pad
COPY . .
RUN npm run build
RUN npm install -g serve \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN npm install -g serve
WORKDIR /app
COPY --from=build /app-files /app
CMD ["serve", "-s", "build"]
