// Absolute container paths for the split: where a build step writes, and the set of paths the runtime copies.
import { posix } from "node:path";

/** `p` made absolute against the working directory, or null when it is relative and there is none. */
export function resolvePath(cwd: string | null, p: string): string | null {
  if (p.startsWith("/")) return trimSlash(posix.normalize(p));
  if (cwd === null) return null;
  return trimSlash(posix.normalize(posix.join(cwd, p)));
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** Is `p` equal to `dir` or inside it? */
export function isUnder(p: string, dir: string): boolean {
  return p === dir || dir === "/" || p.startsWith(`${dir}/`);
}

/** The paths sorted, without those inside another one. */
export function outermost(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((p) => !sorted.some((q) => q !== p && isUnder(p, q)));
}

/** System folders a runtime must never take wholesale from the builder (they hold the toolchain). */
const SYSTEM_DIRS = new Set([
  "/",
  "/bin",
  "/sbin",
  "/lib",
  "/lib64",
  "/usr",
  "/usr/bin",
  "/usr/sbin",
  "/usr/lib",
  "/usr/local",
  "/usr/local/bin",
  "/usr/local/lib",
  "/usr/share",
  "/etc",
  "/var",
  "/opt",
  "/home",
  "/root",
  "/tmp",
  "/go",
  "/go/bin",
]);

export function isSystemDir(p: string): boolean {
  return SYSTEM_DIRS.has(p);
}
