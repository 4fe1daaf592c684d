FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -o -q package

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /build
COPY --from=build /build /build
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
