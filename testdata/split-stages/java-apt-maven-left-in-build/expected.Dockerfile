FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
RUN apt-get update && apt-get install -y maven && rm -rf /var/lib/apt/lists/*
COPY pom.xml .
COPY src ./src
RUN mvn -q package

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["java", "-cp", "target/app-1.0.jar", "app.Main"]
