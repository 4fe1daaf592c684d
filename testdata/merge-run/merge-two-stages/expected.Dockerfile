FROM debian:bookworm AS build
RUN mkdir /out \
    && echo built > /out/file

FROM debian:bookworm
COPY --from=build /out /out
RUN mkdir /app \
    && cp /out/file /app/
