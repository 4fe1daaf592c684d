// In an npm/yarn/pnpm workspace, `require("@ws/shared")` loads a package of the project itself (node_modules
// links it to its folder): the module graph goes on through that package's entry file. One whose entry is not in
// the build context (a `dist/` its build writes) cannot be followed.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { type ImportGraph, importGraph } from "./imports.js";

/** The project's workspace packages by name, with their folders (context paths); patterns `dir/*` and plain folders. */
export function workspacePackages(context: BuildContext, projectDir: string): Map<string, string> {
  const at = (f: string) => (projectDir === "." ? f : posix.join(projectDir, f));
  const found = new Map<string, string>();
  let raw: unknown;
  try {
    raw = JSON.parse(context.read(at("package.json")) ?? "null")?.workspaces;
  } catch {
    return found;
  }
  const patterns = Array.isArray(raw) ? raw : (raw as { packages?: unknown } | undefined)?.packages;
  const pnpm = /^packages:\s*\n((?:\s*-.*\n?)*)/m.exec(context.read(at("pnpm-workspace.yaml")) ?? "")?.[1] ?? "";
  const all = [...(Array.isArray(patterns) ? patterns : []), ...[...pnpm.matchAll(/-\s*["']?([^"'\n]+)/g)].map((m) => m[1].trim())];
  for (const pattern of all) {
    if (typeof pattern !== "string") continue;
    const clean = posix.normalize(pattern).replace(/^\.\/|\/$/g, "");
    const star = /^([^*?[\]{}!]+)\/\*$/.exec(clean);
    const dirs = star ? context.list(at(star[1])).map((n) => `${star[1]}/${n}`) : [clean];
    for (const dir of dirs) {
      try {
        const name = JSON.parse(context.read(at(`${dir}/package.json`)) ?? "null")?.name;
        if (typeof name === "string") found.set(name, at(dir));
      } catch {
        // Not a package folder.
      }
    }
  }
  return found;
}

/** The package's entry file in the context: `exports["."]` (string or require/default/import), `main`, index.js. */
function entryOf(context: BuildContext, dir: string): string | null {
  let pkg: { main?: unknown; exports?: unknown } | null = null;
  try {
    pkg = JSON.parse(context.read(`${dir}/package.json`) ?? "null");
  } catch {
    return null;
  }
  const dot = typeof pkg?.exports === "object" && pkg.exports !== null ? (pkg.exports as Record<string, unknown>)["."] : pkg?.exports;
  const conditions = typeof dot === "object" && dot !== null ? (dot as Record<string, unknown>) : null;
  const target = [
    typeof dot === "string" ? dot : null,
    conditions?.require,
    conditions?.default,
    conditions?.import,
    pkg?.main,
    "index.js",
  ].find((t): t is string => typeof t === "string");
  if (target === undefined) return null;
  const base = posix.normalize(posix.join(dir, target));
  return ["", ".js", ".cjs", ".mjs", "/index.js"].map((e) => base + e).find((p) => context.read(p) !== null) ?? null;
}

/** `importGraph` from `entry`, going on through the workspace packages it loads. */
export function graphThroughWorkspaces(
  context: BuildContext,
  entry: string,
  cwd: string,
  workspaces: ReadonlyMap<string, string>,
): ImportGraph {
  const packages = new Map<string, string>();
  const files: string[] = [];
  const followed = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const graph = importGraph(context, file, cwd);
    if (!graph.ok) return graph;
    files.push(...graph.files);
    for (const [pkg, from] of graph.packages) {
      if (!packages.has(pkg)) packages.set(pkg, from);
      const dir = workspaces.get(pkg);
      if (dir === undefined || followed.has(pkg)) continue;
      followed.add(pkg);
      const next = entryOf(context, dir);
      if (next === null) return { ok: false, reason: { kind: "workspaceEntry", file: `${dir}/package.json` } };
      queue.push(next);
    }
  }
  return { ok: true, packages, files };
}
