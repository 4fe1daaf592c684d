FROM nginx:1.25
RUN apt-get update && apt-get install -y nodejs npm
WORKDIR /src
COPY . .
RUN npm ci && npm run build
