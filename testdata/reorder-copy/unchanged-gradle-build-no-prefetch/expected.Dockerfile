FROM gradle:8-jdk21
WORKDIR /home/gradle/app
COPY . .
RUN gradle bootJar --no-daemon
