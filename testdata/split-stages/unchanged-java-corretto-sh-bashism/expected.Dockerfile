FROM amazoncorretto:17
WORKDIR /app
COPY src src
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
