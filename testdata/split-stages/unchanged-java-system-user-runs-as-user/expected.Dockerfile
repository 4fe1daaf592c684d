FROM eclipse-temurin:17
RUN addgroup -S spring && adduser -S spring -G spring
COPY target/dependency/BOOT-INF/classes /app
USER spring:spring
RUN mkdir /tmp/cache
ENTRYPOINT ["java","-cp","app","hello.Application"]
