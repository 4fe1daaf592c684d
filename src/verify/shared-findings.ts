// Does the original share the optimized image's closure findings? In general that takes the original's whole
// file system (a full toolchain image: seconds of export). The common case is cheaper: a script of the app (or
// the ENTRYPOINT/CMD, HEALTHCHECK, npm start script) names a program that neither image has (`execFile("SELECT
// …")` in a database driver's tests). The original has the same finding when its scan reads the same script (same
// file, same text, same package.json, working folder and ENTRYPOINT/CMD; the same HEALTHCHECK) and none of its
// PATH folders has that program: a few copied files and stats, no export. A script of node_modules counts only
// where the app may load it (node-reach.ts); the original reaches it too, as its node_modules holds the optimized
// image's packages at the same paths (one lockfile; the split only leaves devDependencies out).
import { posix } from "node:path";
import { DEFAULT_PATH, type Finding } from "./closure.js";
import type { Docker, ImageConfig } from "./docker.js";
import type { ImageFs } from "./image-fs.js";

export interface OriginalView {
  readonly tag: string;
  readonly config: ImageConfig;
  /** Its app folders as read for the comparison (names, types, modes). */
  readonly fs: ImageFs;
}

/**
 * The findings of `found` (the optimized image's) that the original has too, or null when that cannot be decided
 * this way (a finding of another kind, a script that differs, no engine socket): then the original is read whole.
 */
export async function sharedFindings(
  docker: Pick<Docker, "exportPaths" | "regularFiles">,
  original: OriginalView,
  optimized: { readonly fs: ImageFs; readonly config: ImageConfig },
  found: readonly Finding[],
): Promise<Finding[] | null> {
  const workdir = optimized.config.WorkingDir || "/";
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (
    (original.config.WorkingDir || "/") !== workdir ||
    !same(original.config.Entrypoint, optimized.config.Entrypoint) ||
    !same(original.config.Cmd, optimized.config.Cmd)
  )
    return null;
  const health = (c: ImageConfig) => (c.Healthcheck as { Test?: unknown } | null)?.Test;
  // Where a program is named: a script (its path), or the config and package.json (the same in both, checked).
  const sources = new Map<Finding, string | null>();
  for (const f of found) {
    const by = f.data.by ?? "";
    const file = /^`(\/[^`]+)`$/.exec(by)?.[1] ?? null;
    const configured =
      by === "the ENTRYPOINT/CMD" ||
      by.startsWith("the npm script ") ||
      (by === "the HEALTHCHECK" && same(health(original.config), health(optimized.config)));
    if (
      (f.id !== "missingProgram" && f.id !== "missingProgramReachUnknown") ||
      f.key !== `prog:${f.data.program}` ||
      f.data.program.includes("/") ||
      (!file && !configured)
    )
      return null;
    sources.set(f, file);
  }
  const env = new Map((original.config.Env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const path = (env.get("PATH") ?? DEFAULT_PATH).split(":").filter(Boolean);
  // An npm script also finds the packages' programs, as the scan does.
  const folders = (f: Finding) => (f.data.by?.startsWith("the npm script ") ? [posix.join(workdir, "node_modules/.bin"), ...path] : path);
  const pkg = posix.join(workdir, "package.json");
  const scripts = [...sources.values()].filter((s): s is string => s !== null);
  const candidates = [...new Set(found.flatMap((f) => folders(f).map((d) => posix.join(d, f.data.program))))];
  const [copied, regular] = await Promise.all([
    docker.exportPaths(original.tag, [...new Set([...scripts, pkg])], () => "whole"),
    docker.regularFiles(original.tag, candidates),
  ]);
  if ("error" in copied || !regular) return null;
  const bytes = (fs: ImageFs, p: string) => fs.entries.get(p)?.data ?? null;
  const equal = (a: Buffer | null, b: Buffer | null) => (a === null ? b === null : b !== null && a.equals(b));
  // The same package.json: the same scripts count as build-only in both scans.
  if (!equal(bytes(copied, pkg), bytes(optimized.fs, pkg))) return null;
  const shared: Finding[] = [];
  for (const [f, file] of sources) {
    // The original has the program: it cannot have this finding.
    if (folders(f).some((d) => regular.get(posix.join(d, f.data.program)))) continue;
    if (file === null) {
      shared.push(f);
      continue;
    }
    // Its scan reads the script only as a file stored under its app folders (not through a link), and it must read the same text.
    const a = bytes(copied, file);
    if (original.fs.entries.get(file)?.type !== "file" || a === null || !equal(a, bytes(optimized.fs, file))) return null;
    shared.push(f);
  }
  return shared;
}
