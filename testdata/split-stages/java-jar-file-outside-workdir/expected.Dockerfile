FROM eclipse-temurin:17-jdk AS build
WORKDIR /opt/app
COPY . .
RUN mkdir -p /opt/out/classes && javac -d /opt/out/classes src/app/Main.java && jar --create --file /opt/out/app.jar --main-class app.Main -C /opt/out/classes .

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /opt/app
COPY --from=build /opt/out/app.jar /opt/out/app.jar
COPY --from=build /opt/out/classes /opt/out/classes
COPY --from=build /opt/app /opt/app
ENTRYPOINT ["/opt/app/entrypoint.sh"]
