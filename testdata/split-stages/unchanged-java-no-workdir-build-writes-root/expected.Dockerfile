FROM eclipse-temurin:17-jdk
COPY . .
RUN javac -d classes src/Main.java
CMD ["java", "-cp", "classes", "Main"]
