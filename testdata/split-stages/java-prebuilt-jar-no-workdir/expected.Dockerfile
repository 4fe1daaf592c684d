FROM adoptopenjdk/openjdk11 AS build
COPY target/*.jar app.jar

FROM eclipse-temurin:11-jre AS runtime
COPY --from=build /app.jar /app.jar
CMD java -jar app.jar
