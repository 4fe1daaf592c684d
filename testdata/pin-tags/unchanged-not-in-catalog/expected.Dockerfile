FROM ghcr.io/acme/app:latest
FROM node:20
FROM myorg/tool
