FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml ./
COPY ci/settings.xml ./ci/
RUN mvn -B -s ci/settings.xml dependency:go-offline
COPY . .
RUN mvn -B -o -s ci/settings.xml package
