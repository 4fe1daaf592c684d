FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -d classes src/Main.java && jar cfe app.jar Main -C classes .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/application.properties /app/application.properties
COPY --from=build /app/config /app/config
COPY --from=build /app/plugins /app/plugins
COPY --from=build /app/app.jar /app/app.jar
ENV LOADER_PATH=plugins
CMD ["java", "-Dfile.encoding=UTF-8", "-jar", "app.jar"]
