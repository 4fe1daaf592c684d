FROM gradle:8-jdk17
WORKDIR /app
COPY --chown=gradle:gradle . .
USER gradle
RUN gradle jar --offline --no-daemon
ENTRYPOINT ["java","-jar","build/libs/app.jar"]
