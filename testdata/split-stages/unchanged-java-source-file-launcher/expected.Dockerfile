FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY Hello.java .
RUN javac -d out Hello.java
CMD ["java", "Hello.java"]
