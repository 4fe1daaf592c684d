FROM adoptopenjdk:11-jdk-openj9
WORKDIR /app
COPY src src
RUN javac -d out src/Main.java && jar cfe app.jar Main -C out .
CMD ["java", "-jar", "app.jar"]
