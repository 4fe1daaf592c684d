// Where `prisma generate` writes the client, read from the schema the way the Prisma CLI finds it: `--schema`,
// package.json's `prisma.schema`, else `prisma/schema.prisma` or `schema.prisma`. The `prisma-client-js`
// generator writes `node_modules/.prisma/client` unless its `output` says otherwise; any other generator must
// name its output. A config file (`prisma.config.ts`) may move the schema: unknown, as is an `env()` output.
import { posix } from "node:path";
import type { Analysis, ProjectInstall } from "../analysis.js";
import type { NodeProject } from "../closure/node-project.js";
import { contextSource } from "../entry.js";
import { isUnder } from "../paths.js";
import type { Layout } from "./node-runtime-layout.js";
import { type ConfigReader, configNames, flagValue, outputs, parseJsonc, type ToolOutputs, unknown } from "./node-tool-config.js";

/** The production packages (or, without a lockfile, the manifest's dependencies) include Prisma's client. */
export function usesPrismaClient(project: NodeProject): boolean {
  const direct = Object.keys({ ...project.pkg.dependencies, ...project.pkg.optionalDependencies });
  return (project.prodPackages?.map((p) => p.name) ?? direct).includes("@prisma/client");
}

/** The folder a default `prisma-client-js` client lives in, relative to the project. */
export const DEFAULT_CLIENT = "node_modules/.prisma";

const CONFIGS = [...configNames("prisma.config"), ...configNames(".config/prisma")];

/** The schema file the CLI reads (relative to the project folder), or null when it cannot be told. */
function schemaPath(args: readonly string[], read: ConfigReader): string | "config" | null {
  const flag = flagValue(args, ["--schema"]);
  if (flag !== null) return /[$`]/.test(flag) ? null : posix.normalize(flag);
  if (CONFIGS.some((c) => read(c) !== null)) return "config";
  const prisma = parseJsonc(read("package.json") ?? "{}")?.prisma;
  const configured = prisma && typeof prisma === "object" ? (prisma as { schema?: unknown }).schema : undefined;
  if (configured !== undefined) return typeof configured === "string" ? posix.normalize(configured) : null;
  return ["prisma/schema.prisma", "schema.prisma"].find((f) => read(f) !== null) ?? null;
}

/** The folders (relative to the project) `prisma generate [args]` writes its clients into, or why they are unknown. */
export function prismaClientFolders(args: readonly string[], read: ConfigReader): ToolOutputs {
  const path = schemaPath(args, read);
  if (path === "config") return unknown("outputsPrismaSchema", { detail: "a Prisma config file may name another schema" });
  if (path === null) return unknown("outputsPrismaSchema", { detail: "no schema file was found where the CLI looks" });
  const text = read(path);
  if (text === null) return unknown("outputsPrismaSchema", { detail: `\`${path}\` is not in the build context` });
  const folders: string[] = [];
  for (const block of text.matchAll(/^\s*generator\s+\w+\s*\{([^}]*)\}/gm)) {
    const body = block[1].replace(/\/\/.*$/gm, "");
    const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(body)?.[1] ?? null;
    const output = /^\s*output\s*=\s*(.+?)\s*$/m.exec(body)?.[1] ?? null;
    if (output === null && provider === "prisma-client-js") {
      folders.push(DEFAULT_CLIENT);
      continue;
    }
    const literal = output === null ? null : /^"([^"$]+)"$/.exec(output)?.[1];
    if (!literal) return unknown("outputsPrismaSchema", { detail: `generator \`${provider ?? "?"}\` names no literal output` });
    folders.push(posix.normalize(posix.join(posix.dirname(path), literal)));
  }
  return outputs(...folders);
}

/**
 * What the runtime must take from the build so Prisma's client is the generated one: the deps stage's install
 * has only the manifests, so @prisma/client's postinstall leaves a stub there. The client folders the install
 * itself generated (the schema was in the context) are laid over node_modules from the build stage; those a
 * build RUN generates are among its outputs already. `why` when the client cannot be placed.
 */
export function prismaOverlay(
  a: Analysis,
  read: ConfigReader,
  project: NodeProject,
  install: ProjectInstall,
  layout: Layout,
): { readonly folders: readonly string[] } | { readonly why: string } {
  const wd = a.workdir ?? "/";
  if (project.manager !== "npm" && project.manager !== "yarn")
    return { why: `Prisma's generated client is not kept in \`${DEFAULT_CLIENT}\` by a ${project.manager} install` };
  const generated = layout.kind === "outputs" ? layout.runs.flatMap((r) => r.outputs) : [];
  // The schema where the CLI finds it by default: a RUN may generate from it, or @prisma/client's postinstall.
  const atInstall = prismaClientFolders([], read);
  if (!atInstall.ok) return { why: `where Prisma's client is generated is unknown (${atInstall.why.data.detail ?? ""})` };
  // --ignore-scripts: the install generated nothing, as in the deps stage; nor without the schema, which a COPY
  // after it brings (a client generated before and kept in the context comes from the context then).
  if (install.args.includes("--ignore-scripts")) return { folders: [] };
  const schema = schemaPath([], read);
  if (typeof schema === "string" && !copiedBefore(a, install.index, posix.join(wd, schema))) return { folders: [] };
  const folders = atInstall.paths.map((p) => posix.join(wd, p)).filter((p) => !generated.some((g) => isUnder(p, g)));
  // The whole working folder comes from the build (minus node_modules): a client generated elsewhere in it comes too.
  const modules = posix.join(wd, "node_modules");
  const apart = folders.filter((p) => !isUnder(p, modules));
  if (apart.length > 0 && layout.kind !== "files")
    return { why: `the install generates Prisma's client into \`${apart[0]}\`, which the runtime's copies from the context lack` };
  return { folders: folders.filter((p) => isUnder(p, modules)) };
}

/** Did a COPY or ADD from the context before body index `index` put the file the image has at `path` there? */
function copiedBefore(a: Analysis, index: number, path: string): boolean {
  const src = contextSource(path, a.sources);
  if (src === null) return false;
  const glob = (w: string) =>
    new RegExp(
      `^${w
        .replace(/[.+^${}()|\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")
        .replace(/\[!/g, "[^")}(/.*)?$`,
    );
  return a.stage.body.slice(0, index).some((i) => {
    if ((i.keyword !== "COPY" && i.keyword !== "ADD") || i.flags.some((f) => f.name === "from")) return false;
    const words = (i.exec ?? i.args.trim().split(/\s+/)).slice(0, -1).map((w) => w.replace(/^\.\//, "").replace(/\/+$/, ""));
    return words.some((w) => w === "." || w === "" || src === w || src.startsWith(`${w}/`) || glob(w).test(src));
  });
}
