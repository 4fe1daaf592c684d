FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY src src
RUN javac -d out src/app/Main.java && jar cfe app.jar app.Main -C out .
RUN mkdir -p /app/logs /app/data

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
COPY --from=build /app/data /app/data
COPY --from=build /app/logs /app/logs
CMD ["java", "-jar", "app.jar"]
