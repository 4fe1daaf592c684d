FROM node:24.19.0
