FROM openjdk:17-jdk-slim AS build
WORKDIR /app
COPY src ./src
RUN javac -d classes src/Main.java && jar cfe app.jar Main -C classes .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
LABEL org.opencontainers.image.title="hello"
CMD ["java", "-jar", "/app/app.jar"]
