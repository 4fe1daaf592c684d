// The app's files in both images side by side: files the original has and the optimized lacks, node_modules
// packages that are gone, and the owner, mode and writability (by the image's USER) of the working folder
// and of each copied path.
import { globToRegexSource } from "../core/glob.js";
import { renamedPerBuild } from "./build-ids.js";
import type { ImageConfig } from "./docker.js";
import type { FsEntry, ImageFs } from "./image-fs.js";
import { listSome, type Reason, reason } from "./messages.js";

export interface FsSide {
  readonly fs: ImageFs;
  readonly config: ImageConfig;
}

export interface FsIntent {
  /** A pass declared that devDependencies are pruned from the runtime. */
  readonly devDependenciesPruned: boolean;
  /** A pass declared which paths the runtime copies from the build: other files of the app are build-only. */
  readonly copied: readonly string[] | null;
  /** Build-stage folders a pass put on cache mounts: their files never reach an image. */
  readonly buildCaches?: readonly string[];
}

export function compareFiles(roots: readonly string[], original: FsSide, optimized: FsSide, intent: FsIntent): Reason[] {
  const out: Reason[] = [];
  const missing: string[] = [];
  const buildOnly: string[] = [];
  const packages = new Set<string>();
  const copied = intent.copied?.map((c) => (/[*?[]/.test(c) ? new RegExp(`^${globToRegexSource(c)}(/|$)`) : c));
  const inCopied = (p: string) => copied?.some((c) => (typeof c === "string" ? p === c || p.startsWith(`${c}/`) : c.test(p))) ?? true;
  const inCache = (p: string) => intent.buildCaches?.some((c) => p.startsWith(`${c}/`)) ?? false;
  const seen = new Set<string>();
  const present = new Map<string, boolean>();
  for (const root of roots) {
    for (const [path, entry] of [[root, original.fs.entries.get(root)] as const, ...original.fs.under(root)]) {
      if (!entry || entry.type === "dir" || seen.has(path)) continue;
      seen.add(path);
      const pkg = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/.][^/]*)(\/|$)/.exec(path);
      // npm's own entries (`.bin` links, `.package-lock.json`) go with pruned devDependencies.
      if (intent.devDependenciesPruned && /\/node_modules\/\./.test(path) && !optimized.fs.entries.has(path)) {
        buildOnly.push(path);
        continue;
      }
      if (pkg) {
        // A package outside what the runtime copies stayed in the builder, like any other file there.
        if (!inCopied(pkg[1])) {
          if (!optimized.fs.entries.has(path)) buildOnly.push(path);
          continue;
        }
        if (!present.has(pkg[1])) present.set(pkg[1], optimized.fs.has(pkg[1]));
        if (!present.get(pkg[1]) && !pkg[1].includes("/node_modules/.bin")) packages.add(pkg[1]);
        continue;
      }
      if (optimized.fs.entries.has(path)) continue;
      (inCopied(path) && !inCache(path) ? missing : buildOnly).push(path);
    }
  }
  const renamed = renamedPerBuild(missing, extraFiles(roots, original, optimized)).pairs;
  const gone = missing.filter((p) => !renamed.has(p));
  if (gone.length > 0) out.push(reason("difference", "missingFiles", { count: gone.length, files: listSome(gone.sort()) }));
  if (renamed.size > 0) {
    const files = [...renamed].sort().map(([a, b]) => `${a} → ${b}`);
    out.push(reason("information", "renamedPerBuild", { count: renamed.size, files: listSome(files) }));
  }
  if (buildOnly.length > 0) out.push(reason("intended", "buildOnlyFiles", { count: buildOnly.length, files: listSome(buildOnly.sort()) }));
  const names = [...packages].map((p) => p.slice(p.lastIndexOf("/node_modules/") + 14)).sort();
  if (names.length > 0) {
    const data = { count: names.length, packages: listSome(names) };
    out.push(intent.devDependenciesPruned ? reason("intended", "droppedPackages", data) : reason("difference", "missingPackages", data));
  }
  return out;
}

/** Files of the app the optimized image has and the original lacks. */
function extraFiles(roots: readonly string[], original: FsSide, optimized: FsSide): string[] {
  const out = new Set<string>();
  for (const root of roots)
    for (const [path, entry] of optimized.fs.under(root))
      if (entry.type !== "dir" && !original.fs.entries.has(path) && !path.includes("/node_modules/")) out.add(path);
  return [...out];
}

export function comparePermissions(
  paths: readonly string[],
  original: FsSide,
  optimized: FsSide,
  intent: { hardened?: boolean; baseFolder?: string } = {},
): Reason[] {
  const out: Reason[] = [];
  for (const path of [...new Set(paths)].sort()) {
    const [a, b] = [original.fs.resolve(path)?.entry, optimized.fs.resolve(path)?.entry];
    if (!a || !b) continue;
    const [oa, ob] = [ownership(a), ownership(b)];
    const user = userIds(original.fs, original.config.User ?? "");
    const userAfter = userIds(optimized.fs, optimized.config.User ?? "");
    // With `harden`, split-stages gives the copied files to the runtime's non-root user on purpose.
    const toHardenedUser = intent.hardened === true && b.uid === userAfter.uid && userAfter.uid !== 0;
    // The runtime makes the build image's working folder anew (split-stages declines unless the image runs as root).
    const remade = path === intent.baseFolder && a.uid === 0 && b.uid === 0 && user.uid === 0 && userAfter.uid === 0;
    if (oa !== ob && remade) out.push(reason("intended", "baseFolderRemade", { path, before: oa, after: ob }));
    else if (oa !== ob) out.push(reason(toHardenedUser ? "intended" : "difference", "owner", { path, before: oa, after: ob }));
    if (writable(a, user) && !writable(b, userAfter))
      out.push(reason("difference", "notWritable", { path, user: optimized.config.User || "root" }));
  }
  return out;
}

function ownership(e: FsEntry): string {
  return `${e.uid}:${e.gid} mode ${(e.mode & 0o7777).toString(8).padStart(4, "0")}`;
}

/** The uid and gids of a USER value (`name`, `uid`, `name:group`, `uid:gid`), looked up in the image's own files. */
export function userIds(fs: ImageFs, user: string): { uid: number; gids: number[] } {
  const [name, group] = (user || "root").split(":");
  const passwd = (fs.text("/etc/passwd") ?? "").split("\n").map((l) => l.split(":"));
  const groups = (fs.text("/etc/group") ?? "").split("\n").map((l) => l.split(":"));
  const row = passwd.find((r) => r[0] === name || r[2] === name);
  // root is uid 0 also when /etc was not read (verify reads it of an image only when its USER is not root).
  const uid = /^\d+$/.test(name) ? Number(name) : Number(row?.[2] ?? (name === "root" ? 0 : -1));
  const primary =
    group !== undefined
      ? /^\d+$/.test(group)
        ? Number(group)
        : Number(groups.find((g) => g[0] === group)?.[2] ?? -1)
      : Number(row?.[3] ?? uid);
  const userName = row?.[0] ?? name;
  const extra = groups.filter((g) => (g[3] ?? "").split(",").includes(userName)).map((g) => Number(g[2]));
  return { uid, gids: [primary, ...extra] };
}

function writable(e: FsEntry, user: { uid: number; gids: number[] }): boolean {
  if (user.uid === 0) return true;
  if (e.uid === user.uid) return (e.mode & 0o200) !== 0;
  if (user.gids.includes(e.gid)) return (e.mode & 0o020) !== 0;
  return (e.mode & 0o002) !== 0;
}
