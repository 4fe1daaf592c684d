FROM node:20

WORKDIR /usr/src/app

# Install OS tools the app shells out to
RUN apt-get update
RUN apt-get install -y curl

COPY . .
RUN npm ci
RUN npm run build

EXPOSE 3000
CMD ["node", "dist/server.js"]
