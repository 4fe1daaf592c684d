FROM gradle:7.5.1-jdk11 AS build
COPY . .
RUN gradle build

FROM eclipse-temurin:11-jre AS runtime
WORKDIR /home/gradle
COPY --from=build /home/gradle/build/libs/app.jar /home/gradle/build/libs/app.jar
EXPOSE 8080
ENTRYPOINT ["java","-jar","build/libs/app.jar"]
