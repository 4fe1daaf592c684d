FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac App.java && jar cfe app.jar App App.class

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/config.yml /app/config.yml
COPY --from=build /app/app.jar /app/app.jar
CMD ["java", "-jar", "app.jar", "server", "config.yml"]
