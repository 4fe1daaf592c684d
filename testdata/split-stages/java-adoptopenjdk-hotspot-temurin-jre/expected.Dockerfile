FROM adoptopenjdk:11-jdk-hotspot AS build
WORKDIR /app
COPY src src
RUN javac -d out src/Main.java && jar cfe app.jar Main -C out .

FROM eclipse-temurin:11-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
CMD ["java", "-jar", "app.jar"]
