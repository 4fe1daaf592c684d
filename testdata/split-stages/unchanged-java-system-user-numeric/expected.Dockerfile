FROM eclipse-temurin:17
RUN addgroup -S spring && adduser -S spring -G spring
COPY target/dependency/BOOT-INF/classes /app
USER 100:101
ENTRYPOINT ["java","-cp","app","hello.Application"]
