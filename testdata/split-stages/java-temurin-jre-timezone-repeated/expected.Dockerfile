FROM eclipse-temurin:17-jdk AS build
ARG TZ=Europe/Paris
RUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone
WORKDIR /app
COPY . .
RUN javac -d out src/App.java && jar --create --file app.jar --main-class App -C out .

FROM eclipse-temurin:17-jre AS runtime
ARG TZ=Europe/Paris
RUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime \
    && echo $TZ > /etc/timezone
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "app.jar"]
