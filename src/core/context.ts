// Read-only access to the build context (the folder the Dockerfile is built from), for passes that need
// to know which manifests exist. Tests pass a `memoryContext`; stdin input has `noContext`.
import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { join, normalize, relative, resolve, sep } from "node:path";

export interface BuildContext {
  /** False when there is no context (input from stdin): passes then only move what the Dockerfile names. */
  readonly available: boolean;
  /** Text of a file by context-relative path, or null when it is missing or not a file. */
  read(path: string): string | null;
  exists(path: string): boolean;
  /** Names (files and folders) directly in a context folder, sorted; empty when it is missing. */
  list(dir: string): readonly string[];
  /**
   * Why reading, testing or listing `path` failed for a reason other than its absence (permission denied, a
   * symbolic-link loop, an I/O error), or null. A failed read answers like a missing file, so a caller that
   * must not mistake "unreadable" for "absent" asks this after the read. Contexts that cannot fail omit it.
   */
  failure?(path: string): string | null;
  /**
   * The ignore file BuildKit applies to this context for the Dockerfile being optimized, relative to the context
   * root (`../…` when the Dockerfile lies outside it): see dockerignoreFor. Omitted: `.dockerignore`.
   */
  readonly ignoreFile?: string;
}

/** The ignore file of a context: what to read, extend and name in notes. */
export const ignoreFileOf = (ctx: BuildContext): string => ctx.ignoreFile ?? ".dockerignore";

/**
 * The one place that decides which ignore file a build of `dockerfile` from the context `root` uses. As BuildKit
 * (dockerfile frontend 1.1, Docker 19.03): `<Dockerfile>.dockerignore` beside the Dockerfile (`Dockerfile.dockerignore`,
 * `app.Dockerfile.dockerignore`) when it exists, in place of the context's `.dockerignore`; else `.dockerignore`.
 * The path is relative to the context root, with `/`.
 */
export function dockerignoreFor(dockerfile: string, root: string): string {
  const own = `${resolve(dockerfile)}.dockerignore`;
  try {
    if (statSync(own).isFile()) return relative(resolve(root), own).split(sep).join("/");
  } catch {
    // Absent or unreadable as a file: BuildKit falls back to the context's `.dockerignore` too.
  }
  return ".dockerignore";
}

/** Errors that mean "not there" rather than "could not look". */
const ABSENT = new Set(["ENOENT", "ENOTDIR"]);

/** Context-relative path, without `./` or a leading `/`; refuses to leave the context. */
export function contextPath(path: string): string | null {
  const clean = normalize(path.replace(/^\/+/, "")).replace(/\\/g, "/").replace(/\/+$/, "");
  if (clean === ".." || clean.startsWith("../")) return null;
  return clean === "" ? "." : clean;
}

/**
 * The folder `root` as a build context. Answers are remembered: a context lives for one optimize run, and
 * several passes ask for the same manifests.
 */
export function fsContext(root: string, dockerfile?: string): BuildContext {
  const ctx = memoized(fsContextUncached(root));
  return dockerfile === undefined ? ctx : withIgnoreFile(ctx, root, dockerignoreFor(dockerfile, root));
}

/** `ctx` with the ignore file `ignoreFile` (read from beside the Dockerfile also when that is outside the context). */
function withIgnoreFile(ctx: BuildContext, root: string, ignoreFile: string): BuildContext {
  if (ignoreFile === ".dockerignore") return ctx;
  const outside = contextPath(ignoreFile) === null;
  let text: string | null | undefined;
  const own = () => {
    if (text === undefined) {
      try {
        text = readFileSync(join(root, ignoreFile), "utf8");
      } catch {
        text = null;
      }
    }
    return text;
  };
  return {
    ...ctx,
    read: (path) => (outside && path === ignoreFile ? own() : ctx.read(path)),
    exists: (path) => (outside && path === ignoreFile ? own() !== null : ctx.exists(path)),
    ignoreFile,
  };
}

function memoized(ctx: BuildContext): BuildContext {
  const reads = new Map<string, string | null>();
  const exists = new Map<string, boolean>();
  const lists = new Map<string, readonly string[]>();
  const remember = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  };
  return {
    available: ctx.available,
    read: (path) => remember(reads, path, () => ctx.read(path)),
    exists: (path) => remember(exists, path, () => ctx.exists(path)),
    list: (dir) => remember(lists, dir, () => ctx.list(dir)),
    failure: ctx.failure,
    ...(ctx.ignoreFile === undefined ? {} : { ignoreFile: ctx.ignoreFile }),
  };
}

function fsContextUncached(root: string): BuildContext {
  const abs = (path: string) => {
    const rel = contextPath(path);
    return rel === null ? null : join(root, rel);
  };
  const failures = new Map<string, string>();
  /** The answer for a path that could not be read; remembers why unless the path is simply absent. */
  const failed = <T>(path: string, err: unknown, answer: T): T => {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (!ABSENT.has(code)) failures.set(contextPath(path) ?? path, code || (err as Error).message);
    return answer;
  };
  // One stat per path answers both `read` and `exists` (passes ask both of `.dockerignore`): what it found,
  // or the error it met, which each asker then handles as before.
  const stats = new Map<string, { stat: Stats | undefined } | { error: unknown }>();
  const statOf = (rel: string): Stats | undefined => {
    let known = stats.get(rel);
    if (!known) {
      try {
        known = { stat: statSync(join(root, rel), { throwIfNoEntry: false }) };
      } catch (error) {
        known = { error };
      }
      stats.set(rel, known);
    }
    if ("error" in known) throw known.error;
    return known.stat;
  };
  return {
    available: true,
    // Most lookups are for files that are not there (the manifests each pass probes for): a missing path
    // answers without an exception, which would cost more than the lookup itself.
    read(path) {
      const rel = contextPath(path);
      try {
        return rel !== null && statOf(rel)?.isFile() ? readFileSync(join(root, rel), "utf8") : null;
      } catch (err) {
        return failed(path, err, null);
      }
    },
    exists(path) {
      const rel = contextPath(path);
      try {
        return rel !== null && statOf(rel) !== undefined;
      } catch (err) {
        return failed(path, err, false);
      }
    },
    list(dir) {
      const folder = abs(dir);
      try {
        return folder ? readdirSync(folder).sort() : [];
      } catch (err) {
        return failed(dir, err, []);
      }
    },
    // Asked after every read, test and listing (watchFailures), cached ones too: most runs meet no failure.
    failure: (path) => (failures.size === 0 ? null : (failures.get(contextPath(path) ?? path) ?? null)),
  };
}

/**
 * `ctx` seen through `onFailure`: called with the path and the reason each time a read, test or listing
 * meets a path that could not be read (also when the answer comes from the cache).
 */
export function watchFailures(ctx: BuildContext, onFailure: (path: string, why: string) => void): BuildContext {
  const failure = ctx.failure?.bind(ctx);
  if (!failure) return ctx;
  const check = <T>(path: string, value: T): T => {
    const why = failure(path);
    if (why !== null) onFailure(path, why);
    return value;
  };
  return {
    available: ctx.available,
    read: (path) => check(path, ctx.read(path)),
    exists: (path) => check(path, ctx.exists(path)),
    list: (dir) => check(dir, ctx.list(dir)),
    failure,
    ...(ctx.ignoreFile === undefined ? {} : { ignoreFile: ctx.ignoreFile }),
  };
}

/** A context made of in-memory files, keyed by context-relative path. */
export function memoryContext(files: Readonly<Record<string, string>>): BuildContext {
  const paths = Object.keys(files).map((p) => contextPath(p) ?? p);
  const contents = new Map(Object.entries(files).map(([p, text]) => [contextPath(p) ?? p, text]));
  const isDir = (dir: string) => dir === "." || paths.some((p) => p.startsWith(`${dir}/`));
  return {
    available: true,
    read: (path) => contents.get(contextPath(path) ?? "") ?? null,
    exists: (path) => {
      const rel = contextPath(path);
      return rel !== null && (contents.has(rel) || isDir(rel));
    },
    list(dir) {
      const rel = contextPath(dir);
      if (rel === null) return [];
      const prefix = rel === "." ? "" : `${rel}/`;
      const names = new Set<string>();
      for (const p of paths) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split("/")[0]);
      return [...names].sort();
    },
  };
}

export const noContext: BuildContext = { available: false, read: () => null, exists: () => false, list: () => [] };
