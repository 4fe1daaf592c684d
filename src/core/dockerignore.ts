// `.dockerignore` as BuildKit reads it: one pattern a line, `#` comments, `!` exceptions, a leading `/`
// dropped, `**` for any number of folders, `*` and `?` within one name, `[…]` classes (`[^…]` negates), `\` escapes.
// A path is ignored when the last pattern that matches it or one of its parent folders is not an exception.
import { contextPath, ignoreFileOf, type BuildContext } from "./context.js";

export interface IgnorePattern {
  readonly exception: boolean;
  /** The cleaned pattern, context-relative. */
  readonly pattern: string;
  readonly regex: RegExp;
}

/** The patterns of a `.dockerignore` text, in order. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (rawLine.startsWith("#")) continue;
    let line = rawLine.trim();
    if (line === "") continue;
    const exception = line.startsWith("!");
    if (exception) line = line.slice(1).trim();
    if (line === "") continue;
    const pattern = cleanPath(line);
    patterns.push({ exception, pattern, regex: compile(pattern) });
  }
  return patterns;
}

/** Go's filepath.Clean on a slash path, then without the leading `/` (patterns are context-relative). */
function cleanPath(path: string): string {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part === ".." && absolute) continue;
    else parts.push(part);
  }
  const clean = parts.join("/");
  return clean === "" ? "." : clean;
}

function compile(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") i++;
        re += i + 1 >= pattern.length ? ".*" : "(.*/)?";
      } else {
        re += "[^/]*";
      }
    } else if (ch === "?") {
      re += "[^/]";
    } else if (ch === "\\" && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]);
    } else if (ch === "[") {
      // BuildKit hands classes to Go's regexp as written: `[^a]` negates, `[!a]` is a class with `!`.
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      re += `[${pattern.slice(i + 1, end).replace(/\\(?!.)/g, "\\\\")}]`;
      i = end;
    } else {
      re += escapeRegex(ch);
    }
  }
  return new RegExp(`^${re}$`);
}

const escapeRegex = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Is this context-relative path excluded from the build context? */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const rel = contextPath(path);
  if (rel === null || rel === ".") return false;
  const parts = rel.split("/");
  const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const p of patterns) {
    // As BuildKit: an exception only matters once something matched, a pattern only until it did.
    if (p.exception !== ignored) continue;
    if (p.regex.test(rel) || parents.some((parent) => p.regex.test(parent))) ignored = !p.exception;
  }
  return ignored;
}

/** The build context as COPY sees it: paths that its ignore file (`.dockerignore`, see ignoreFileOf) excludes do not exist. */
export function withDockerignore(ctx: BuildContext): BuildContext {
  const text = ctx.available ? ctx.read(ignoreFileOf(ctx)) : null;
  if (text === null) return ctx;
  const patterns = parseDockerignore(text);
  const hidden = (path: string) => isIgnored(patterns, path);
  return {
    available: ctx.available,
    read: (path) => (hidden(path) ? null : ctx.read(path)),
    exists: (path) => !hidden(path) && ctx.exists(path),
    list: (dir) => {
      const rel = contextPath(dir);
      if (rel === null || hidden(rel)) return [];
      return ctx.list(rel).filter((name) => !hidden(rel === "." ? name : `${rel}/${name}`));
    },
    ...(ctx.ignoreFile === undefined ? {} : { ignoreFile: ctx.ignoreFile }),
  };
}
