// Writes schema/msb-opt.schema.json from the pass list (run by the build, so the schema never drifts).
import { writeFileSync } from "node:fs";

export function configSchema(passIds) {
  const ids = { type: "array", items: { enum: passIds }, uniqueItems: true };
  const settings = {
    passes: { ...ids, description: "Run only these passes (canonical order is kept)." },
    skip: { ...ids, description: "Skip these passes." },
    syntaxDirective: {
      enum: ["auto", "never"],
      description: "May msb-opt add or raise `# syntax=`? never: for builders that cannot pull a frontend image.",
    },
    cacheMounts: { type: "boolean", description: "merge-run: use BuildKit cache mounts instead of deleting package-manager caches." },
    aptNoRecommends: {
      type: "boolean",
      description: "merge-run: add --no-install-recommends to apt-get install (changes which packages are installed).",
    },
    pin: { enum: ["tag", "digest", "none"], description: "pin-tags: how to pin base images." },
    offline: { type: "boolean", description: "pin-tags: never reach a registry (lockfile and bundled catalog only)." },
    harden: { type: "boolean", description: "split-stages: run the runtime stage as a non-root user where nothing visibly needs root." },
    runtimeBase: { enum: ["slim", "distroless", "scratch"], description: "split-stages: the preferred runtime base family." },
    testStage: { type: "boolean", description: "Move tests into a `test` stage that the runtime depends on." },
    secrets: {
      enum: ["report", "mount"],
      description:
        "build-secrets: report secrets passed as ARG/ENV or credential files, or rewrite them to `RUN --mount=type=secret` (mount).",
    },
    writeDockerignore: {
      type: "boolean",
      description:
        "dockerignore: write or extend the build context's .dockerignore (node_modules, .git, build output…), never excluding what a COPY needs.",
    },
    registryMirror: {
      type: "string",
      pattern: "^https?://",
      description: "pin-tags: query this mirror instead of Docker Hub for Docker Hub images.",
    },
    registryConfig: { type: "string", description: "pin-tags: a docker config.json with registry credentials." },
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://msb-opt.dev/schema/msb-opt.schema.json",
    title: "msb-opt configuration (.msb-opt.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      ...settings,
      overrides: {
        type: "array",
        description: "Settings for the Dockerfiles that match `files` (globs relative to this file's folder), applied in order.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: { files: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] }, ...settings },
        },
      },
    },
  };
}

export function writeSchema(passIds, file = "schema/msb-opt.schema.json") {
  writeFileSync(file, `${JSON.stringify(configSchema(passIds), null, 2)}\n`);
}
