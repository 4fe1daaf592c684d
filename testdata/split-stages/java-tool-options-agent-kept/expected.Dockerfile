FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out . \
    && javac -d agent-out agent/Agent.java && jar --create --file otel.jar --manifest agent/MANIFEST.MF -C agent-out .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
COPY --from=build /app/otel.jar /app/otel.jar
ENV JAVA_TOOL_OPTIONS="-javaagent:/app/otel.jar"
ENTRYPOINT ["java", "-jar", "app.jar"]
