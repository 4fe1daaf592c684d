FROM eclipse-temurin:17-jre
WORKDIR /app
COPY app.jar .
CMD ["java", "-jar", "app.jar"]
