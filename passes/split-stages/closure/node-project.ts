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
  let lock: { packages?: Record<string, { dev?: boolean; devOptional?: boolean; hasInstallScript?: boolean; name?: string }> };
  try {
    lock = JSON.parse(text);
  } catch {
    return null;
  }
  if (!lock.packages) return null;
  const out: LockedPackage[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    out.push({ name: name || path, builds: entry.hasInstallScript === true });
  }
  return out;
}

/**
 * pnpm-lock.yaml: `/name@version:` (or `name@version:`) entries; `requiresBuild: true`, `dev: true`,
 * `optional: true`. pnpm (lockfile v5/v6) writes `requiresBuild: true` on every optional package, whose
 * tarball it does not read (pnpm/pnpm#7707): there the flag says nothing, and the package's build is unknown.
 */
function pnpmLocked(text: string): LockedPackage[] {
  const out = new Map<string, LockedPackage>();
  type Entry = { name: string; builds: boolean; dev: boolean; optional: boolean; helper: boolean };
  let current = null as Entry | null;
  let inDeps = false;
  const flush = () => {
    if (!current || current.dev) return;
    const builds = current.helper || (current.builds ? (current.optional ? null : true) : false);
    out.set(current.name, { name: current.name, builds: strongest(builds, out.get(current.name)?.builds ?? false) });
  };
  for (const line of text.split(/\r?\n/)) {
    const head = /^ {2}'?\/?((?:@[^/@\s]+\/)?[^@\s/']+)[@/][^:]*'?:\s*$/.exec(line);
    if (head) {
      flush();
      current = { name: head[1], builds: false, dev: false, optional: false, helper: false };
      inDeps = false;
    } else if (current && /^ {4}\S/.test(line)) inDeps = /^ {4}(dependencies|optionalDependencies):\s*$/.test(line);
    // pnpm 9 records no builds at all: a native build helper among the dependencies is the evidence.
    if (current && inDeps && buildHelperOf([current.name], /^ {6}'?((?:@[^/@\s]+\/)?[^@\s:']+)'?:/.exec(line)?.[1] ?? ""))
      current.helper = true;
    if (head) continue;
    if (current && /^ {4}requiresBuild: true/.test(line)) current.builds = true;
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
