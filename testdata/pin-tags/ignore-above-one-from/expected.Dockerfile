FROM node:20.20.2 AS build
RUN echo a > /a
# msb-opt ignore=pin-tags
FROM node:20
COPY --from=build /a /a
CMD ["cat", "/a"]
