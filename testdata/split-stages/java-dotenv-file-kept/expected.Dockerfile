FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -cp lib/dotenv-java.jar -d out src/App.java && cd out && jar xf ../lib/dotenv-java.jar && cd .. && jar --create --file app.jar --main-class App -C out .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/.env /app/.env
COPY --from=build /app/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "app.jar"]
