// Which files of node_modules an image may run: the module graph followed from what runs (the entry's files, the
// app's own files, the bins of the programs the entry runs) through Node's resolution. A script nothing loads
// (react-scripts' eject.js beside `serve`) spawns nothing. Evidence rule: a package the walk cannot follow
// soundly (a computed require, a worker or fork, an entry that does not resolve, a file it cannot read) counts
// whole, and so does everything when the walk grows past its bound.
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
}

export interface NodeReach {
  /** May this script file under node_modules run? */
  runs(file: string): boolean;
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
/** Code that loads files the text does not name: another process or thread, a require made elsewhere. */
const LOADS_UNSEEN =
  /(?:\b__require|\b__non_webpack_require__|\brequire\.resolve)\s*\(\s*(?!["'`][^"'`$]*["'`]\s*\))[^)]|\beval\s*\(\s*["']require["']|\bnew\s+Worker\s*\(|\bfork\s*\(|\bcreateRequire\b|process\.execPath|\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|execa)\s*\(\s*["'`]node\b|\bexecaNode\b|\bexeca\.node\b/;
/** A package manager's shell shim in node_modules/.bin (pnpm, yarn berry): `exec node "$basedir/../serve/main.js"`. */
const SHIM_TARGET = /\$basedir\/([^"'\s]+)/g;
const MODULE_SUFFIXES = ["", ".js", ".cjs", ".mjs", ".json", ".node"];
const INDEX_FILES = ["index.js", "index.cjs", "index.mjs", "index.json", "index.node"];

export function nodeReach(fs: ImageFs, start: ReachStart): NodeReach {
  const reached = new Set<string>();
  const whole = new Set<string>();
  const queue: string[] = [];
  let everything = false;
  let packages: Map<string, string[]> | null = null;

  const visit = (path: string): void => {
    if (!reached.has(path)) {
      reached.add(path);
      queue.push(path);
    }
  };
  const countWhole = (dir: string): void => {
    // A file stored in node_modules/.bin itself (a copy, not a link): which package it belongs to is unknown.
    if (dir.endsWith("/node_modules/.bin")) everything = true;
    if (whole.has(dir)) return;
    whole.add(dir);
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

  /** Load `spec` from a file in folder `from`; `owner` is the loading file's package (counted whole on a gap). */
  const load = (spec: string, from: string, owner: string | null): void => {
    if (spec.startsWith("node:") || BUILTINS.has(spec)) return;
    if (spec.startsWith("#")) return subpathImport(owner);
    if (/^\.\.?(\/|$)|^\//.test(spec)) {
      const found = resolveFile(posix.resolve(from, spec));
      if (found) visit(found);
      else if (owner) countWhole(owner);
      return;
    }
    const name = packageOf(spec);
    if (!name) return;
    const dir = packageFolder(name, from);
    // Not installed: nothing of it can run (verify's module probe tells whether the app misses it).
    if (dir === null) return;
    const targets = entryFiles(dir, spec.slice(name.length));
    if (targets.length === 0) countWhole(dir);
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
  const subpathImport = (owner: string | null): void => {
    if (!owner) return;
    countWhole(owner);
    const imports = manifest(posix.join(owner, "package.json"))?.imports;
    for (const target of targetsOf(imports)) if (!/^\.\.?\//.test(target)) load(target, owner, owner);
  };

  const read = (path: string, entry: FsEntry): void => {
    const owner = packageDir(path);
    // Part of the file or none of it was read: what it loads is unknown.
    if (!entry.data || entry.data.length !== entry.size) {
      if (owner) countWhole(owner);
      // A program's head shows it is no module; anything else could load any package.
      else if (entry.data?.subarray(0, 4).toString("latin1") !== "\x7fELF") everything = true;
      return;
    }
    if (entry.data.subarray(0, 4).toString("latin1") === "\x7fELF") return;
    const text = entry.data.toString("utf8");
    if (isShellScript(text)) {
      if (owner) return shim(path, text);
      // An app's shell script (`start.sh`): the commands it runs.
      begin(reachStart([text], start.workdir, []));
    }
    if (owner && (COMPUTED.test(text) || LOADS_UNSEEN.test(text))) countWhole(owner);
    const from = posix.dirname(path);
    for (const m of text.matchAll(SPECIFIER)) load(m[2] ?? m[4] ?? m[6] ?? m[8], from, owner);
    for (const m of text.matchAll(LOADS_TOO)) load(m[2], from, owner);
  };

  const shim = (path: string, text: string): void => {
    // `"$basedir/node"` (a node beside the shim) is often named too, and rarely there.
    const targets = [...text.matchAll(SHIM_TARGET)].map((m) => resolveFile(posix.join(posix.dirname(path), m[1])));
    if (!targets.some(Boolean)) everything = true;
    for (const t of targets) if (t) visit(t);
  };

  const begin = (from: ReachStart): void => {
    for (const file of from.files) {
      const found = resolveFile(file);
      if (found) visit(found);
    }
    for (const spec of from.modules) load(spec, from.workdir, null);
  };

  begin(start);
  for (let i = 0; i < queue.length && !everything; i++) {
    if (i >= MAX_FILES) everything = true;
    else {
      const path = queue[i];
      const entry = fs.entries.get(path);
      if (entry && !path.endsWith(".d.ts") && (packageDir(path) ? PACKAGE_CODE : APP_CODE).test(path)) read(path, entry);
    }
  }

  let packagesReached: Set<string> | null = null;
  const touched = () => (packagesReached ??= new Set([...reached].map(packageDir).filter((d): d is string => d !== null)));
  return {
    runs(file: string): boolean {
      if (everything) return true;
      const path = fs.resolve(file)?.path ?? file;
      const owner = packageDir(path);
      if (reached.has(path) || (owner !== null && whole.has(owner))) return true;
      // A Python script beside the package's code runs only as a program that code spawns by path.
      return owner !== null && !CODE.test(path) && touched().has(owner);
    },
  };
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
  const out = { files: [...files], modules: [] as string[], workdir };
  for (const text of texts) {
    const words = text.split(/[\s;&|()<>"'`=]+/).filter(Boolean);
    words.forEach((word, i) => {
      if (i > 0 && PRELOAD.test(words[i - 1])) out.modules.push(word);
      if (word.startsWith("-") || word.startsWith("$")) return;
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
