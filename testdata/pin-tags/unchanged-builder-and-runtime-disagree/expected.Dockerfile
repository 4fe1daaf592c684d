FROM node:24 AS build
FROM node:24-slim
