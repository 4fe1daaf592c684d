// npm workspaces: the deps stage needs every workspace's package.json (npm ci installs them all and links
// each workspace into node_modules), found from the root `workspaces` patterns read in the build context.
// The project seen by the rest of the plan merges the workspaces' dependencies and devDependencies, so the
// devDependency check covers every package the install drops.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { instruction, type Instruction } from "../../../src/core/ir.js";
import type { NodeProject, PackageJson } from "../closure/node-project.js";
import type { PlanResult } from "./types.js";
import { INSTALL_HOOKS } from "./node-root-scripts.js";

export type Workspaces =
  | { readonly ok: true; readonly dirs: readonly string[]; readonly project: NodeProject }
  | { readonly ok: false; readonly pattern: string }
  /** The entry runs a workspace's own script, which is not read. */
  | { readonly ok: false; readonly script: string }
  /** A workspace has commands (`bin`): the install links them to its own files, which a stage of manifests lacks. */
  | { readonly ok: false; readonly bin: string };

/**
 * The workspace folders (relative to the project) and the merged project, a refusal naming the pattern that
 * cannot be resolved or the workspace script the entry runs, or null when the layered plan cannot take this
 * project (another manager, install hooks, installs nested in a workspace): the caller then falls back.
 */
export function npmWorkspaces(project: NodeProject, context: BuildContext, entry: readonly string[]): Workspaces | null {
  if (project.manager !== "npm" || project.lockfile === null) return null;
  // A workspace's own script (`npm start -w app`) is not read, so what it runs from devDependencies is unknown.
  const script = entry.find((t) => /(^|\s)(-w|--workspaces?|--prefix|-C)(\s|=|$)/.test(t));
  if (script !== undefined) return { ok: false, script: script.trim() };
  const raw = project.pkg.workspaces;
  const patterns = Array.isArray(raw) ? raw : (raw as { packages?: unknown } | undefined)?.packages;
  if (!Array.isArray(patterns) || patterns.length === 0) return null;
  const at = (f: string) => (project.dir === "." ? f : posix.join(project.dir, f));
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== "string") return { ok: false, pattern: String(pattern) };
    const clean = posix.normalize(pattern).replace(/^\.\/|\/$/g, "");
    const star = /^([^*?[\]{}!]+)\/\*$/.exec(clean);
    if (star && !clean.startsWith("..")) {
      for (const name of context.list(at(star[1])))
        if (context.exists(at(`${star[1]}/${name}/package.json`))) dirs.push(`${star[1]}/${name}`);
    } else if (!/[*?[\]{}!]/.test(clean) && !clean.startsWith("..") && context.exists(at(`${clean}/package.json`))) {
      dirs.push(clean);
    } else {
      return { ok: false, pattern };
    }
  }
  const manifests: PackageJson[] = [];
  for (const dir of dirs) {
    try {
      manifests.push(JSON.parse(context.read(at(`${dir}/package.json`)) ?? "null") ?? {});
    } catch {
      return { ok: false, pattern: `${dir}/package.json` };
    }
  }
  // npm links a workspace's `bin` to its files and makes them executable only when they are there at install time.
  const hasBin = (m: PackageJson & { bin?: unknown; directories?: { bin?: unknown } }) =>
    m.bin !== undefined || m.directories?.bin !== undefined;
  const withBin = manifests.findIndex(hasBin);
  if (withBin >= 0) return { ok: false, bin: dirs[withBin] };
  // An install hook would run in the deps stage without its sources; a nested install would stay in the files.
  if (manifests.some((m) => INSTALL_HOOKS.some((h) => m.scripts?.[h]))) return null;
  const lock = context.read(project.lockfile) ?? "";
  if (dirs.some((d) => lock.includes(`"${d}/node_modules/`))) return null;
  const merge = (key: "dependencies" | "devDependencies" | "optionalDependencies") =>
    Object.assign({}, project.pkg[key], ...manifests.map((m) => m[key] ?? {}));
  const pkg: PackageJson = {
    ...project.pkg,
    workspaces: undefined,
    dependencies: merge("dependencies"),
    devDependencies: merge("devDependencies"),
    optionalDependencies: merge("optionalDependencies"),
  };
  return { ok: true, dirs: [...new Set(dirs)].sort(), project: { ...project, pkg } };
}

/** The deps stage's copies of the workspace manifests, each to its own folder. */
export function workspaceCopies(dirs: readonly string[], project: NodeProject, line: number): Instruction[] {
  const at = (f: string) => (project.dir === "." ? f : posix.join(project.dir, f));
  return dirs.map((d) => instruction("COPY", `${at(`${d}/package.json`)} ./${d}/`, { line }));
}

/** The plan with a note naming the workspace manifests its deps stage copies (when it has a deps stage). */
export function withWorkspaceNote(planned: PlanResult | null, dirs: readonly string[]): PlanResult | null {
  if (!planned?.ok || dirs.length === 0) return planned;
  const deps = planned.plan.notes.find((n) => n.id === "depsStage" || n.id === "depsStageAll");
  if (!deps) return planned;
  const note = {
    line: deps.line,
    id: "workspaceManifests" as const,
    data: { stage: deps.data.stage, dirs: dirs.map((d) => `\`${d}\``).join(", ") },
  };
  return { ok: true, plan: { ...planned.plan, notes: [...planned.plan.notes, note] } };
}

/**
 * The workspace packages of a pnpm workspace (the lockfile's importers other than the root), or null when the
 * project is not one. pnpm gives each of them its own `node_modules`, linked into the root's `.pnpm` store,
 * which a runtime copying the root's `node_modules` alone would break.
 */
export function pnpmWorkspaceDirs(project: NodeProject, context: BuildContext): string[] | null {
  if (project.manager !== "pnpm") return null;
  const at = (f: string) => (project.dir === "." ? f : posix.join(project.dir, f));
  const lock = project.lockfile ? (context.read(project.lockfile) ?? "") : "";
  const importers = /^importers:\s*$([\s\S]*?)^\S/m.exec(`${lock}\n.`)?.[1] ?? "";
  const dirs = [...importers.matchAll(/^ {2}'?([^'\s:][^':]*)'?:\s*$/gm)].map((m) => m[1]).filter((d) => d !== ".");
  const declared = /^packages\s*:/m.test(context.read(at("pnpm-workspace.yaml")) ?? "");
  return dirs.length > 0 || declared ? dirs : null;
}
