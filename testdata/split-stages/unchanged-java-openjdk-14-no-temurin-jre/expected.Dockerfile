FROM openjdk:14-jdk-slim
WORKDIR /app
COPY src ./src
RUN javac -d classes src/Main.java && jar cfe app.jar Main -C classes .
LABEL org.opencontainers.image.title="hello"
CMD ["java", "-jar", "/app/app.jar"]
