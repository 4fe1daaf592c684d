FROM node:20
RUN useradd -m app
WORKDIR /home/app/site
COPY . .
CMD ["node", "index.js"]
