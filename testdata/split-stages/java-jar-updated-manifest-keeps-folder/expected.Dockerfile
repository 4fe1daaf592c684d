FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -d depout src/dep/Greeter.java && mkdir lib && jar cf lib/dep.jar -C depout . \
 && javac -cp depout -d out src/app/App.java && jar cfe app.jar app.App -C out . && jar ufm app.jar manifest.txt

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app /app
ENTRYPOINT ["java", "-jar", "app.jar"]
