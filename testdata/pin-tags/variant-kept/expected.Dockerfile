FROM node:22.23.2-slim
FROM node:24.19.0-slim
FROM golang:1.27.0-alpine
FROM rust:1.98.0-slim-bookworm
