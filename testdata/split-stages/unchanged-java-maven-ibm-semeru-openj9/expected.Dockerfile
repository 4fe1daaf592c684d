FROM maven:3.9-ibm-semeru-17-focal
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -o -q package
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
