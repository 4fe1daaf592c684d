FROM amazoncorretto:17 AS build
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
ENTRYPOINT ["java", "-jar", "app.jar"]
