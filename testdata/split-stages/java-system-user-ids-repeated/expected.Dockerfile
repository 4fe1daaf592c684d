FROM eclipse-temurin:17 AS build
RUN addgroup -S spring && adduser -S spring -G spring
USER spring:spring
ARG DEPENDENCY=target/dependency
COPY ${DEPENDENCY}/BOOT-INF/classes /app

FROM eclipse-temurin:17-jre AS runtime
RUN addgroup -S spring \
    && adduser -S spring -G spring
USER spring:spring
ARG DEPENDENCY=target/dependency
COPY --from=build /app /app
ENTRYPOINT ["java","-cp","app","hello.Application"]
