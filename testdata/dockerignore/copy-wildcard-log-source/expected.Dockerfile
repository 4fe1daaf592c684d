FROM node:20
WORKDIR /app
COPY *.log /var/log/app/
COPY index.js .
CMD ["node", "index.js"]
