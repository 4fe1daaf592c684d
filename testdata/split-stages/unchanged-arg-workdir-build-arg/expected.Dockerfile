FROM node:20
ARG APP_HOME=/srv/app
ARG PORT=3000
ENV APP_HOME=${APP_HOME} PORT=$PORT
WORKDIR $APP_HOME
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
ENTRYPOINT ["node", "server.js"]
CMD ["--port", "3000"]
