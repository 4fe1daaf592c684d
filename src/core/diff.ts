// Unified diffs of a file's rewrite, in the format `git apply` and `patch -p1` read.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/** A unified diff with `a/` and `b/` headers (`/dev/null` for a new file), or "" when the texts are equal. */
export function unifiedDiff(before: string, after: string, path: string, created = false): string {
  if (before === after) return "";
  const name = path.replace(/^\.?\//, "");
  return createTwoFilesPatch(created ? "/dev/null" : `a/${name}`, `b/${name}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** ANSI colours for a terminal: additions green, removals red, hunk headers cyan. */
export function colorizeDiff(diff: string): string {
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return `\x1b[1m${line}\x1b[0m`;
      if (line.startsWith("+")) return `\x1b[32m${line}\x1b[0m`;
      if (line.startsWith("-")) return `\x1b[31m${line}\x1b[0m`;
      if (line.startsWith("@@")) return `\x1b[36m${line}\x1b[0m`;
      return line;
    })
    .join("\n");
}
