FROM eclipse-temurin:17-jdk
WORKDIR /opt/app
COPY . .
RUN mkdir -p classes && javac -d classes src/app/Main.java && jar --create --file app.jar --main-class app.Main -C classes .
ENV JAVA_OPTS="-Dgreeting=hello"
CMD java $JAVA_OPTS -jar app.jar
