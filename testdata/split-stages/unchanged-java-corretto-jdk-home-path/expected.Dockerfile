FROM amazoncorretto:17
WORKDIR /app
COPY src src
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .
ENTRYPOINT ["/usr/lib/jvm/java-17-amazon-corretto/bin/java", "-jar", "app.jar"]
