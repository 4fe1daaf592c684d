FROM docker.io/library/node:20 AS build
RUN echo a > /a
FROM index.docker.io/node:20-alpine3.19
COPY --from=build /a /a
CMD ["cat", "/a"]
