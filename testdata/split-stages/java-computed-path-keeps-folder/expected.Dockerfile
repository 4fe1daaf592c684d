FROM amazoncorretto:17 AS build
WORKDIR /app
COPY . .
RUN javac -d classes src/Main.java

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["java", "-cp", "classes", "Main", "data.txt"]
