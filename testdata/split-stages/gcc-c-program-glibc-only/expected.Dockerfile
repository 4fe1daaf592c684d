FROM gcc:latest AS build
COPY . /usr/src/myapp
WORKDIR /usr/src/myapp
RUN gcc -o myapp main.c -lm

FROM debian:trixie-slim AS runtime
WORKDIR /usr/src/myapp
COPY --from=build /usr/src/myapp /usr/src/myapp
CMD ["./myapp"]
