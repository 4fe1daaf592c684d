FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out . && jlink --add-modules java.base --output /opt/jre --strip-debug --no-header-files --no-man-pages
CMD ["/opt/jre/bin/java", "-jar", "app.jar"]
