FROM eclipse-temurin:21-jdk-jammy
WORKDIR /app
COPY gradlew build.gradle ./
COPY src src
RUN chmod +x gradlew && ./gradlew assemble
CMD ["./gradlew", "bootRun"]
