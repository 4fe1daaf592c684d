// Which files an image may run: the module graph followed from what runs (the entry's files, the npm scripts it
// runs, the bins of the programs it runs) through the app's own files and Node's resolution. A file nothing loads
// (react-scripts' eject.js beside `serve`, an ejected webpack config) spawns and imports nothing. Evidence rule:
// a package the walk cannot follow soundly (a computed require, a worker or fork, an entry that does not resolve,
// a file it cannot read) counts whole, and so does everything when the walk grows past its bound. A load the text
// does not name may load the app's own files too: then the walk starts again from all of them, and says where it
// lost the thread, so a finding about a file it did not reach says so.
import { builtinModules } from "node:module";
import { posix } from "node:path";
import { COMPUTED, packageOf, SPECIFIER } from "../core/module-specifiers.js";
import type { FsEntry, ImageFs } from "./image-fs.js";

export interface ReachStart {
  /** Files that run (an extension or a folder's index may be left out, as `node server` allows). */
  readonly files: readonly string[];
  /** Modules loaded by name before the entry (`node -r dotenv/config`). */
  readonly modules: readonly string[];
  /** The working folder: commands' paths and preloaded modules resolve from it. */
  readonly workdir: string;
  /** NODE_PATH's folders: where a package not found in any node_modules is looked up. */
  readonly nodePath?: readonly string[];
  /** The commands' words: a bin that loads `'../scripts/' + name` runs the script one of them names (`react-scripts start`). */
  readonly words?: readonly string[];
  /** Where the commands already lose the thread (`node $ENTRY`). */
  readonly lost?: readonly string[];
  /** The app's own code: all of it may run once the walk loses the thread. */
  readonly appFiles?: readonly string[];
}

export interface NodeReach {
  /** May this script file run (one under node_modules, or one of the app's own)? */
  runs(file: string): boolean;
  /** Where the walk lost the thread of a file it did not reach but cannot rule out; null when it reached it. */
  lostAt(file: string): string | null;
}

/** What one walk of the module graph found. */
interface Walk {
  readonly reached: ReadonlySet<string>;
  /** Packages counted whole, each with the file where the walk lost the thread. */
  readonly whole: ReadonlyMap<string, string>;
  /** Where the walk gave up and counted every file, or null. */
  readonly everything: string | null;
  /** Where a load the text does not name could have reached the app's own files, or null. */
  readonly appLost: string | null;
}

/** How many files the walk reads before it gives up and counts every file. */
const MAX_FILES = 20_000;
const CODE = /\.(js|cjs|mjs)$/;
/** Code, and bin scripts without an extension (`pm2/bin/pm2-runtime`, `bin/www`). */
const PACKAGE_CODE = /\.(js|cjs|mjs)$|\/[^./]+$/;
/** The app's own code may be TypeScript (ts-node, tsx) or a shell script too; Node never runs a `.d.ts`. */
const APP_CODE = /\.(js|cjs|mjs|ts|cts|mts|tsx|sh)$|\/[^./]+$/;
const SHELL = /^#![^\n]*\b(sh|bash|dash|ash)\b/;
/** Options that load a module before the entry. */
const PRELOAD = /^(-r|--require|--import|--loader|--experimental-loader)$/;
const BUILTINS = new Set(builtinModules);
/** esbuild's `__require("x")`, webpack's `__non_webpack_require__("x")` and `require.resolve("x")` name a module too. */
const LOADS_TOO = /(?:\b__require|\b__non_webpack_require__|\brequire\.resolve)\s*\(\s*(["'`])([^"'`$]+)\1\s*\)/g;
/** A load of a name built from a fixed relative folder and a variable: `require("./types/" + name)`, `` import(`./cmd/${name}`) ``. */
const PREFIXED = /\b(?:require(?:\.resolve)?|import)\s*\(\s*(?:(["'])(\.{1,2}\/[^"'`$]*)\1\s*\+|`(\.{1,2}\/[^`$]*)\$\{)/g;
/** `require(secure ? "https" : "http")`: one of two names the text shows. */
const CHOICE = /\brequire\s*\(\s*[^()]*?\?\s*(["'])([^"'`$]+)\1\s*:\s*(["'])([^"'`$]+)\3\s*\)/g;
/** The app's own code a prefixed load may pick in a folder; a folder holding more is lost. */
const MAX_PICKS = 2000;
const PICKABLE = /\.([cm]?[jt]s|tsx)$/;
/** Programs whose next word is the script they run: a variable there (`node $ENTRY`) hides it. */
const RUNNERS = /(^|\/)(node|nodejs|ts-node|tsx|nodemon|pm2|pm2-runtime)$/;
/** Code that loads files the text does not name: another process or thread, a require made elsewhere. */
const LOADS_UNSEEN =
  /(?:\b__require|\b__non_webpack_require__|\brequire\.resolve)\s*\(\s*(?!["'`][^"'`$]*["'`]\s*\))[^)]|\beval\s*\(\s*["']require["']|\bnew\s+Worker\s*\(|\bfork\s*\(|\bcreateRequire\b|process\.execPath|\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|execa)\s*\(\s*["'`]node\b|\bexecaNode\b|\bexeca\.node\b/;
/** A package manager's shell shim in node_modules/.bin (pnpm, yarn berry): `exec node "$basedir/../serve/main.js"`. */
const SHIM_TARGET = /\$basedir\/([^"'\s]+)/g;
const MODULE_SUFFIXES = ["", ".js", ".cjs", ".mjs", ".json", ".node"];
const INDEX_FILES = ["index.js", "index.cjs", "index.mjs", "index.json", "index.node"];

export function nodeReach(fs: ImageFs, start: ReachStart): NodeReach {
  const first = walk(fs, start);
  const lost = first.everything ?? first.appLost;
  const wide = lost && start.appFiles?.length ? walk(fs, { ...start, files: [...start.files, ...start.appFiles] }) : first;
  const real = (file: string) => fs.resolve(file)?.path ?? file;
  return {
    runs(file: string): boolean {
      if (wide.everything) return true;
      const path = real(file);
      const owner = packageDir(path);
      if (wide.reached.has(path) || (owner !== null && wide.whole.has(owner))) return true;
      if (owner === null) return lost !== null;
      // A Python script beside the package's code runs only as a program that code spawns by path.
      return !CODE.test(path) && touched(wide).has(owner);
    },
    lostAt(file: string): string | null {
      const path = real(file);
      const owner = packageDir(path);
      if (first.everything) return first.everything;
      // A package counted whole: the walk cannot tell which of its files run.
      const whole = owner !== null ? first.whole.get(owner) : undefined;
      if (whole) return whole;
      if (first.reached.has(path) || (owner !== null && !CODE.test(path) && touched(first).has(owner))) return null;
      return lost;
    },
  };
}

const packagesOf = new WeakMap<Walk, Set<string>>();
/** The packages a walk reached some file of. */
function touched(walk: Walk): Set<string> {
  let out = packagesOf.get(walk);
  if (!out) packagesOf.set(walk, (out = new Set([...walk.reached].map(packageDir).filter((d): d is string => d !== null))));
  return out;
}

function walk(fs: ImageFs, start: ReachStart): Walk {
  const reached = new Set<string>();
  const whole = new Map<string, string>();
  const queue: string[] = [];
  let everything: string | null = null;
  let appLost: string | null = null;
  let packages: Map<string, string[]> | null = null;
  const starts = new Set<string>();
  const lose = (at: string) => {
    everything ??= at;
  };

  const visit = (path: string): void => {
    if (!reached.has(path)) {
      reached.add(path);
      queue.push(path);
    }
  };
  /** `at`: the file where the walk lost the thread of the package. */
  const countWhole = (dir: string, at: string): void => {
    // A file stored in node_modules/.bin itself (a copy, not a link): which package it belongs to is unknown.
    if (dir.endsWith("/node_modules/.bin")) lose(at);
    if (whole.has(dir)) return;
    whole.set(dir, at);
    for (const file of filesOf(dir)) visit(file);
  };
  const filesOf = (dir: string): readonly string[] => {
    if (!packages) {
      packages = new Map();
      for (const [p, e] of fs.entries) {
        const pkg = packageDir(p);
        if (pkg && e.type === "file" && CODE.test(p)) packages.set(pkg, [...(packages.get(pkg) ?? []), p]);
      }
    }
    return packages.get(dir) ?? [];
  };

  const resolveFile = (base: string, depth = 0): string | null => {
    for (const suffix of MODULE_SUFFIXES) {
      const hit = fs.resolve(base + suffix);
      if (hit?.entry.type === "file") return hit.path;
    }
    const dir = fs.resolve(base)?.path ?? base;
    const main = manifest(posix.join(dir, "package.json"))?.main;
    if (typeof main === "string" && depth < 3) {
      const found = resolveFile(posix.join(dir, main), depth + 1);
      if (found) return found;
    }
    for (const index of INDEX_FILES) {
      const hit = fs.resolve(posix.join(dir, index));
      if (hit?.entry.type === "file") return hit.path;
    }
    return null;
  };
  const manifests = new Map<string, Record<string, unknown> | null>();
  const manifest = (path: string): Record<string, unknown> | null => {
    if (!manifests.has(path)) manifests.set(path, parseObject(fs.text(path)));
    return manifests.get(path) ?? null;
  };

  /** Load `spec` from file `by`; `owner` is its package (counted whole on a gap). */
  const load = (spec: string, by: string, owner: string | null): void => {
    const from = posix.dirname(by);
    if (spec.startsWith("node:") || BUILTINS.has(spec)) return;
    if (spec.startsWith("#")) return subpathImport(owner, by);
    if (/^\.\.?(\/|$)|^\//.test(spec)) {
      const found = resolveFile(posix.resolve(from, spec));
      if (found) visit(found);
      else if (owner) countWhole(owner, by);
      return;
    }
    const name = packageOf(spec);
    if (!name) return;
    const dir = packageFolder(name, from);
    // Not installed: nothing of it can run (verify's module probe tells whether the app misses it).
    if (dir === null) return;
    const targets = entryFiles(dir, spec.slice(name.length));
    if (targets.length === 0) countWhole(dir, posix.join(dir, "package.json"));
    for (const t of targets) visit(t);
  };
  /** Node's lookup: `node_modules/<name>` in the folder or any folder above it, as its real path (pnpm links). */
  const packageFolder = (name: string, from: string): string | null => {
    for (let dir = from; ; dir = posix.dirname(dir)) {
      if (posix.basename(dir) !== "node_modules") {
        const candidate = posix.join(dir, "node_modules", name);
        const viaManifest = fs.resolve(posix.join(candidate, "package.json"));
        if (viaManifest) return posix.dirname(viaManifest.path);
        if (fs.has(candidate)) return fs.resolve(candidate)?.path ?? candidate;
      }
      if (dir === "/") break;
    }
    for (const dir of start.nodePath ?? []) {
      const candidate = posix.join(dir, name);
      if (fs.has(candidate)) return fs.resolve(candidate)?.path ?? candidate;
    }
    return null;
  };
  /** The files `name` + `subpath` loads: through package.json `exports` (every condition) when it has them. */
  const entryFiles = (dir: string, subpath: string): string[] => {
    const pkg = manifest(posix.join(dir, "package.json"));
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      const targets = exportTargets(pkg.exports, `.${subpath}`) ?? [];
      return targets.map((t) => resolveFile(posix.join(dir, t))).filter((t): t is string => t !== null);
    }
    const found = resolveFile(subpath ? posix.join(dir, subpath) : dir);
    return found ? [found] : [];
  };
  /** `#internal` names map through the package's `imports`: it counts whole, and the packages they name load. */
  const subpathImport = (owner: string | null, by: string): void => {
    if (!owner) return;
    countWhole(owner, by);
    const manifestPath = posix.join(owner, "package.json");
    for (const target of targetsOf(manifest(manifestPath)?.imports)) if (!/^\.\.?\//.test(target)) load(target, manifestPath, owner);
  };

  const read = (path: string, entry: FsEntry): void => {
    const owner = packageDir(path);
    // Part of the file or none of it was read: what it loads is unknown.
    if (!entry.data || entry.data.length !== entry.size) {
      // It may load the app's files by a computed name too.
      appLost ??= path;
      if (owner) countWhole(owner, path);
      // A program's head shows it is no module; anything else could load any package.
      else if (entry.data?.subarray(0, 4).toString("latin1") !== "\x7fELF") lose(path);
      return;
    }
    if (entry.data.subarray(0, 4).toString("latin1") === "\x7fELF") return;
    const text = entry.data.toString("utf8");
    if (isShellScript(text)) {
      if (owner) return shim(path, text);
      // An app's shell script (`start.sh`): the commands it runs.
      begin(reachStart([text], start.workdir, []));
    }
    const picked = prefixedLoads(path, text, owner);
    // A bin that runs node on the script its argument picks: node runs that script, nothing unseen.
    for (const m of text.matchAll(CHOICE)) for (const spec of [m[2], m[4]]) load(spec, path, owner);
    const rest = text
      .replace(PREFIXED, "")
      .replace(CHOICE, "")
      .replace(picked ? /process\.execPath/g : /$^/, "");
    if (COMPUTED.test(rest) || LOADS_UNSEEN.test(rest)) {
      if (owner) countWhole(owner, path);
      appLost ??= path;
    }
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2] ?? m[4] ?? m[6] ?? m[8];
      if (!spec.includes("${")) load(spec, path, owner);
    }
    for (const m of text.matchAll(LOADS_TOO)) load(m[2], path, owner);
  };

  /**
   * `require("./types/" + name)`: a file of that folder. A bin the entry starts picks the one its command's word
   * names (true when it did); a package's own folder counts the package whole; the app's, every code file in it.
   */
  const prefixedLoads = (path: string, text: string, owner: string | null): boolean => {
    let picked = false;
    for (const m of text.matchAll(PREFIXED)) {
      const prefix = m[2] ?? m[3];
      const from = posix.dirname(path);
      const folder = posix.resolve(from, prefix.endsWith("/") ? prefix : posix.dirname(prefix));
      const inFolder = (f: string) => f.startsWith(`${folder}/`);
      const named = starts.has(path) ? (start.words ?? []).map((w) => resolveFile(posix.resolve(from, prefix + w))) : [];
      const hits = named.filter((f): f is string => f !== null && inFolder(f));
      if (hits.length > 0) {
        picked = true;
        for (const f of hits) visit(f);
      } else if (owner) {
        countWhole(owner, path);
        // `"../../" + name` climbs out of the package: into any file, the app's too.
        if (folder !== owner && !folder.startsWith(`${owner}/`)) appLost ??= path;
      } else {
        const code = [...fs.under(folder)].filter(([f, e]) => e.type === "file" && PICKABLE.test(f)).map(([f]) => f);
        if (code.length > MAX_PICKS || folder === "/") appLost ??= path;
        else for (const f of code) visit(f);
      }
    }
    return picked;
  };

  const shim = (path: string, text: string): void => {
    // `"$basedir/node"` (a node beside the shim) is often named too, and rarely there.
    const targets = [...text.matchAll(SHIM_TARGET)].map((m) => resolveFile(posix.join(posix.dirname(path), m[1])));
    if (!targets.some(Boolean)) lose(path);
    for (const t of targets) if (t) visit(t);
  };

  const begin = (from: ReachStart): void => {
    appLost ??= from.lost?.[0] ?? null;
    for (const file of from.files) {
      const found = resolveFile(file);
      if (found) visit(found);
    }
    for (const spec of from.modules) load(spec, posix.join(from.workdir, "-"), null);
  };

  begin(start);
  for (const path of reached) starts.add(path);
  for (let i = 0; i < queue.length && everything === null; i++) {
    const path = queue[i];
    if (i >= MAX_FILES) lose(path);
    else {
      const entry = fs.entries.get(path);
      if (entry && !path.endsWith(".d.ts") && (packageDir(path) ? PACKAGE_CODE : APP_CODE).test(path)) read(path, entry);
    }
  }
  return { reached, whole, everything, appLost };
}

/** Does this text (or a file's head) start with a shell's `#!` line? */
export function isShellScript(text: string): boolean {
  return SHELL.test(text);
}

/**
 * What the command texts (ENTRYPOINT/CMD, npm scripts, a shell script) start: each word as a path from the working
 * folder and as a bin of its node_modules (`serve`, `npx next`), and the modules `-r`/`--import` preload.
 */
export function reachStart(texts: readonly string[], workdir: string, files: readonly string[]): ReachStart {
  const out = { files: [...files], modules: [] as string[], workdir, words: [] as string[], lost: [] as string[] };
  for (const text of texts) {
    const words = text.split(/[\s;&|()<>"'`=]+/).filter(Boolean);
    words.forEach((word, i) => {
      if (i > 0 && PRELOAD.test(words[i - 1])) out.modules.push(word);
      // `$@` or `$1` in a shell script are the arguments it was given, which the commands already name.
      if (/^\$\{?[A-Za-z_]/.test(word) && i > 0 && RUNNERS.test(words[i - 1])) out.lost.push(word);
      if (word.startsWith("-") || word.startsWith("$")) return;
      out.words.push(word);
      out.files.push(posix.resolve(workdir, word));
      if (!word.includes("/")) out.files.push(posix.join(workdir, "node_modules/.bin", word));
    });
  }
  return out;
}

/** The package folder holding `path` (`…/node_modules/@scope/name`), null outside node_modules. */
export function packageDir(path: string): string | null {
  return /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? null;
}

/**
 * The targets package.json `exports` gives `key` (`.` or `./sub`), every condition's: a superset of what Node
 * picks. Null when `key` is not exported (Node refuses to load it).
 */
export function exportTargets(exports: unknown, key: string): string[] | null {
  const isMap = typeof exports === "object" && exports !== null && !Array.isArray(exports);
  const keys = isMap ? Object.keys(exports) : [];
  if (!isMap || !keys.every((k) => k.startsWith("."))) {
    const all = key === "." ? targetsOf(exports) : [];
    return all.length > 0 ? all : null;
  }
  const map = exports as Record<string, unknown>;
  if (Object.hasOwn(map, key)) return nonEmpty(targetsOf(map[key]));
  for (const pattern of keys) {
    const star = pattern.indexOf("*");
    if (star >= 0) {
      const [before, after] = [pattern.slice(0, star), pattern.slice(star + 1)];
      if (key.startsWith(before) && key.endsWith(after) && key.length >= before.length + after.length) {
        const match = key.slice(before.length, key.length - after.length);
        return nonEmpty(targetsOf(map[pattern]).map((t) => t.replaceAll("*", match)));
      }
    } else if (pattern.endsWith("/") && key.startsWith(pattern)) {
      return nonEmpty(targetsOf(map[pattern]).map((t) => t + key.slice(pattern.length)));
    }
  }
  return null;
}

/** Every string target of an `exports` or `imports` value, through conditions and fallback arrays. */
function targetsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(targetsOf);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(targetsOf);
  return [];
}

function parseObject(text: string | null): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(text ?? "null");
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

function nonEmpty(list: string[]): string[] | null {
  return list.length > 0 ? list : null;
}
