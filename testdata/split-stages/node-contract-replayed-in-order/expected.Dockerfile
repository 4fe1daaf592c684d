FROM --platform=linux/amd64 node:22-bookworm AS build
LABEL maintainer="team@example.com"
ARG APP_VERSION=1.0.0
ENV APP_VERSION=$APP_VERSION \
    PORT=4000
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node . .

FROM build AS files
USER root
RUN mkdir /home/node/app-files && find /home/node/app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /home/node/app-files/ \;

FROM --platform=linux/amd64 node:22-bookworm-slim AS runtime
LABEL maintainer="team@example.com"
ARG APP_VERSION=1.0.0
ENV APP_VERSION=$APP_VERSION \
    PORT=4000
USER node
WORKDIR /home/node/app
COPY --from=files --chown=node:node /home/node/app-files /home/node/app
VOLUME /home/node/app/data
STOPSIGNAL SIGTERM
EXPOSE 4000
CMD node server.js
