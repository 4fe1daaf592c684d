FROM node:20
ARG API_KEY=sk-live-1234
RUN curl -H "Authorization: $API_KEY" https://example.com/setup
