FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/migrations /app/migrations
COPY --from=build /app/scripts/migrate.sh /app/scripts/migrate.sh
COPY --from=build /app/seed/rows.csv /app/seed/rows.csv
COPY --from=build /app/tools/seed.sh /app/tools/seed.sh
COPY --from=build /app/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "app.jar"]
