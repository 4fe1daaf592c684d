// In an npm/yarn/pnpm workspace, `require("@ws/shared")` loads a package of the project itself (node_modules
// links it to its folder): the module graph goes on through that package's entry file. One whose entry is not in
// the build context (a `dist/` its build writes) cannot be followed.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { packageOf } from "../../../src/core/module-specifiers.js";
import { EXTENSIONS, type ImportGap, type ImportGraph, importGraph } from "./imports.js";

/** Bare names that load the app's own files rather than packages of node_modules. */
export interface OwnModules {
  /** The project's package when its package.json has `exports`: `require("<name>/sub")` loads its own files. */
  readonly self: { readonly name: string; readonly dir: string } | null;
  /** Context folders searched for bare names after node_modules: NODE_PATH's, tsconfig's `baseUrl`. */
  readonly folders: readonly string[];
  /** tsconfig's `paths` (`"@/*": ["src/*"]`), the targets context paths: a name they map to a file is that file. */
  readonly aliases: ReadonlyArray<{ readonly pattern: string; readonly targets: readonly string[] }>;
  /** Packages package.json declares: node_modules holds them, so the folders are not searched for them. */
  readonly declared: ReadonlySet<string>;
}

const NO_OWN_MODULES: OwnModules = { self: null, folders: [], aliases: [], declared: new Set() };

/** The context files a bare specifier loads from the app itself, [] for a package of node_modules, or a gap. */
function ownFiles(context: BuildContext, spec: string, own: OwnModules): string[] | ImportGap {
  // Node resolves a package's own name through its `exports` before node_modules.
  if (own.self !== null && packageOf(spec) === own.self.name) {
    const files = exportedFiles(context, own.self.dir, `.${spec.slice(own.self.name.length)}`);
    return files ?? { kind: "selfReference", file: posix.join(own.self.dir, "package.json") };
  }
  const fileAt = (base: string) => EXTENSIONS.map((e) => base + e).find((p) => context.read(p) !== null) ?? entryOf(context, base);
  for (const { pattern, targets } of own.aliases) {
    const [head, tail] = pattern.split("*");
    const star =
      tail === undefined
        ? spec === head
          ? ""
          : null
        : spec.startsWith(head) && spec.endsWith(tail)
          ? spec.slice(head.length, spec.length - tail.length)
          : null;
    if (star === null) continue;
    const file = targets.map((t) => fileAt(t.replace("*", star))).find((f) => f !== null);
    if (file) return [file];
  }
  if (own.declared.has(packageOf(spec) ?? "")) return [];
  for (const dir of own.folders) {
    const file = fileAt(posix.join(dir, spec));
    if (file) return [file];
  }
  return [];
}

/**
 * The context files `exports` maps `subpath` (`.`, `./util`) to, each condition's target (require and import may
 * differ); null when it maps none or one that is not in the context.
 */
function exportedFiles(context: BuildContext, dir: string, subpath: string): string[] | null {
  let exports: unknown;
  try {
    exports = JSON.parse(context.read(`${dir}/package.json`) ?? "null")?.exports;
  } catch {
    return null;
  }
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  // `"exports": "./x.js"` or a conditions object stands for `"."` alone.
  const bySubpath = isMap(exports) && Object.keys(exports).some((k) => k.startsWith(".")) ? exports : { ".": exports };
  let target: unknown = bySubpath[subpath];
  let star: string | null = null;
  if (target === undefined) {
    for (const [key, value] of Object.entries(bySubpath)) {
      const [head, tail] = key.split("*");
      if (tail !== undefined && subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= key.length - 1) {
        target = value;
        star = subpath.slice(head.length, subpath.length - tail.length);
      }
    }
  }
  const targets: string[] = [];
  const collect = (t: unknown): void => {
    if (typeof t === "string") targets.push(star === null ? t : t.replaceAll("*", star));
    else if (Array.isArray(t)) collect(t[0]);
    // Type declarations and browser builds are not what node loads.
    else if (isMap(t)) for (const [condition, value] of Object.entries(t)) if (!/^(types|typings|browser)$/.test(condition)) collect(value);
  };
  collect(target);
  const files = targets.map((t) => posix.normalize(posix.join(dir, t)));
  return files.length > 0 && files.every((f) => context.read(f) !== null) ? [...new Set(files)] : null;
}

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
  own: OwnModules = NO_OWN_MODULES,
): ImportGraph {
  const packages = new Map<string, string>();
  const bare = new Map<string, string>();
  const files: string[] = [];
  const followed = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const graph = importGraph(context, file, cwd);
    if (!graph.ok) return graph;
    files.push(...graph.files);
    // A package name whose every specifier loads the app's own files is no package of node_modules.
    const ownNames = new Set<string>();
    const packageNames = new Set<string>();
    for (const [spec, from] of graph.bare) {
      if (!bare.has(spec)) bare.set(spec, from);
      const found = ownFiles(context, spec, own);
      if (!Array.isArray(found)) return { ok: false, reason: found };
      const name = packageOf(spec) ?? spec;
      if (found.length === 0) packageNames.add(name);
      else ownNames.add(name);
      for (const f of found) if (!files.includes(f) && !queue.includes(f)) queue.push(f);
    }
    for (const [pkg, from] of graph.packages) {
      if (ownNames.has(pkg) && !packageNames.has(pkg)) continue;
      if (!packages.has(pkg)) packages.set(pkg, from);
      const dir = workspaces.get(pkg);
      if (dir === undefined || followed.has(pkg)) continue;
      followed.add(pkg);
      const next = entryOf(context, dir);
      if (next === null) return { ok: false, reason: { kind: "workspaceEntry", file: `${dir}/package.json` } };
      queue.push(next);
    }
  }
  return { ok: true, packages, bare, files };
}
