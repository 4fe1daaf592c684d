// tsc without an `outDir` writes each output beside its source (`server.ts` → `server.js`): an entry file the
// context lacks is then the output of its TypeScript sibling, whose code is what the closure reads.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { NodeProject } from "./node-project.js";

/** The extensions of the sources tsc compiles to an output's extension. */
const SOURCES: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
  "": [".ts", ".tsx"],
};

/**
 * The context path of the TypeScript source of `rel` (the entry file, relative to the project's folder) when the
 * project's tsconfig.json sets no `outDir`, so tsc compiled it in place; null otherwise.
 */
export function tscInPlaceSource(project: NodeProject, context: BuildContext, rel: string): string | null {
  const config = context.read(posix.join(project.dir, "tsconfig.json"));
  // An `extends` may set the outDir in a file this does not read.
  if (config === null || /"(outDir|extends)"\s*:/.test(config.replace(/\/\/.*$/gm, ""))) return null;
  if (rel.startsWith("../") || posix.isAbsolute(rel)) return null;
  const ext = /\.[cm]?js$/.exec(rel)?.[0] ?? "";
  const stem = posix.join(project.dir, ext ? rel.slice(0, -ext.length) : rel);
  return (SOURCES[ext] ?? []).map((e) => stem + e).find((p) => context.read(p) !== null) ?? null;
}
