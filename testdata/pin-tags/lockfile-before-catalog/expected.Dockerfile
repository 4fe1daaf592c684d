FROM node:22.20.0
FROM node:22.20.0-slim
