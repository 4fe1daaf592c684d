FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY . .
RUN javac Main.java && jar cfe app.jar Main Main.class
RUN echo "networkaddress.cache.ttl=10" >> $JAVA_HOME/conf/security/java.security
CMD ["java", "-jar", "app.jar"]
