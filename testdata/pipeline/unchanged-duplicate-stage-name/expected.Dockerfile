FROM golang:1.22 AS build
WORKDIR /src
RUN echo one > /out
FROM golang:1.22 AS Build
RUN echo two > /out
FROM debian:bookworm-slim
COPY --from=build /out /out
CMD ["cat", "/out"]
