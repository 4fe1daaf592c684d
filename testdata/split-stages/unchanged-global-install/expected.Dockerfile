FROM node:20
WORKDIR /app
RUN npm install -g http-server
COPY public ./public
CMD ["http-server", "public"]
