// `@prisma/client` (Prisma 2 to 6) has a postinstall script that runs `prisma generate` when it finds the project's
// schema: the install then reads the schema (and Prisma's config file, which may name it), and the client it writes
// is the one the app and a later `tsc`/`next build` use. Without the schema it writes a stub instead, so the schema
// must be in place before the install, as Prisma's own Docker guides copy it.
import { posix } from "node:path";
import { type Collector, join, type Refused, refused } from "./collector.js";

const CONFIG_FILES = [
  "prisma.config.ts",
  "prisma.config.mts",
  "prisma.config.cts",
  "prisma.config.js",
  "prisma.config.mjs",
  "prisma.config.cjs",
];
const DEFAULT_SCHEMAS = ["prisma/schema.prisma", "prisma/schema", "schema.prisma"];
const CLIENT_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"];

/** The context paths `@prisma/client`'s install script reads for the package in `dir`; [] when it has none. */
export function prismaInstallReads(pkg: Readonly<Record<string, unknown>>, dir: string, c: Collector): readonly string[] | Refused {
  const hasClient = CLIENT_FIELDS.some((f) => {
    const deps = pkg[f];
    return deps !== null && typeof deps === "object" && "@prisma/client" in deps;
  });
  if (!hasClient) return [];
  const reads: string[] = [];
  const schemas = [...DEFAULT_SCHEMAS];
  const field = (pkg.prisma as { schema?: unknown } | undefined)?.schema;
  if (typeof field === "string") schemas.unshift(field);
  for (const name of CONFIG_FILES) {
    const file = join(dir, name);
    const text = file === null ? null : c.ctx.read(file);
    if (file === null || text === null) continue;
    reads.push(file);
    const literal = /\bschema\s*:\s*(["'`])([^"'`$]+)\1/.exec(text);
    if (literal) schemas.unshift(literal[2]);
    else if (/\bschema\s*:/.test(text)) return refused("dependencyReadsComputed", { dependency: "@prisma/client", path: file });
  }
  for (const schema of schemas) {
    const path = join(dir, schema);
    if (path === null || !c.ctx.exists(path)) continue;
    // The schema's folder, as the guides copy it (`COPY prisma ./prisma/`): a multi-file schema lives there too.
    const folder = posix.dirname(path);
    reads.push(folder !== "." && folder !== (dir || ".") ? folder : path);
    break;
  }
  return reads;
}
