FROM eclipse-temurin:21-jdk-alpine AS build
WORKDIR /app
COPY . .
RUN javac -d out src/App.java

FROM eclipse-temurin:21-jre-alpine AS runtime
WORKDIR /app
COPY --from=build /app/out /app/out
CMD ["java", "-cp", "out", "App"]
