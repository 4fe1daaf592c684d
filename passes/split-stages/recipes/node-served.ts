// A Node static server alone (`serve -s build`, `http-server dist`) reads nothing but the folder it serves
// (serve reads its `serve.json` there too), so when the build wrote that whole folder the runtime needs none
// of the context copies into the working folder: sources, manifests and configs stay in the build.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import { isUnder, resolvePath } from "../paths.js";
import type { BuildRun } from "./node-outputs.js";
import { staticServer } from "./node-static.js";

/** Servers that read only the folder they are given (vite preview reads the project's config and node_modules). */
const FOLDER_ONLY = new Set(["serve", "http-server"]);

export interface Served {
  readonly server: string;
  readonly dir: string;
  /** The context copies into the working folder that the runtime leaves out. */
  readonly skipped: ReadonlySet<Instruction>;
}

export function servedOnly(a: Analysis, context: BuildContext, runs: readonly BuildRun[]): Served | null {
  const site = staticServer(a, context);
  const wd = a.workdir;
  if (!site || !FOLDER_ONLY.has(site.server) || wd === null) return null;
  // Nothing else runs: a HEALTHCHECK or a second program may read other files.
  if (a.entry.some((e) => e.from === "HEALTHCHECK")) return null;
  const outputs = runs.flatMap((r) => r.outputs);
  if (outputs.length === 0 || !outputs.every((o) => isUnder(o, site.dir))) return null;
  // The context must add nothing to the served folder: every file there is one the build wrote.
  const rel = posix.relative(wd, site.dir);
  if (withDockerignore(context).exists(rel)) return null;
  const skipped = new Set<Instruction>();
  let cwd: string | null = "/";
  for (const instr of a.stage.body) {
    if (instr.keyword === "WORKDIR") cwd = resolvePath(cwd, instr.args.trim().replace(/^"(.*)"$/, "$1"));
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    if (instr.flags.some((f) => f.name === "from")) return null;
    const dest = resolvePath(cwd, (instr.exec ?? instr.args.trim().split(/\s+/)).at(-1) ?? "");
    if (dest === null || !isUnder(dest, wd) || isUnder(dest, site.dir)) return null;
    skipped.add(instr);
  }
  return { server: site.server, dir: site.dir, skipped };
}
