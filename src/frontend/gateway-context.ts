// The build context as the passes see it (src/core/context.ts `BuildContext`), backed by files fetched from the
// client through the gateway. Sending the whole context to the frontend would cost a full transfer of it
// on every build, so only what the passes use comes over: first the entries at the top of the context
// (its manifests, lockfiles, .dockerignore and scripts are there; folders come without content), then, on
// demand, exactly the paths and folder listings a pass asked for and did not get. The pipeline is pure,
// so running it again with those fetched gives the answer it would give on the real folder.
import { contextPath, type BuildContext } from "../core/context.js";

/** What one fetch asks for. Everything it covers is known afterwards, present or not. */
export interface FetchRequest {
  /** Paths read or tested by a pass; a folder among them comes without its content. */
  readonly paths: readonly string[];
  /** Folders a pass listed: their direct entries come (files with content, folders empty). */
  readonly listings: readonly string[];
}

export interface Fetched {
  /** Files by context-relative path, as bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly dirs: ReadonlySet<string>;
}

const parentOf = (rel: string) => (rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : ".");

/**
 * A context that answers from what was fetched and records what it could not answer, so that the caller
 * can fetch those paths and run the passes again.
 */
export class FetchedContext implements BuildContext {
  readonly available = true;
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(["."]);
  private readonly asked = new Set<string>();
  private readonly listed = new Set<string>();
  /** Paths a pass read or tested that no fetch has covered yet. */
  readonly misses = new Set<string>();
  /** Folders a pass listed that no fetch has listed yet. */
  readonly listMisses = new Set<string>();

  /** Record a fetch's answer. */
  add(request: Partial<FetchRequest>, fetched: Fetched): void {
    for (const p of request.paths ?? []) this.asked.add(p);
    for (const d of request.listings ?? []) this.listed.add(d);
    for (const [path, data] of fetched.files) {
      this.files.set(path, data.toString("utf8"));
      this.addParents(path);
    }
    for (const dir of fetched.dirs) {
      this.dirs.add(dir);
      this.addParents(dir);
    }
    for (const p of [...this.misses]) if (this.known(p)) this.misses.delete(p);
    for (const d of [...this.listMisses]) if (this.listed.has(d) || this.missing(d)) this.listMisses.delete(d);
  }

  /** Replace a file's content (the Dockerfile-specific ignore file stands in for `.dockerignore`). */
  override(path: string, text: string): void {
    this.files.set(path, text);
  }

  private addParents(path: string): void {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
  }

  /** Is it known whether `rel` exists (and, for a file, what it holds)? */
  private known(rel: string): boolean {
    if (this.files.has(rel) || this.dirs.has(rel) || this.asked.has(rel)) return true;
    if (this.listed.has(parentOf(rel))) return true;
    return this.missing(parentOf(rel));
  }

  /** Known not to exist: asked for and absent, or inside such a path, or absent from a listed folder. */
  private missing(rel: string): boolean {
    if (rel === "." || this.files.has(rel) || this.dirs.has(rel)) return false;
    if (this.asked.has(rel) || this.listed.has(parentOf(rel))) return true;
    return rel.includes("/") && this.missing(parentOf(rel));
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

  /** The entries of a folder; a folder not listed yet is recorded, and its known entries returned. */
  list(dir: string): readonly string[] {
    const rel = contextPath(dir);
    if (rel === null || this.files.has(rel) || this.missing(rel)) return [];
    if (!this.listed.has(rel)) this.listMisses.add(rel);
    const prefix = rel === "." ? "" : `${rel}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== "." && p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split("/")[0]);
    }
    return [...names].sort();
  }
}

const byDepth = (a: string, b: string) => a.split("/").length - b.split("/").length || a.localeCompare(b);

/**
 * Include and exclude patterns for fetching `paths`. A path may be a folder: its content is excluded
 * (`dir/*`), except the requested paths inside it (`!dir/file`), so only what was asked for comes over.
 * Later patterns win, so each exception comes before its own `path/*`.
 */
export function fetchPatterns(requested: readonly string[]): { include: string[]; exclude: string[] } {
  const paths = [...new Set(requested)].sort(byDepth);
  const exclude: string[] = [];
  for (const p of paths) {
    if (paths.some((q) => p.startsWith(`${q}/`))) exclude.push(`!${p}`);
    exclude.push(`${p}/*`);
  }
  return { include: [...paths].sort(), exclude };
}

/** Patterns that bring the direct entries of each folder and nothing deeper (`dir/*`, not `dir/*\/*`). */
export function listingPatterns(dirs: readonly string[]): { include: string[]; exclude: string[] } {
  const sorted = [...new Set(dirs)].sort(byDepth);
  const glob = (d: string) => (d === "." ? "*" : `${d}/*`);
  const exclude: string[] = [];
  for (const d of sorted) {
    if (sorted.some((e) => e !== d && (e === "." || d.startsWith(`${e}/`)))) exclude.push(`!${glob(d)}`);
    exclude.push(`${glob(d)}/*`);
  }
  return { include: sorted.map(glob), exclude };
}
