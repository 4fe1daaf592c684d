// The Node project the image builds, read from the build context: its manifest, its package manager and
// lockfile, and the production packages the lockfile resolves (with the facts it records about each).
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";

export interface PackageJson {
  readonly name?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly packageManager?: string;
  readonly workspaces?: unknown;
  /** Node resolves the package's own name through them (self-reference). */
  readonly exports?: unknown;
  /** npm builds the package's own addon with node-gyp at install. */
  readonly gypfile?: boolean;
}

export type Manager = "npm" | "yarn" | "yarn-berry" | "pnpm";

export interface LockedPackage {
  readonly name: string;
  /**
   * The lockfile says it runs an install script (native code, usually); null when the lockfile's flag is no
   * evidence either way (pnpm marks every optional package as building without reading it: pnpm/pnpm#7707).
   */
  readonly builds: boolean | null;
}

export interface NodeProject {
  /** Context folder of package.json (`.` for the root). */
  readonly dir: string;
  readonly pkg: PackageJson;
  readonly manager: Manager;
  /** Context path of the lockfile, null without one. */
  readonly lockfile: string | null;
  /** Production packages the lockfile resolves (all depths), or null when it cannot be read for them. */
  readonly prodPackages: readonly LockedPackage[] | null;
}

const LOCKFILES: ReadonlyArray<[string, Manager]> = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

/** The project in the working folder, or null when its package.json is not a readable context file. */
export function nodeProject(a: Analysis, context: BuildContext): NodeProject | null {
  const src = a.workdir === null ? null : contextSource(`${a.workdir === "/" ? "" : a.workdir}/package.json`, a.sources);
  const text = src === null ? null : context.read(src);
  let pkg: PackageJson | null = null;
  try {
    pkg = text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
  if (pkg === null || typeof pkg !== "object") return null;
  const dir = (src ?? "").replace(/\/?package\.json$/, "") || ".";
  const at = (f: string) => (dir === "." ? f : `${dir}/${f}`);
  // Several lockfiles (a project that moved from yarn to npm): the one of the manager the Dockerfile installs with.
  const present = LOCKFILES.filter(([f]) => context.exists(at(f)));
  const tool = a.projectInstalls[0]?.tool;
  const found = present.find(([, m]) => m === tool) ?? present[0];
  const lockfile = found ? at(found[0]) : null;
  let manager: Manager = found?.[1] ?? "npm";
  if (manager === "yarn" && (context.exists(at(".yarnrc.yml")) || /^yarn@[2-9]/.test(pkg.packageManager ?? ""))) manager = "yarn-berry";
  return { dir, pkg, manager, lockfile, prodPackages: lockfile ? lockedProd(manager, context.read(lockfile) ?? "") : null };
}

export function lockedProd(manager: Manager, text: string): LockedPackage[] | null {
  if (manager === "npm") return npmLocked(text);
  if (manager === "pnpm") return pnpmLocked(text);
  if (manager === "yarn") return yarnLocked(text);
  return null;
}

/** package-lock v2/v3: `packages` keyed by install path, `dev: true` on devDependencies only. */
function npmLocked(text: string): LockedPackage[] | null {
  let lock: {
    packages?: Record<
      string,
      { dev?: boolean; devOptional?: boolean; hasInstallScript?: boolean; name?: string; os?: unknown; link?: boolean; resolved?: string }
    >;
  };
  try {
    lock = JSON.parse(text);
  } catch {
    return null;
  }
  if (!lock.packages) return null;
  const out: LockedPackage[] = [];
  // A local folder (`file:./vendor/x`, a workspace) is keyed by its path; the link to it names it.
  const linked = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages))
    if (entry.link && typeof entry.resolved === "string") linked.set(entry.resolved, installedName(path));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev || (Array.isArray(entry.os) && !installsOnLinux(entry.os.map(String)))) continue;
    const name = entry.name ?? linked.get(path) ?? installedName(path);
    out.push({ name: name || path, builds: entry.hasInstallScript === true });
  }
  return out;
}

/** The package name of a package-lock path: after its last `node_modules/`; a path without one is a folder's, kept whole. */
function installedName(path: string): string {
  const at = path.lastIndexOf("node_modules/");
  return at < 0 ? path : path.slice(at + "node_modules/".length);
}

/**
 * pnpm-lock.yaml: `/name@version:` (or `name@version:`) entries; `requiresBuild: true`, `dev: true`,
 * `optional: true`. pnpm (lockfile v5/v6) writes `requiresBuild: true` on every optional package, whose
 * tarball it does not read (pnpm/pnpm#7707): there the flag says nothing, and the package's build is unknown.
 */
function pnpmLocked(text: string): LockedPackage[] {
  const out = new Map<string, LockedPackage>();
  type Entry = { key: string; name: string; builds: boolean; dev: boolean; optional: boolean; helper: boolean; elsewhere: boolean };
  let current = null as Entry | null;
  let inDeps = false;
  const production = pnpm9Production(text);
  const flush = () => {
    if (!current || current.dev || current.elsewhere) return;
    if (production && !production.has(current.key)) return;
    const builds = current.helper || (current.builds ? (current.optional ? null : true) : false);
    out.set(current.name, { name: current.name, builds: strongest(builds, out.get(current.name)?.builds ?? false) });
  };
  for (const line of text.split(/\r?\n/)) {
    const head = /^ {2}'?\/?((?:@[^/@\s]+\/)?[^@\s/']+)[@/][^:]*'?:\s*$/.exec(line);
    if (head) {
      flush();
      const key = line.trim().replace(/:$/, "").replace(/^'|'$/g, "");
      current = { key, name: head[1], builds: false, dev: false, optional: false, helper: false, elsewhere: false };
      inDeps = false;
    } else if (current && /^ {4}\S/.test(line)) inDeps = /^ {4}(dependencies|optionalDependencies):\s*$/.test(line);
    // pnpm 9 records no builds at all: a native build helper among the dependencies is the evidence.
    if (current && inDeps && buildHelperOf([current.name], /^ {6}'?((?:@[^/@\s]+\/)?[^@\s:']+)'?:/.exec(line)?.[1] ?? ""))
      current.helper = true;
    if (head) continue;
    if (current && /^ {4}requiresBuild: true/.test(line)) current.builds = true;
    else if (current && /^ {4}os:/.test(line) && !installsOnLinux(flowList(line))) current.elsewhere = true;
    else if (current && /^ {4}dev: true/.test(line)) current.dev = true;
    else if (current && /^ {4}optional: true/.test(line)) current.optional = true;
    else if (/^\S/.test(line)) {
      flush();
      current = null;
    }
  }
  flush();
  return [...out.values()];
}

/**
 * pnpm 9 writes no `dev: true`: the production packages are those reached from the `dependencies` and
 * `optionalDependencies` of every importer through the `snapshots` graph; a package reached only from
 * devDependencies is dev. The keys reached (`name@version`, with and without the peer suffix `(react@18.3.1)`), or
 * null when the lockfile is no pnpm 9 one or its graph does not read whole (a dependency with no snapshot): then
 * every package counts, as before.
 */
function pnpm9Production(text: string): Set<string> | null {
  if (!/^lockfileVersion: '?9\./m.test(text)) return null;
  const roots: string[] = [];
  const graph = new Map<string, string[]>();
  let section = "";
  let importerField = "";
  let depName: string | null = null;
  let snapshot: string | null = null;
  let inDeps = false;
  let importers = false;
  const unquote = (s: string) =>
    s
      .trim()
      .replace(/^'(.*)'$/, "$1")
      .replace(/^"(.*)"$/, "$1");
  // `version: 1.0.0(peer@1)` names the snapshot `dep@1.0.0(peer@1)`; an alias's version is the key itself.
  const keyOf = (dep: string, version: string) => (/^(?:@[^/@\s]+\/)?[^@(\s]+@/.test(version) ? version : `${dep}@${version}`);
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      section = /^(\w+):/.exec(line)?.[1] ?? "";
      importers ||= section === "importers";
      snapshot = null;
      continue;
    }
    if (section === "importers") {
      if (/^ {4}\S/.test(line)) importerField = /^ {4}(\w+):/.exec(line)?.[1] ?? "";
      else if (/^ {6}\S/.test(line)) depName = unquote(line.replace(/:\s*$/, ""));
      else if (/^ {8}version:/.test(line) && depName && /^(dependencies|optionalDependencies)$/.test(importerField)) {
        const version = unquote(line.replace(/^ {8}version:/, ""));
        if (!/^(link|file):/.test(version)) roots.push(keyOf(depName, version));
      }
    } else if (section === "snapshots") {
      if (/^ {2}\S/.test(line)) {
        snapshot = unquote(line.replace(/:\s*(\{\})?\s*$/, ""));
        graph.set(snapshot, []);
        inDeps = false;
      } else if (snapshot && /^ {4}\S/.test(line)) inDeps = /^ {4}(dependencies|optionalDependencies):\s*$/.test(line);
      else if (snapshot && inDeps && /^ {6}\S/.test(line)) {
        const dep = /^ {6}('[^']+'|"[^"]+"|[^:\s]+):\s*(.+)$/.exec(line);
        if (!dep) return null;
        const version = unquote(dep[2]);
        if (!/^(link|file):/.test(version)) graph.get(snapshot)?.push(keyOf(unquote(dep[1]), version));
      }
    }
  }
  if (!importers || graph.size === 0) return null;
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (reached.has(key)) continue;
    const deps = graph.get(key);
    if (deps === undefined) return null;
    reached.add(key);
    reached.add(key.replace(/\(.*$/, ""));
    queue.push(...deps);
  }
  return reached;
}

/**
 * npm and pnpm never install a package whose `os` list leaves Linux out (`[darwin]`, `[win32]`, `[!linux]`): such
 * an entry of the lockfile (`@next/swc-darwin-arm64`, `fsevents`) is not in any image.
 */
export function installsOnLinux(os: readonly string[]): boolean {
  if (os.includes("!linux")) return false;
  const allowed = os.filter((o) => !o.startsWith("!"));
  return allowed.length === 0 || allowed.includes("linux");
}

/** The items of a YAML flow list on one line: `os: [darwin, 'linux']` → darwin, linux. */
function flowList(line: string): string[] {
  const items = /\[([^\]]*)\]/.exec(line)?.[1] ?? "";
  return items
    .split(",")
    .map((i) => i.trim().replace(/^['"]|['"]$/g, ""))
    .filter(Boolean);
}

/** Two versions of one package: building wins over unknown, unknown over not building. */
function strongest(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

/**
 * Packages native addons depend on to compile or load their code: a lockfile that records no install scripts
 * (yarn classic, pnpm 9) still lists them under the addon's dependencies, which marks the addon as building.
 */
const NATIVE_BUILD_HELPERS = new Set([
  "nan",
  "node-addon-api",
  "bindings",
  "node-gyp-build",
  "node-gyp",
  "prebuild-install",
  "@mapbox/node-pre-gyp",
  "node-pre-gyp",
  "cmake-js",
]);

/**
 * Packages that depend on node-gyp to run it for the packages they install, and build nothing themselves: the
 * registry's package.json of each has no install script, no `gypfile` and no binding.gyp (npm-lifecycle 3.1.5,
 * @npmcli/run-script 11.0.0, @pnpm/npm-lifecycle 1100.0.0, npm 6.14.18 and 12.2.3, checked with `npm view` and
 * `npm pack --dry-run`). They reach production through release tools (semantic-release → npm → npm-lifecycle).
 */
const NODE_GYP_RUNNERS = new Set(["npm", "npm-lifecycle", "@npmcli/run-script", "@pnpm/npm-lifecycle"]);

/** Does a dependency of `names` mark them as building native code? */
const buildHelperOf = (names: readonly string[], dep: string): boolean =>
  NATIVE_BUILD_HELPERS.has(dep) && !(dep === "node-gyp" && names.every((n) => NODE_GYP_RUNNERS.has(n)));

/**
 * yarn.lock (classic) records no install scripts and no dev flag: every package counts, and one builds when
 * it depends on a native build helper.
 */
function yarnLocked(text: string): LockedPackage[] {
  const packages = new Map<string, boolean>();
  let current: string[] = [];
  let inDeps = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S.*:$/.test(line) && !line.startsWith("#")) {
      current = [...new Set([...line.matchAll(/(?:^|,\s*)"?((?:@[^/@\s]+\/)?[^@\s",]+)@/g)].map((m) => m[1]))];
      for (const name of current) if (!packages.has(name)) packages.set(name, false);
      inDeps = false;
    } else if (/^ {2}\S/.test(line)) {
      inDeps = /^ {2}(dependencies|optionalDependencies):$/.test(line);
    } else if (inDeps && /^ {4}\S/.test(line)) {
      const dep = /^ {4}"?((?:@[^/@\s]+\/)?[^@\s"]+)"?\s/.exec(line)?.[1];
      if (dep && buildHelperOf(current, dep)) for (const name of current) packages.set(name, true);
    }
  }
  return [...packages].map(([name, builds]) => ({ name, builds }));
}

/** How the lockfile installs a package at the top of node_modules, where the app's own files find it by name. */
export type TopLevelInstall = "production" | "development" | "absent";

/**
 * The install of a name at the top of node_modules by the lockfile, or null when the lockfile does not tell
 * (yarn berry, pnpm 9, unreadable). A package that only a devDependency pulls in (`ms` under `debug`) is hoisted
 * there too, and `npm ci --omit=dev` leaves it out.
 */
export function topLevelInstall(manager: Manager, text: string, pkg: PackageJson): ((name: string) => TopLevelInstall) | null {
  if (manager === "npm") return npmTopLevel(text);
  if (manager === "pnpm") return pnpmTopLevel(text);
  if (manager === "yarn") return yarnTopLevel(text, pkg);
  return null;
}

/** package-lock v2/v3 (`packages["node_modules/x"].dev`) or v1 (`dependencies.x.dev`). */
function npmTopLevel(text: string): ((name: string) => TopLevelInstall) | null {
  type Entry = { dev?: boolean };
  let lock: { packages?: Record<string, Entry>; dependencies?: Record<string, Entry> };
  try {
    lock = JSON.parse(text);
  } catch {
    return null;
  }
  const packages = lock.packages;
  const v1 = lock.dependencies;
  const entry = packages ? (name: string) => packages[`node_modules/${name}`] : v1 ? (name: string) => v1[name] : null;
  if (entry === null) return null;
  return (name) => {
    const found = entry(name);
    return found === undefined || typeof found !== "object" ? "absent" : found.dev ? "development" : "production";
  };
}

/** pnpm lockfile v5/v6 mark each package `dev: true` or `dev: false`; v9 marks none. */
function pnpmTopLevel(text: string): ((name: string) => TopLevelInstall) | null {
  if (!/^ {4}dev: (true|false)$/m.test(text)) return null;
  const prod = new Set(pnpmLocked(text).map((p) => p.name));
  const any = new Set([...text.matchAll(/^ {2}'?\/?((?:@[^/@\s]+\/)?[^@\s/']+)[@/][^:]*'?:\s*$/gm)].map((m) => m[1]));
  return (name) => (prod.has(name) ? "production" : any.has(name) ? "development" : "absent");
}

/**
 * yarn.lock (classic) has no dev flag: the production packages are those reached from package.json's
 * dependencies through the lockfile's own dependency lists; the others install for development.
 */
function yarnTopLevel(text: string, pkg: PackageJson): (name: string) => TopLevelInstall {
  const entries = new Map<string, string[]>();
  let current: string[] = [];
  let inDeps = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S.*:$/.test(line) && !line.startsWith("#")) {
      current = line
        .slice(0, -1)
        .split(/,\s*/)
        .map((s) => s.replace(/^"|"$/g, ""));
      for (const spec of current) entries.set(spec, []);
      inDeps = false;
    } else if (/^ {2}\S/.test(line)) {
      inDeps = /^ {2}(dependencies|optionalDependencies):$/.test(line);
    } else if (inDeps) {
      const dep = /^ {4}"?((?:@[^/@\s]+\/)?[^@\s"]+)"?\s+"?([^"]*)"?$/.exec(line);
      if (dep) for (const spec of current) entries.get(spec)?.push(`${dep[1]}@${dep[2]}`);
    }
  }
  const nameOf = (spec: string) => spec.slice(0, spec.indexOf("@", 1));
  const production = new Set<string>();
  const queue = Object.entries({ ...pkg.dependencies, ...pkg.optionalDependencies }).map(([n, range]) => `${n}@${range}`);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const spec = queue.pop() as string;
    if (seen.has(spec)) continue;
    seen.add(spec);
    production.add(nameOf(spec));
    queue.push(...(entries.get(spec) ?? []));
  }
  const any = new Set([...entries.keys()].map(nameOf));
  return (name) => (production.has(name) ? "production" : any.has(name) ? "development" : "absent");
}
