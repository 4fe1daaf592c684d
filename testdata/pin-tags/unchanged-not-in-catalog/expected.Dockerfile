FROM ghcr.io/acme/app:latest
FROM node:10
FROM myorg/tool
