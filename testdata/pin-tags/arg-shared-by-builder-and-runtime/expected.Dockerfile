ARG NODE=24.19.0
FROM node:${NODE} AS build
RUN npm --version
FROM node:${NODE}-slim
COPY --from=build /usr/local/bin/node /x
