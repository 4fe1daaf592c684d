FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY lib ./lib
COPY src ./src
RUN javac -d libclasses lib/Greeting.java && jar cf lib/greeting.jar -C libclasses . \
 && javac -cp lib/greeting.jar -d classes src/Main.java \
 && printf 'Main-Class: Main\nClass-Path: lib/greeting.jar\n' > manifest.txt && jar cfm app.jar manifest.txt -C classes .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["java", "-jar", "app.jar"]
