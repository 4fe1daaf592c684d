FROM openjdk:21 AS build
WORKDIR /app
COPY . .
RUN javac -d classes src/Main.java

FROM eclipse-temurin:21-jre AS runtime
WORKDIR /app
COPY --from=build /app/greeting.txt /app/greeting.txt
COPY --from=build /app/classes /app/classes
ENV JAVA_OPTS="-Xmx64m"
CMD ["java", "-cp", "classes", "Main"]
