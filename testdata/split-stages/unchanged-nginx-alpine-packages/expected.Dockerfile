FROM nginx:alpine
RUN apk add --no-cache nodejs npm
WORKDIR /src
COPY . .
RUN npm ci && npm run build && cp -r dist/. /usr/share/nginx/html/
EXPOSE 80
