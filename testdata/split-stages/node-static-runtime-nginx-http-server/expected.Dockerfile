FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /srv/site
COPY . .
RUN node build.mjs

FROM nginx:stable AS runtime
RUN printf '%s\n' 'server {' '    listen 9000;' '    absolute_redirect off;' '    root /usr/share/nginx/html;' '    error_page 404 /404.html;' '    location / { try_files $uri $uri.html $uri/ =404; }' '}' > /etc/nginx/conf.d/default.conf
WORKDIR /srv/site
COPY --from=build /srv/site/dist /usr/share/nginx/html
EXPOSE 9000
CMD ["nginx", "-g", "daemon off;"]
