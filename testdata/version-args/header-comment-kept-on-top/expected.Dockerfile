# Copyright 2026 Example Corp.

ARG JAVA_VERSION=21.0.8_9

# Builder: full JDK
FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
WORKDIR /src
COPY . .
RUN javac -d out Main.java && jar cfe app.jar Main -C out .

FROM eclipse-temurin:${JAVA_VERSION}-jre
COPY --from=build /src/app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
