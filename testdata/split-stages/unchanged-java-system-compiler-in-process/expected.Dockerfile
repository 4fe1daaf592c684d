FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY src ./src
RUN javac -d classes src/hello/Main.java && jar cfe app.jar hello.Main -C classes .
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
CMD ["world"]
