FROM nginx
COPY index2.html /usr/share/nginx/html/index2.html
# the pod runs `command: ["/home/reload.sh"]`
COPY reload.sh /home/reload.sh
RUN chmod +x /home/reload.sh
RUN apt-get update && apt-get install -y inotify-tools
