FROM openjdk:17-jdk-slim
RUN useradd -m app
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out . && mkdir logs && chown app logs
USER app
ENTRYPOINT ["java", "-jar", "app.jar"]
