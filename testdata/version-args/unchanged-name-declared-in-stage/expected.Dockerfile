FROM node:20.18.1 AS build
ARG NODE_VERSION
RUN echo "building on ${NODE_VERSION}"
FROM node:20.18.1-slim
COPY --from=build /app /app
