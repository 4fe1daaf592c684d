# msb-opt ignore=version-args
FROM node:20 AS build
RUN echo a > /a
FROM node:20-slim
COPY --from=build /a /a
CMD ["cat", "/a"]
