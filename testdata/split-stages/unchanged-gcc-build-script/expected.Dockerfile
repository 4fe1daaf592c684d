FROM gcc:latest
WORKDIR /app
COPY . .
RUN ./build.sh
CMD ["./app"]
