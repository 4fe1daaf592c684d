FROM debian:bookworm AS build
RUN apt-get update && apt-get upgrade -y && apt-get install -y build-essential
WORKDIR /src
COPY . .
RUN make

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get upgrade -y
WORKDIR /src
COPY --from=build /src /src
CMD ["./hello"]
