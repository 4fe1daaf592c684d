FROM maven:3.6.3-adoptopenjdk-8 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -o -q package

FROM eclipse-temurin:8-jre AS runtime
WORKDIR /build
COPY --from=build /build /build
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
