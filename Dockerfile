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

FROM gcr.io/distroless/nodejs20-debian12:nonroot
# BuildKit runs the frontend without network, and checks that it accepts the inputs, subrequests and named
# contexts a client may send (msb-opt hands all of them on to the inner frontend).
LABEL moby.buildkit.frontend.network.none="true" \
      moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts" \
      org.opencontainers.image.title="msb-opt" \
      org.opencontainers.image.description="Dockerfile optimizer: CLI and BuildKit frontend"
COPY --from=build /src/dist /msb-opt/dist
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/nodejs/bin/node", "/msb-opt/dist/frontend.js"]
