FROM node:20
RUN npm --version \
    && npm install -g npm@10 \
    && hash -r \
    && npm --version \
    && npm cache clean --force
