// Writes schema/msb-opt.schema.json from the settings table of the fresh bundle (run by the build, so the
// schema never drifts): every setting whose `config` edge is exposed, with its type, choices and help.

import { writeFileSync } from "node:fs";

/** One setting's JSON Schema. */
function propertyOf({ spec, pass }, passIds) {
  const description = `${pass ? `${pass}: ` : ""}${spec.help.replace(/^./, (c) => c.toUpperCase())}.`;
  const withDefault = (schema) => (spec.default === undefined ? schema : { ...schema, default: spec.default });
  switch (spec.type) {
    case "boolean":
      return withDefault({ type: "boolean", description });
    case "number":
      return withDefault({ type: "integer", minimum: spec.min ?? 0, description });
    case "passIds":
      return { type: "array", items: { enum: passIds }, uniqueItems: true, description };
    default:
      if (spec.choices) return withDefault({ enum: spec.choices, description });
      return withDefault({ type: "string", minLength: 1, ...(spec.pattern ? { pattern: spec.pattern } : {}), description });
  }
}

export function configSchema(settings, passIds) {
  const properties = Object.fromEntries(
    settings.filter((e) => (e.spec.edges ?? ["config"]).includes("config")).map((e) => [e.name, propertyOf(e, passIds)]),
  );
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://msb-opt.dev/schema/msb-opt.schema.json",
    title: "msb-opt configuration (.msb-opt.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      ...properties,
      dockerHosts: {
        type: "array",
        description:
          "The Docker engines `msb-opt verify` (the first) and `batch --verify` (all, apps spread over them) build and run on: daemon URLs (unix://, tcp://, ssh://) or docker context names. `--docker-host` flags win.",
        minItems: 1,
        items: { type: "string", pattern: "^((unix|tcp|ssh|npipe|fd)://\\S+|[A-Za-z0-9][A-Za-z0-9_.+-]*)$" },
      },
      overrides: {
        type: "array",
        description:
          "Settings for the Dockerfiles that match `files` (globs relative to this file's folder), applied in order: a value replaces the one before; `skip` adds to what is skipped, `passes` replaces the selection and turns those passes back on.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: { files: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] }, ...properties },
        },
      },
    },
  };
}

export function writeSchema(settings, passIds, file = "schema/msb-opt.schema.json") {
  writeFileSync(file, `${JSON.stringify(configSchema(settings, passIds), null, 2)}\n`);
}
