FROM node:20 AS build
RUN useradd -m app
WORKDIR /home/app/site
COPY . .

FROM node:20-slim AS runtime
RUN useradd -m app
WORKDIR /home/app/site
COPY --from=build /home/app/site /home/app/site
CMD ["node", "index.js"]
