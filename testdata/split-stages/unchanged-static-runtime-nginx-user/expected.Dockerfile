FROM node:20
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --chown=node:node . .
USER node
RUN node build.mjs
EXPOSE 3000
CMD ["serve", "-s", "dist"]
