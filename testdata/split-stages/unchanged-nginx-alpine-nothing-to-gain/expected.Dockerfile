FROM nginx:1.27-alpine
WORKDIR /usr/share/nginx/html
COPY index.html .
COPY site.conf /etc/nginx/conf.d/default.conf
EXPOSE 80
