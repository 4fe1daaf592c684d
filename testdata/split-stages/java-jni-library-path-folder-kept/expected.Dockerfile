FROM eclipse-temurin:17-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN javac -d out src/app/Main.java && jar cfe app.jar app.Main -C out . \
 && mkdir -p native && gcc -shared -fPIC -I/usr/lib/jvm/java-17-openjdk-amd64/include -I/usr/lib/jvm/java-17-openjdk-amd64/include/linux -o native/libgreet.so greet.c

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=build /app/app.jar /app/app.jar
COPY --from=build /app/native /app/native
CMD ["java", "-Djava.library.path=native", "-jar", "app.jar"]
