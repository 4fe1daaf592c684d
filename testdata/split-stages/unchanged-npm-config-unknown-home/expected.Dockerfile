FROM node:18
ENV HOME=/home/builder
RUN npm config set fund false
WORKDIR /usr/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["npm", "start"]
