# msb-opt's own image: the CLI (`docker run --rm -i msb-opt - < Dockerfile`) and a BuildKit frontend
# (`# syntax=<registry>/msb-opt:1` as the first line of a Dockerfile). One Node bundle serves both.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/build.mjs scripts/
COPY passes passes
COPY src src
# dist/package.json: Node then loads the bundle as ESM directly, without trying CommonJS first.
RUN node scripts/build.mjs --bundle-only && rm dist/*.map && echo '{"type":"module"}' > dist/package.json
# A file for the run below that writes the code cache: the passes compile what they use on such a file.
RUN mkdir warm-up && printf '%s\n' 'FROM debian:bookworm-slim' 'RUN apt-get update' \
      'RUN apt-get install -y --no-install-recommends jq' 'COPY greet.sh /usr/local/bin/greet' 'CMD ["greet"]' > warm-up/Dockerfile

FROM gcr.io/distroless/nodejs20-debian12:nonroot
# BuildKit runs the frontend without network, and checks that it accepts the inputs, subrequests and named
# contexts a client may send (msb-opt hands all of them on to the inner frontend).
LABEL moby.buildkit.frontend.network.none="true" \
      moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts" \
      org.opencontainers.image.title="msb-opt" \
      org.opencontainers.image.description="Dockerfile optimizer: CLI and BuildKit frontend"
COPY --from=build /src/dist /msb-opt/dist
COPY bin/package.json bin/code-cache.js bin/msb-opt-image.js /msb-opt/bin/
# One run now writes the V8 code cache of the bundle (bin/code-cache.js) for this image's Node: every
# frontend start then skips parsing and compiling it. Written as root (the base image's user is nonroot),
# read by the user below.
USER 0:0
ENV MSB_OPT_CACHE_DIR=/msb-opt/cache
COPY --from=build /src/warm-up /msb-opt/warm-up
RUN ["/nodejs/bin/node", "/msb-opt/bin/msb-opt-image.js", "--offline", "-q", "/msb-opt/warm-up/Dockerfile"]
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/nodejs/bin/node", "/msb-opt/bin/msb-opt-image.js"]
