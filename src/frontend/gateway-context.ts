// The build context as the passes see it (src/context.ts `BuildContext`), backed by files fetched from the
// client through the gateway. Sending the whole context to the frontend would cost a full transfer on every
// build, so only small files come over: the manifests and lockfiles passes read (by pattern, in one solve),
// then, on demand, exactly the paths a pass asked for and did not get. The pipeline is pure, so running it
// again with the missing files fetched gives the answer it would give on the real folder.
import { contextPath, type BuildContext } from "../context.js";

/** Top-level files the passes read to plan a build (fsutil include patterns: `*` within a name). */
export const MANIFEST_PATTERNS: readonly string[] = [
  ".dockerignore",
  "msb-opt.lock.json",
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  ".yarnrc",
  ".yarnrc.yml",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  "bun.lock",
  "bun.lockb",
  ".npmrc",
  "go.mod",
  "go.sum",
  "go.work",
  "go.work.sum",
  "requirements*.txt",
  "constraints*.txt",
  "pyproject.toml",
  "poetry.lock",
  "uv.lock",
  "Pipfile",
  "Pipfile.lock",
  "setup.py",
  "setup.cfg",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "settings.gradle",
  "settings.gradle.kts",
  "gradle.properties",
  "Cargo.toml",
  "Cargo.lock",
  "Gemfile",
  "Gemfile.lock",
  "composer.json",
  "composer.lock",
  "*.csproj",
  "*.fsproj",
  "*.sln",
  "global.json",
  "nuget.config",
  "NuGet.config",
  "mix.exs",
  "mix.lock",
];

function globRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, "[^/]*");
  return new RegExp(`^${body}$`);
}

/** What one fetch asks for: patterns (whose matches are then fully known) and exact paths. */
export interface FetchRequest {
  readonly patterns: readonly string[];
  /** Paths read or tested by a pass; a folder among them comes without its content. */
  readonly paths: readonly string[];
}

export interface Fetched {
  /** Files by context-relative path, as bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly dirs: ReadonlySet<string>;
}

/**
 * A context that answers from what was fetched and records what it could not answer, so that the caller
 * can fetch those paths and run the passes again.
 */
export class FetchedContext implements BuildContext {
  readonly available = true;
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(["."]);
  private readonly patterns: RegExp[] = [];
  private readonly asked = new Set<string>();
  /** Paths a pass asked about that no fetch has covered yet. */
  readonly misses = new Set<string>();

  /** Record a fetch's answer: everything it covered is now known, present or not. */
  add(request: FetchRequest, fetched: Fetched): void {
    this.patterns.push(...request.patterns.map(globRegex));
    for (const p of request.paths) this.asked.add(p);
    for (const [path, data] of fetched.files) {
      this.files.set(path, data.toString("utf8"));
      this.addParents(path);
    }
    for (const dir of fetched.dirs) {
      this.dirs.add(dir);
      this.addParents(dir);
    }
    for (const p of [...this.misses]) if (this.known(p)) this.misses.delete(p);
  }

  /** Replace a file's content (the Dockerfile-specific ignore file stands in for `.dockerignore`). */
  override(path: string, text: string): void {
    this.files.set(path, text);
  }

  private addParents(path: string): void {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
  }

  private known(rel: string): boolean {
    if (this.files.has(rel) || this.dirs.has(rel) || this.asked.has(rel)) return true;
    if (!rel.includes("/") && this.patterns.some((p) => p.test(rel))) return true;
    return [...this.asked].some((a) => rel.startsWith(`${a}/`) && !this.dirs.has(a)); // under a missing path
  }

  private answer<T>(path: string, found: (rel: string) => T | undefined, absent: T): T {
    const rel = contextPath(path);
    if (rel === null) return absent;
    const hit = found(rel);
    if (hit !== undefined) return hit;
    if (!this.known(rel)) this.misses.add(rel);
    return absent;
  }

  read(path: string): string | null {
    return this.answer<string | null>(path, (rel) => this.files.get(rel), null);
  }

  exists(path: string): boolean {
    return this.answer(path, (rel) => (this.files.has(rel) || this.dirs.has(rel) ? true : undefined), false);
  }

  /** Names known in a folder: the fetched files and folders only (the context is never sent whole). */
  list(dir: string): readonly string[] {
    const rel = contextPath(dir);
    if (rel === null) return [];
    const prefix = rel === "." ? "" : `${rel}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== "." && p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split("/")[0]);
    }
    return [...names].sort();
  }
}

/**
 * Include and exclude patterns for fetching `paths`. A path may be a folder: its content is excluded
 * (`dir/*`), except the requested paths inside it (`!dir/file`), so only what was asked for comes over.
 * Later patterns win, so each exception comes before its own `path/*`.
 */
export function fetchPatterns(request: FetchRequest): { include: string[]; exclude: string[] } {
  const paths = [...new Set(request.paths)].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  const exclude: string[] = [];
  for (const p of paths) {
    if (paths.some((q) => p.startsWith(`${q}/`))) exclude.push(`!${p}`);
    exclude.push(`${p}/*`);
  }
  return { include: [...new Set([...request.patterns, ...paths])].sort(), exclude };
}
