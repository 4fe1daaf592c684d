ARG V=1
FROM golang:${V}-alpine AS build
FROM rust:${V}-alpine3.22
