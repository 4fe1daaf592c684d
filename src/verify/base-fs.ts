// An image whose instructions above its base image only copy files in (COPY/ADD, WORKDIR: no RUN) is its base's
// file system with those paths replaced. So the optimized image is read as its base's file system, read once
// (kept in memory and in a cache folder, keyed by the base's layers), plus its own paths, read with `docker cp`:
// a split runtime on `node:20-slim` no longer exports the 200 MB of node:20-slim on every verify.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { keepFor } from "./closure.js";
import type { Docker, ImageInfo } from "./docker.js";
import type { ElfInfo } from "./elf.js";
import { type FsEntry, type ImageFs, inWalkOrder } from "./image-fs.js";

/** Bump when what is kept of a base file system changes (keepFor without roots, the ELF reader) or how it is stored. */
const FORMAT = 3;
/** Base file systems kept in memory (one process verifies many apps on few bases) and on disk. */
const IN_MEMORY = 4;
const ON_DISK = 32;

type Read = ImageFs | { error: string };
const memory = new Map<string, Promise<Read>>();

/**
 * The file system of a base image as `docker export` of a container made from it shows it, with the contents
 * the probes keep outside an app's folders (`keepFor([])`): from memory, else the cache folder, else exported
 * (and then kept in both). Runs that ask at once share one export.
 */
export function baseFs(docker: Docker, ref: string, info: ImageInfo, cacheDir: string | null): Promise<Read> {
  // The layers make the files; `docker create` adds the working folder.
  const key = createHash("sha256")
    .update(JSON.stringify([FORMAT, info.rootLayers, info.config.WorkingDir ?? ""]))
    .digest("hex");
  const hit = memory.get(key);
  if (hit) {
    memory.delete(key);
    memory.set(key, hit);
    return hit;
  }
  const file = cacheDir ? join(cacheDir, "verify-base-fs", `${key}.bin`) : null;
  const read = (async (): Promise<Read> => {
    const stored = file ? load(file) : null;
    if (stored) return stored;
    const fs = await docker.exportFs(ref, keepFor([]));
    if (file && !("error" in fs)) save(file, fs);
    return fs;
  })();
  memory.set(key, read);
  // A failed read is not kept: the next run tries again.
  read.then((r) => "error" in r && memory.get(key) === read && memory.delete(key));
  while (memory.size > IN_MEMORY) memory.delete(memory.keys().next().value!);
  return read;
}

/**
 * The image's file system read as its base's plus its own paths, or null when that would not be exact: the
 * Dockerfile's final stage runs something or has a VOLUME (`writes` null), the image is not built on that
 * base, or a path it writes goes through a symbolic link (the write lands elsewhere).
 */
export async function readAbove(
  docker: Docker,
  image: { readonly tag: string; readonly info: ImageInfo },
  base: { readonly ref: string; readonly info: ImageInfo } | null,
  writes: readonly string[] | null,
  roots: readonly string[],
  cacheDir: string | null,
): Promise<Read | null> {
  if (!base || !writes) return null;
  const [own, under] = [image.info.rootLayers, base.info.rootLayers];
  if (own.length < under.length || under.some((layer, i) => own[i] !== layer)) return null;
  // Volumes are not in an export; containers made from the image could differ there.
  const volumes = (c: ImageInfo) => Object.keys(c.config.Volumes ?? {}).length > 0 || (c.config.OnBuild?.length ?? 0) > 0;
  if (volumes(image.info) || volumes(base.info)) return null;
  // The app's folders too (read with their contents kept), and the folder `docker create` made in the base's container.
  const paths = outermost(
    [...writes, ...roots, base.info.config.WorkingDir || "/"].map((p) => posix.normalize(p)).filter((p) => p !== "/"),
  );
  if (writes.some((p) => posix.normalize(p) === "/")) return null;
  const [fs, upper] = await Promise.all([
    baseFs(docker, base.ref, base.info, cacheDir),
    docker.exportPaths(image.tag, paths, keepFor(roots)),
  ]);
  if ("error" in fs || "error" in upper) return null;
  const replaced = (p: string) => paths.some((q) => p === q || p.startsWith(`${q}/`));
  const merged = inWalkOrder([...[...fs.entries].filter(([p]) => !replaced(p)), ...upper.entries]);
  // Each path is what `docker cp` read only when no symbolic link is on the way to it.
  for (const p of paths) {
    const hit = merged.resolve(p);
    if (hit ? hit.path !== p : upper.entries.has(p)) return null;
  }
  return merged;
}

/** The paths that are not below another one of them. */
export function outermost(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && (q === "/" || p.startsWith(`${q}/`)))).sort();
}

/**
 * A cache file: one line of JSON (the format and each entry's metadata: path, type, mode, uid, gid, size, link,
 * the length of its kept content (-1: none), its ELF info (0: not read)), then the kept contents one after the
 * other. Read back as one buffer whose contents are slices of it: no base64 to decode, no copy (a node base's
 * 7 MB of npm's own scripts was 150-550 ms of JSON and base64 on the main thread, beside the two builds).
 */
interface Stored {
  readonly format: number;
  readonly entries: [string, FsEntry["type"], number, number, number, number, string | null, number, ElfInfo | null | 0][];
}

function save(file: string, fs: ImageFs): void {
  const contents: Buffer[] = [];
  const stored: Stored = {
    format: FORMAT,
    entries: [...fs.entries].map(([p, e]) => {
      if (e.data) contents.push(e.data);
      return [p, e.type, e.mode, e.uid, e.gid, e.size, e.link, e.data ? e.data.length : -1, e.elf === undefined ? 0 : e.elf];
    }),
  };
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    // Written under a temporary name and renamed: a reader never sees half a file.
    const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    // JSON text has no raw line break: the first one ends the metadata.
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(stored)}\n`), ...contents]));
    renameSync(tmp, file);
    prune(join(file, ".."));
  } catch {
    // An unwritable or full cache folder: the next run exports the base again.
  }
}

function load(file: string): ImageFs | null {
  try {
    const bytes = readFileSync(file);
    const end = bytes.indexOf(10);
    if (end < 0) return null;
    const stored = JSON.parse(bytes.toString("utf8", 0, end)) as Stored;
    if (stored.format !== FORMAT) return null;
    let at = end + 1;
    const entries: [string, FsEntry][] = stored.entries.map(([p, type, mode, uid, gid, size, link, length, elf]) => {
      const data = length < 0 ? null : bytes.subarray(at, at + length);
      at += Math.max(length, 0);
      const entry: FsEntry = { type, mode, uid, gid, size, link, data };
      if (elf !== 0) entry.elf = elf;
      return [p, entry];
    });
    // A file cut short (a full disk) is no file system.
    if (at !== bytes.length) return null;
    // Used now: pruned last.
    const now = new Date();
    utimesSync(file, now, now);
    return inWalkOrder(entries);
  } catch {
    return null;
  }
}

/** Keep the newest files of the cache folder (older formats' too: other versions of msb-opt may share it). */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(".json") || n.endsWith(".bin"))
    .map((n) => ({ path: join(dir, n), time: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const f of files.slice(ON_DISK)) rmSync(f.path, { force: true });
}
