FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml mvnw ./
COPY .mvn ./.mvn/
RUN ./mvnw -B dependency:go-offline
COPY . .
RUN ./mvnw -B package -DskipTests
