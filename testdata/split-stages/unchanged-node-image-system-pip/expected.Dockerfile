FROM node:20
WORKDIR /app
COPY . .
RUN pip3 install --break-system-packages yt-dlp
RUN npm ci
CMD ["node", "server.js"]
