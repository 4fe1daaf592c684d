FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY .mvn ./.mvn/
RUN mvn -B dependency:go-offline
COPY . .
RUN mvn -B -o package
