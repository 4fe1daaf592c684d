// How the layered Node runtime gets the application files: `plain` replays the context COPYs (no RUN but
// installs), `outputs` replays them and copies each build RUN's known outputs (node-outputs.ts), `files`
// takes the build's whole working folder minus node_modules, with why when a faster layout was not proven.
import { posix } from "node:path";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { BuildContext } from "../../../src/core/context.js";
import type { Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis, ProjectInstall } from "../analysis.js";
import type { NodeProject } from "../closure/node-project.js";
import { resolvePath } from "../paths.js";
import { manifestOnly } from "./node-deps.js";
import { type BuildRun, buildOutputs } from "./node-outputs.js";
import { hardeningBlocker } from "../harden.js";
import { copiesSetOwners } from "../owners.js";
import type { Reason } from "./node-tool-config.js";

/** The node image's non-root user, who owns a hardened runtime's files (the layered plan's `nonRootUser`). */
const HARDENED_OWNER = "node:node";
import type { RecipeNote } from "./types.js";

/**
 * A RUN the runtime does not need replayed: an OS install, a global install, the project install alone, or user,
 * group and apk setup alone (the runtime repeats it).
 */
function plainRun(a: Analysis, instr: Instruction, index: number, install: ProjectInstall | undefined): boolean {
  if (index === install?.index) return install.alone;
  return (
    a.apt.some((x) => x.instr === instr) ||
    a.globalInstalls.some((g) => g.instr === instr && g.alone) ||
    a.setup.some((u) => u.instr === instr && u.alone)
  );
}

/**
 * A RUN that only gives the working folder away (`chown -R node:node /app`, `chown -R node .`): the runtime
 * gets the same owners from `COPY --chown` instead of a build step. The owner as written, or null.
 */
export function ownershipRun(a: Analysis, instr: Instruction): string | null {
  if (instr.keyword !== "RUN" || instr.exec || instr.heredocs.length > 0 || instr.flags.length > 0 || a.workdir === null) return null;
  const script = parseShell(joinContinuations(instr.args));
  if (!script.ok) return null;
  const owners = new Set<string>();
  for (const cmd of simpleCommands(script)) {
    const words = cmd.args.map((w) => w.value);
    if (cmd.name !== "chown" || words.some((w) => w === null)) return null;
    const flags = (words as string[]).filter((w) => w.startsWith("-"));
    const [owner, ...paths] = (words as string[]).filter((w) => !w.startsWith("-"));
    if (!flags.every((f) => f === "-R" || f === "--recursive") || flags.length === 0 || !owner || /[$`]/.test(owner)) return null;
    if (
      paths.length === 0 ||
      paths.some((p) => resolvePath(a.cwdAt[a.stage.body.indexOf(instr)] ?? "/", p.replace(/\/+$/, "") || "/") !== a.workdir)
    )
      return null;
    owners.add(owner);
  }
  return owners.size === 1 ? [...owners][0] : null;
}

/**
 * `chown -R user` keeps each file's group: root's for what root copied or installed. A USER or a COPY with
 * `--chown` before the step would have given other groups, which one `COPY --chown` cannot repeat.
 */
function groupKnown(a: Analysis, owner: string, step: Instruction): boolean {
  if (owner.includes(":")) return true;
  const before = a.stage.body.slice(0, a.stage.body.indexOf(step));
  return !before.some(
    (i) => i.keyword === "USER" || ((i.keyword === "COPY" || i.keyword === "ADD") && i.flags.some((f) => f.name === "chown")),
  );
}

export type Layout =
  | {
      readonly kind: "plain";
      readonly chown: { readonly index: number; readonly owner: string } | null;
      /** Option `harden`: `chown` gives every copy to the runtime's non-root user. */
      readonly hardened?: boolean;
    }
  | {
      readonly kind: "outputs";
      readonly runs: readonly BuildRun[];
      /** The last step gives the working folder away (`chown -R`): every copy takes that owner instead. */
      readonly chown?: { readonly index: number; readonly owner: string } | null;
      /** Only checks ran: the runtime copies the project's package.json back from the build, so they gate it. */
      readonly gate?: string;
    }
  | { readonly kind: "files"; readonly why: Reason | null };

/** How the runtime gets the application files (see `layeredPlan`), with why when it must take the whole folder. */
export function runtimeLayout(
  a: Analysis,
  context: BuildContext,
  project: NodeProject,
  install: ProjectInstall | undefined,
  needsModules: boolean,
  harden: boolean,
  workspaceDirs: readonly string[] = [],
): Layout {
  if (harden && hardeningBlocker(a.stage) === null) {
    // Hardened: the plain layout gives every copy to the user (node_modules first, creating the working folder
    // owned by it); others keep copying the whole folder, which the runtime's first COPY gives to the user.
    const layout = runtimeLayout(a, context, project, install, needsModules, false, workspaceDirs);
    return layout.kind === "plain" && layout.chown === null
      ? { kind: "plain", chown: { index: a.stage.body.length, owner: HARDENED_OWNER }, hardened: true }
      : { kind: "files", why: null };
  }
  // A COPY before the install brought the context's node_modules, which the install then replaced: replaying
  // it would mix them into the production ones.
  const hostModules = withDockerignore(context).exists(project.dir === "." ? "node_modules" : `${project.dir}/node_modules`);
  const before = install ? a.stage.body.slice(0, install.index) : [];
  if (hostModules && before.some((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !manifestOnly(i)))
    return { kind: "files", why: { id: "filesHostModules", data: {} } };
  const skip = (instr: Instruction, i: number) => plainRun(a, instr, i, install);
  const replayable = copiesAtWorkdir(a);
  const runs = a.stage.body.filter((instr, i) => instr.keyword === "RUN" && !skip(instr, i));
  // No RUN to replay: the context copies are the whole app (with node_modules from the deps stage, if any).
  if (replayable && (needsModules || !install) && runs.length === 0) return { kind: "plain", chown: null };
  // The one step left gives the working folder away: `COPY --chown` does the same without a build.
  const owner = runs.length === 1 ? ownershipRun(a, runs[0]) : null;
  if (replayable && needsModules && owner && install && install.index < a.stage.body.indexOf(runs[0]) && groupKnown(a, owner, runs[0]))
    return { kind: "plain", chown: { index: a.stage.body.indexOf(runs[0]), owner } };
  if (runs.length === 0) return { kind: "files", why: null };
  if (!replayable) return { kind: "files", why: { id: "filesRelativeCopy", data: {} } };
  // The last step gives the working folder away after the builds: the copies (outputs included) take its owner.
  const last = runs[runs.length - 1];
  const lastOwner = runs.length > 1 && replayable && needsModules && install ? ownershipRun(a, last) : null;
  const lastIndex = a.stage.body.indexOf(last);
  const chown =
    lastOwner && install && install.index < lastIndex && groupKnown(a, lastOwner, last) ? { index: lastIndex, owner: lastOwner } : null;
  const followed = chown ? (instr: Instruction, i: number) => skip(instr, i) || i === chown.index : skip;
  const built = buildOutputs(a, project, context, install, followed, workspaceDirs);
  if (!built.ok) return { kind: "files", why: built.why };
  // No RUN wrote in the working folder but the install (a global CLI, a cache clean, `mkdir -p` of the folder,
  // `corepack enable`): node_modules comes from the deps stage, the files from the context, as with no RUN.
  if (built.runs.length === 0 && replayable && needsModules) return { kind: "plain", chown: null };
  if (built.runs.every((r) => r.outputs.length === 0)) {
    // Only checks ran (tests, linters, `tsc --noEmit`): the runtime must still copy from the build stage, so a
    // failing check fails the build. The package.json the context copies put there is one such copy: no step of
    // the build writes it (every RUN was followed), so it is the very file the runtime's replayed copies give it.
    const checks = [...new Set(built.runs.flatMap((r) => r.ran))];
    if (checks.length === 0) return { kind: "files", why: { id: "filesNoOutputs", data: {} } };
    // A COPY giving an owner or a mode: a gate copy from the build would have to repeat it exactly.
    if (copiesSetOwners(a.stage.body)) return { kind: "files", why: { id: "filesChecksOnly", data: { commands: quoted(checks) } } };
    return { kind: "outputs", runs: built.runs, gate: posix.join(a.workdir ?? "/", "package.json"), chown };
  }
  return { kind: "outputs", runs: built.runs, chown };
}

/** The notes the layout owes the user: why the whole folder, or which checks' files the runtime leaves out. */
export function layoutNotes(layout: Layout, line: number): RecipeNote[] {
  if (layout.kind === "files")
    return layout.why
      ? [
          { line, id: "filesStage", data: {} },
          { line, ...layout.why },
        ]
      : [];
  const checks = layout.kind === "outputs" ? [...new Set(layout.runs.flatMap((r) => r.checks))] : [];
  if (layout.kind === "outputs" && layout.gate) {
    const ran = [...new Set(layout.runs.flatMap((r) => r.ran))];
    return [{ line, id: "checksGate", data: { commands: quoted(ran), path: layout.gate } }];
  }
  return checks.length > 0 ? [{ line, id: "checksLeftOut", data: { commands: quoted(checks) } }] : [];
}

const quoted = (names: readonly string[]) => names.map((c) => `\`${c}\``).join(", ");

/** Every COPY to a relative destination was made in the final working folder (the runtime replays them there). */
function copiesAtWorkdir(a: Analysis): boolean {
  return a.stage.body.every((instr, i) => {
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") return true;
    const dest = (instr.exec ?? instr.args.trim().split(/\s+/)).at(-1) ?? "";
    return dest.startsWith("/") || (a.cwdAt[i] ?? "/") === a.workdir;
  });
}
