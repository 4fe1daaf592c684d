# A hand-written "optimized" version that breaks the runtime in four ways the HTTP probe on / does not see:
# slim lacks the addon's libraries and git, /app is root's again, and node_modules/lazy was left out.
FROM node:20 AS build
WORKDIR /app
COPY package.json server.js ./
COPY vendor/greet node_modules/greet
COPY vendor/lazy node_modules/lazy
RUN mkdir -p native && cp /usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0 native/addon.node

FROM node:20-slim
WORKDIR /app
COPY --from=build /app/package.json /app/server.js ./
COPY --from=build /app/native ./native
COPY --from=build /app/node_modules/greet ./node_modules/greet
USER node
EXPOSE 3000
CMD ["node", "server.js"]
