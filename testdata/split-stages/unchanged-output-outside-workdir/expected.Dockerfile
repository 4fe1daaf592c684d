FROM eclipse-temurin:17-jdk
WORKDIR /src
COPY . .
RUN javac -cp /opt/libs/json.jar -d classes Main.java
CMD ["java", "-cp", "classes:/opt/libs/json.jar", "Main"]
