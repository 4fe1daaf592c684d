FROM gradle:8-jdk17 AS build
WORKDIR /home/gradle
COPY . .
RUN gradle jar --offline --no-daemon

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /home/gradle
COPY --from=build /home/gradle/build/libs/app.jar /home/gradle/build/libs/app.jar
ENTRYPOINT ["java","-jar","build/libs/app.jar"]
