FROM eclipse-temurin:21-jdk-noble AS build
RUN \
  useradd -ms /bin/bash webgoat && \
  chgrp -R 0 /home/webgoat && \
  chmod -R g=u /home/webgoat
USER webgoat
COPY --chown=webgoat target/webgoat-*.jar /home/webgoat/webgoat.jar

FROM eclipse-temurin:21-jre-noble AS runtime
RUN useradd -ms /bin/bash webgoat \
    && chgrp -R 0 /home/webgoat \
    && chmod -R g=u /home/webgoat
USER webgoat
COPY --from=build /home/webgoat /home/webgoat
EXPOSE 8080
WORKDIR /home/webgoat
ENTRYPOINT ["java", "-Duser.home=/home/webgoat", "-jar", "webgoat.jar"]
