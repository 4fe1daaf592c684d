FROM gradle:8-jdk17 AS build
WORKDIR /home/gradle/project
COPY . .
RUN gradle build --no-daemon

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /home/gradle/project
COPY --from=build /home/gradle/project/data /home/gradle/project/data
COPY --from=build /home/gradle/project/public /home/gradle/project/public
COPY --from=build /home/gradle/project/build/libs/project.jar /home/gradle/project/build/libs/project.jar
CMD ["java", "-jar", "build/libs/project.jar"]
