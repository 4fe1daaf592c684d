FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/data /app/data
COPY --from=build /app/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "app.jar"]
