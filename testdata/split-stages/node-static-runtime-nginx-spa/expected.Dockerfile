FROM node:20-slim AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY . .
RUN node build.mjs

FROM nginx:stable AS runtime
RUN printf '%s\n' 'server {' '    listen 8080;' '    absolute_redirect off;' '    root /usr/share/nginx/html;' '    location / { try_files $uri $uri.html $uri/ /index.html; }' '}' > /etc/nginx/conf.d/default.conf
WORKDIR /app
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
