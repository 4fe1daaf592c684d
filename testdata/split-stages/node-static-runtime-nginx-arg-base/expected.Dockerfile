ARG NODE=20
FROM node:${NODE}-alpine AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY . .
RUN node build.mjs

FROM nginx:stable AS runtime
RUN printf '%s\n' 'server {' '    listen 3000;' '    absolute_redirect off;' '    root /usr/share/nginx/html;' '    location / { try_files $uri $uri.html $uri/ /index.html; }' '}' > /etc/nginx/conf.d/default.conf
WORKDIR /app
COPY --from=build /app/dist /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
