FROM node:20.20.2 AS build
FROM node:20.20.2-slim
