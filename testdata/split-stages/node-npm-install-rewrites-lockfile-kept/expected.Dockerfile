FROM node:16 AS deps
WORKDIR /user/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM node:16-slim AS runtime
WORKDIR /user/src/app
COPY --from=deps /user/src/app/node_modules /user/src/app/node_modules
COPY . .
COPY --from=deps /user/src/app/package-lock.json /user/src/app/
CMD ["node", "bot.js"]
