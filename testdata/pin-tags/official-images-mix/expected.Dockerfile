# base images of several kinds
FROM ubuntu:22.04 AS a
FROM debian:12.15-slim AS b
FROM alpine:3.24.1 AS c
FROM nginx:1.30.4-alpine AS d
FROM eclipse-temurin:21.0.12_8-jre AS e
