FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY Main.java .
CMD ["sh", "-c", "javac Main.java && java Main"]
