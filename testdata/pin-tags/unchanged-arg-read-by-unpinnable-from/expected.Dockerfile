ARG V=22
FROM node:${V} AS build
FROM myorg/tool:${V}
