FROM maven:3.9-eclipse-temurin-21
USER app
COPY settings.xml /home/app/.m2/settings.xml
RUN mvn -B dependency:go-offline && rm /home/app/.m2/settings.xml
