// Find the Dockerfiles of a tree of repositories, each with the build context it is built from. Folders that
// are symbolic links are not followed unless asked (then each real folder is walked once, so loops end); what
// cannot be read is reported, never skipped silently.
import { type Dirent, readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
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

/**
 * Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* (not our own temporary files, nor BuildKit's per-Dockerfile
 * ignore files `Dockerfile.dockerignore`, `app.Dockerfile.dockerignore`).
 */
export function isDockerfileName(name: string): boolean {
  if (name.includes(".msb-opt-") || name.endsWith(".dockerignore")) return false;
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(name) || /^[\w.-]+\.(Dockerfile|dockerfile|Containerfile)$/.test(name);
}

/** Template sources (docker-library's `Dockerfile.template`, Jinja, m4, ERB): their FROM is often a placeholder. */
const TEMPLATE = /\.(template|tmpl|tpl|j2|jinja2?|in|m4|erb|mustache|hbs)$/i;

/** Something the walk met but did not take: reported, never dropped silently. */
export interface Passed {
  /** Absolute path. */
  readonly path: string;
  /**
   * unreadable: a folder, Dockerfile or file the walk needs that could not be read (an error);
   * outside: a symbolically linked Dockerfile whose file is outside the tree (skipped);
   * link: a symbolically linked folder, not followed without --follow-symlinks (a note);
   * template: `Dockerfile.template`, `.tmpl`, `.j2`, `.in`, …, the source a generator makes a Dockerfile from (skipped).
   */
  readonly kind: "unreadable" | "outside" | "link" | "template";
  readonly reason: string;
}

export interface Discovery {
  readonly targets: Target[];
  readonly passed: Passed[];
}

export interface DiscoverOptions {
  /** Walk into symbolically linked folders and take linked Dockerfiles from anywhere (each real folder once). */
  readonly followSymlinks?: boolean;
}

/** Every Dockerfile under the given paths (files are taken as they are), sorted, without duplicates. */
export function discover(paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const found = new Map<string, Target>();
  const passed: Passed[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs);
    if (st.isFile()) found.set(abs, { path: abs, context: composeContexts(dirname(abs), passed).get(abs) ?? dirname(abs) });
    else {
      const walk = new Walk(realpathSync(abs), options.followSymlinks ?? false, found, passed);
      walk.visit(abs, st, new GitIgnore());
    }
  }
  const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { targets: [...found.values()].sort(byPath), passed: passed.sort(byPath) };
}

const why = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

class Walk {
  /** device:inode of the folders walked: a folder reached twice (a loop, two links) is walked once. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly realRoot: string,
    private readonly follow: boolean,
    private readonly found: Map<string, Target>,
    private readonly passed: Passed[],
  ) {}

  visit(dir: string, st: Stats, parentIgnore: GitIgnore): void {
    const key = `${st.dev}:${st.ino}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      this.passed.push({
        path: dir,
        kind: "unreadable",
        reason: `cannot read this folder (${why(err)}); the Dockerfiles in it were not checked`,
      });
      return;
    }
    const names = entries.map((e) => e.name);
    const ignore = names.includes(".gitignore") ? parentIgnore.with(dir, this.read(join(dir, ".gitignore"))) : parentIgnore;
    const compose = composeContexts(dir, this.passed, names);
    for (const e of entries) {
      // A plain file that is no Dockerfile needs no look (a build context holds thousands): no stat for it.
      if (e.isFile() && !isDockerfileName(e.name)) continue;
      this.entry(e, join(dir, e.name), ignore, compose.get(join(dir, e.name)) ?? dir);
    }
  }

  private entry(e: Dirent, path: string, ignore: GitIgnore, context: string): void {
    const { name } = e;
    const dockerfile = isDockerfileName(name);
    // The entry's type came with the listing: a plain Dockerfile needs no stat, a folder no lstat (its stat
    // names it for the walked set); a symbolic link is followed to see what it is.
    if (e.isFile()) {
      if (ignore.ignores(path, false)) return;
      if (TEMPLATE.test(name))
        this.passed.push({
          path,
          kind: "template",
          reason: "skipped: a template that makes a Dockerfile, not one (give its path to check it as one)",
        });
      else this.found.set(path, { path, context });
      return;
    }
    const link = e.isSymbolicLink();
    let st: Stats;
    try {
      st = statSync(path);
    } catch (err) {
      // A broken or looping link, or a file that vanished: it matters only if it should have been a Dockerfile.
      if (dockerfile && !ignore.ignores(path, false))
        this.passed.push({
          path,
          kind: "unreadable",
          reason: `cannot read this Dockerfile (${why(err)}${link ? ", a broken symbolic link" : ""})`,
        });
      return;
    }
    if (st.isDirectory()) {
      if (SKIPPED_DIRS.has(name) || ignore.ignores(path, true)) return;
      if (link && !this.follow) {
        this.passed.push({ path, kind: "link", reason: "a symbolically linked folder, not followed (--follow-symlinks follows it)" });
        return;
      }
      this.visit(path, st, ignore);
    } else if (st.isFile() && dockerfile && !ignore.ignores(path, false)) {
      if (link && !this.follow) {
        const real = realpathSync(path);
        if (real !== this.realRoot && !real.startsWith(`${this.realRoot}${sep}`)) {
          this.passed.push({
            path,
            kind: "outside",
            reason: `skipped: a symbolic link to ${real}, outside the tree (--follow-symlinks takes it, and --write would write there)`,
          });
          return;
        }
      }
      this.found.set(path, { path, context });
    }
  }

  private read(path: string): string {
    try {
      return readFileSync(path, "utf8");
    } catch (err) {
      this.passed.push({ path, kind: "unreadable", reason: `cannot read this file (${why(err)}), so what it ignores was walked` });
      return "";
    }
  }
}

/**
 * Build contexts that a compose file in `dir` gives its services' Dockerfiles:
 * `build: ./ctx` (Dockerfile in it) or `build: { context, dockerfile }`.
 */
function composeContexts(dir: string, passed: Passed[], names?: readonly string[]): Map<string, string> {
  const contexts = new Map<string, string>();
  for (const file of COMPOSE_FILES) {
    if (names ? !names.includes(file) : !exists(join(dir, file))) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, file), "utf8");
    } catch (err) {
      const reason = `cannot read this compose file (${why(err)}), so the build contexts it names are not known; its Dockerfiles were checked against their own folder`;
      passed.push({ path: join(dir, file), kind: "unreadable", reason });
      continue;
    }
    // No `build` key without the word (or an escape that spells it): most compose files only pull images,
    // and parsing every one cost more than walking the tree.
    if (!/build|\\/.test(text)) continue;
    let doc: unknown;
    try {
      doc = parseYaml(text);
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

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The repository `cwd` is in: the nearest folder up from it that has a `.git`, else `cwd` itself. */
export function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (exists(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
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
