FROM node:22.23.2 AS build
RUN echo hi
FROM node:22.23.2-slim
