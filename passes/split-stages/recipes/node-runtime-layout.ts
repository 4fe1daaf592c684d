// How the layered Node runtime gets the application files: `plain` replays the context COPYs (no RUN but
// installs), `outputs` replays them and copies each build RUN's known outputs (node-outputs.ts), `files`
// takes the build's whole working folder minus node_modules, with why when a faster layout was not proven.
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { BuildContext } from "../../../src/core/context.js";
import type { Instruction } from "../../../src/core/ir.js";
import type { Analysis, ProjectInstall } from "../analysis.js";
import type { NodeProject } from "../closure/node-project.js";
import { resolvePath } from "../paths.js";
import { manifestOnly } from "./node-deps.js";
import { type BuildRun, buildOutputs } from "./node-outputs.js";

/** A RUN the runtime does not need replayed: an OS install, a global install, or the project install alone. */
function plainRun(a: Analysis, instr: Instruction, index: number, install: ProjectInstall | undefined): boolean {
  if (index === install?.index) return install.alone;
  return a.apt.some((x) => x.instr === instr) || a.globalInstalls.some((g) => g.instr === instr && g.alone);
}

export type Layout =
  | { readonly kind: "plain" }
  | { readonly kind: "outputs"; readonly runs: readonly BuildRun[] }
  | { readonly kind: "files"; readonly why: string | null };

/** How the runtime gets the application files (see `layeredPlan`), with why when it must take the whole folder. */
export function runtimeLayout(
  a: Analysis,
  context: BuildContext,
  project: NodeProject,
  install: ProjectInstall | undefined,
  needsModules: boolean,
  harden: boolean,
): Layout {
  if (harden) return { kind: "files", why: null };
  // A COPY before the install brought the context's node_modules, which the install then replaced: replaying
  // it would mix them into the production ones.
  const hostModules = withDockerignore(context).exists(project.dir === "." ? "node_modules" : `${project.dir}/node_modules`);
  const before = install ? a.stage.body.slice(0, install.index) : [];
  if (hostModules && before.some((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !manifestOnly(i)))
    return { kind: "files", why: "the build context holds a `node_modules` that the install replaced (add it to `.dockerignore`)" };
  const skip = (instr: Instruction, i: number) => plainRun(a, instr, i, install);
  const replayable = copiesAtWorkdir(a);
  const runs = a.stage.body.filter((instr, i) => instr.keyword === "RUN" && !skip(instr, i));
  if (replayable && needsModules && runs.length === 0) return { kind: "plain" };
  if (runs.length === 0) return { kind: "files", why: null };
  if (!replayable) return { kind: "files", why: "a COPY to a relative path was made under another working folder" };
  const built = buildOutputs(a, project, context, install, skip);
  if (!built.ok) return { kind: "files", why: built.why };
  if (built.runs.every((r) => r.outputs.length === 0)) return { kind: "files", why: "the build steps write no output msb-opt knows of" };
  return { kind: "outputs", runs: built.runs };
}

/** Every COPY to a relative destination was made in the final working folder (the runtime replays them there). */
function copiesAtWorkdir(a: Analysis): boolean {
  let cwd: string | null = "/";
  for (const instr of a.stage.body) {
    if (instr.keyword === "WORKDIR") cwd = resolvePath(cwd, instr.args.trim().replace(/^"(.*)"$/, "$1"));
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    const dest = (instr.exec ?? instr.args.trim().split(/\s+/)).at(-1) ?? "";
    if (!dest.startsWith("/") && cwd !== a.workdir) return false;
  }
  return true;
}
