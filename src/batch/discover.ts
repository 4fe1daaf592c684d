// Find the Dockerfiles of a tree of repositories, each with the build context it is built from.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { GitIgnore } from "./gitignore.js";

export interface Target {
  /** Absolute path of the Dockerfile. */
  readonly path: string;
  /** Absolute path of its build context. */
  readonly context: string;
}

const SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules", "vendor", "third_party", "bower_components", ".venv", "__pycache__"]);
const COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/** Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* (not our own temporary files). */
export function isDockerfileName(name: string): boolean {
  if (name.includes(".msb-opt-")) return false;
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(name) || /^[\w.-]+\.(Dockerfile|dockerfile|Containerfile)$/.test(name);
}

/** Every Dockerfile under the given paths (files are taken as they are), sorted, without duplicates. */
export function discover(paths: readonly string[]): Target[] {
  const found = new Map<string, Target>();
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs);
    if (st.isFile()) found.set(abs, { path: abs, context: composeContexts(dirname(abs)).get(abs) ?? dirname(abs) });
    else walk(abs, new GitIgnore(), found);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(dir: string, parentIgnore: GitIgnore, found: Map<string, Target>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  const ignore = names.includes(".gitignore") ? parentIgnore.with(dir, safeRead(join(dir, ".gitignore"))) : parentIgnore;
  const compose = composeContexts(dir, names);
  for (const name of names) {
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (SKIPPED_DIRS.has(name) || ignore.ignores(path, true)) continue;
      walk(path, ignore, found);
    } else if (st.isFile() && isDockerfileName(name) && !ignore.ignores(path, false)) {
      found.set(path, { path, context: compose.get(path) ?? dir });
    }
  }
}

/**
 * Build contexts that a compose file in `dir` gives its services' Dockerfiles:
 * `build: ./ctx` (Dockerfile in it) or `build: { context, dockerfile }`.
 */
function composeContexts(dir: string, names?: readonly string[]): Map<string, string> {
  const contexts = new Map<string, string>();
  for (const file of COMPOSE_FILES) {
    if (names ? !names.includes(file) : !exists(join(dir, file))) continue;
    let doc: unknown;
    try {
      doc = parseYaml(safeRead(join(dir, file)));
    } catch {
      continue; // a broken compose file does not stop the batch; the folder stays the context
    }
    const services = (doc as { services?: Record<string, { build?: unknown }> } | null)?.services ?? {};
    for (const service of Object.values(services)) {
      const build = service?.build;
      if (typeof build === "string") contexts.set(join(resolve(dir, build), "Dockerfile"), resolve(dir, build));
      else if (build && typeof build === "object") {
        const { context = ".", dockerfile = "Dockerfile" } = build as { context?: string; dockerfile?: string };
        if (typeof context !== "string" || typeof dockerfile !== "string" || /^[a-z]+:\/\//i.test(context)) continue;
        const ctx = resolve(dir, context);
        contexts.set(resolve(ctx, dockerfile), ctx);
      }
    }
  }
  return contexts;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Path relative to the current folder, with forward slashes (for reports and diffs). */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith("..") ? path : rel).split(sep).join("/");
}

/** Deterministic shard of a path (FNV-1a of its display path): stable when other files come and go. */
export function shardOf(path: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}
