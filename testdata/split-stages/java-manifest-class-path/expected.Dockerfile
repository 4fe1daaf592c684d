FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY lib ./lib
COPY src ./src
COPY manifest.txt ./
RUN javac -d libclasses lib/Greeting.java && jar cf lib/greeting.jar -C libclasses . \
 && javac -cp lib/greeting.jar -d classes src/Main.java && jar cfm app.jar manifest.txt -C classes .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
COPY --from=build /app/lib/greeting.jar /app/lib/greeting.jar
CMD ["java", "-jar", "app.jar"]
