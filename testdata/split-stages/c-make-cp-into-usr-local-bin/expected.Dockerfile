FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y build-essential
WORKDIR /src
COPY . .
RUN make && cp app /usr/local/bin/

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build /src /src
CMD ["app"]
