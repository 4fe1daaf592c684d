FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN addgroup --system app && adduser --system --ingroup app app
USER app
CMD ["node", "index.js"]
