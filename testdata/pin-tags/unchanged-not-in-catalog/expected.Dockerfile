FROM ghcr.io/acme/app:latest
FROM node:16
FROM myorg/tool
