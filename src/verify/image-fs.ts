// An image's file system, read on the host from a tar stream (`docker export` of a created, never started
// container): no shell or tool is needed inside the image. Every entry's metadata is kept; contents only
// where the caller asks (ELF files under the copied paths, small text files), so that large images fit.
import { posix } from "node:path";
import { dynamicSection, type ElfInfo, isElf, readElf } from "./elf.js";

export interface FsEntry {
  readonly type: "file" | "dir" | "symlink" | "other";
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** Symlink target, or the path a hard link shares its data with. */
  readonly link: string | null;
  /** The content, when kept. */
  data: Buffer | null;
  /** What the loader needs of an ELF file read in `elfInfo` mode (its content is not kept). */
  elf?: ElfInfo | null;
}

/**
 * Which contents to keep: `whole` for any file, `elf` when it starts as an ELF file, `head` its first 256
 * bytes, `elfInfo` only the loader's view of an ELF file (a system library: its DT_NEEDED, RUNPATH).
 */
export type Keep = (path: string, size: number, mode: number) => "whole" | "elf" | "head" | "elfInfo" | "no";

export class ImageFs {
  readonly entries = new Map<string, FsEntry>();

  /** The entry at `path` after following symlinks inside the image (at most 40 hops), or null. */
  resolve(path: string, hops = 0): { path: string; entry: FsEntry } | null {
    if (hops > 40) return null;
    const parts = posix.normalize(`/${path}`).split("/").filter(Boolean);
    let current = "/";
    for (let i = 0; i < parts.length; i++) {
      const next = posix.join(current, parts[i]);
      const entry = this.entries.get(next);
      // A folder a tar stream does not list is still there when something below it is.
      if (!entry) {
        if (i === parts.length - 1) return null;
        current = next;
        continue;
      }
      if (entry.type === "symlink" && entry.link !== null) {
        const target = posix.isAbsolute(entry.link) ? entry.link : posix.join(current, entry.link);
        const rest = parts.slice(i + 1).join("/");
        return this.resolve(rest ? posix.join(target, rest) : target, hops + 1);
      }
      current = next;
    }
    const entry = this.entries.get(current) ?? (current === "/" ? ROOT : undefined);
    return entry ? { path: current, entry } : null;
  }

  private folders: Set<string> | null = null;

  /** Is there something at `path`, or below it (a folder a tar stream does not list)? */
  has(path: string): boolean {
    if (this.resolve(path)) return true;
    // Every folder that has something below it, built once (the probes ask thousands of times).
    if (!this.folders) {
      this.folders = new Set();
      for (const p of this.entries.keys())
        for (let d = posix.dirname(p); d !== "/" && !this.folders.has(d); d = posix.dirname(d)) this.folders.add(d);
    }
    return this.folders.has(posix.normalize(path));
  }

  private listing: Map<string, string[]> | null = null;

  /** The names directly inside folder `dir` as stored (symlinks not followed), from an index built once. */
  children(dir: string): readonly string[] {
    if (!this.listing) {
      this.listing = new Map();
      const seen = new Set<string>();
      // Folders a tar stream does not list are still there when something below them is.
      for (let p of this.entries.keys()) {
        for (; p !== "/" && !seen.has(p); p = posix.dirname(p)) {
          seen.add(p);
          const parent = posix.dirname(p);
          const names = this.listing.get(parent) ?? [];
          names.push(posix.basename(p));
          this.listing.set(parent, names);
        }
      }
    }
    return this.listing.get(posix.normalize(dir)) ?? [];
  }

  /** Paths under `dir` (itself excluded), as stored (symlinks not followed). */
  *under(dir: string): Generator<[string, FsEntry]> {
    const prefix = dir === "/" ? "/" : `${dir}/`;
    for (const [p, e] of this.entries) if (p.startsWith(prefix)) yield [p, e];
  }

  text(path: string): string | null {
    const r = this.resolve(path);
    return r?.entry.data ? r.entry.data.toString("utf8") : null;
  }
}

/**
 * Order two paths as `docker export` lists them (a folder, then what is inside it, names in byte order): `/`
 * sorts before any other character.
 */
export function walkOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
    if (x !== y) return (x === 47 ? -1 : x) - (y === 47 ? -1 : y);
  }
  return a.length - b.length;
}

/** A file system of these entries in export order: the probes then see the same order whichever way it was read. */
export function inWalkOrder(entries: Iterable<[string, FsEntry]>): ImageFs {
  const fs = new ImageFs();
  for (const [path, entry] of [...entries].sort(([a], [b]) => walkOrder(a, b))) fs.entries.set(path, entry);
  return fs;
}

const ZERO_BLOCK = Buffer.alloc(512);
const ROOT: FsEntry = { type: "dir", mode: 0o755, uid: 0, gid: 0, size: 0, link: null, data: null };

/** Read a tar stream into an ImageFs (ustar, GNU long names and PAX headers). */
export async function readTar(stream: AsyncIterable<Buffer>, keep: Keep, into?: { fs: ImageFs; folder: string }): Promise<ImageFs> {
  // `docker cp CONTAINER:/usr/src/app -` names its entries `app/…`: they land under the folder it was copied from.
  const fs = into?.fs ?? new ImageFs();
  const folder = into?.folder ?? "";
  const hardLinks: [string, string][] = [];
  let buf: Buffer = Buffer.alloc(0);
  let pending: {
    path: string;
    entry: FsEntry;
    left: number;
    pad: number;
    mode: ReturnType<Keep>;
    parts: Buffer[];
    decided?: boolean;
    /** elfInfo: the file's head and its dynamic section, by offset (the rest is never needed). */
    pieces: [number, Buffer][];
    dynamic?: { offset: number; size: number } | null;
  } | null = null;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Record<string, string> = {};
  let meta: { kind: "L" | "K" | "x"; left: number; pad: number; parts: Buffer[] } | null = null;

  const finishFile = () => {
    if (!pending) return;
    const data = Buffer.concat(pending.parts);
    if (pending.mode === "whole" || (pending.mode === "elf" && isElf(data))) pending.entry.data = data;
    if (pending.mode === "head") pending.entry.data = data.subarray(0, 256);
    if (pending.mode === "elfInfo") {
      // The kept ranges at their offsets, zeros elsewhere (calloc'd lazily: cheap even for a large file).
      const sparse = Buffer.alloc(pending.entry.size);
      for (const [offset, piece] of pending.pieces) piece.copy(sparse, offset);
      pending.entry.elf = readElf(sparse);
    }
    pending = null;
  };

  /** Past `take` more bytes of the file being read; true once it is complete (its padding skipped, it finished). */
  const advanceFile = (take: number): boolean => {
    if (!pending) return false;
    pending.left -= take;
    buf = buf.subarray(take);
    if (pending.left > 0 || buf.length < pending.pad) return false;
    buf = buf.subarray(pending.pad);
    finishFile();
    return true;
  };

  for await (const chunk of stream) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (meta) {
        const take = Math.min(meta.left, buf.length);
        meta.parts.push(buf.subarray(0, take));
        meta.left -= take;
        buf = buf.subarray(take);
        if (meta.left > 0) break;
        if (buf.length < meta.pad) break;
        buf = buf.subarray(meta.pad);
        const body = Buffer.concat(meta.parts).toString("utf8");
        if (meta.kind === "L") longName = body.replace(/\0.*$/s, "");
        else if (meta.kind === "K") longLink = body.replace(/\0.*$/s, "");
        else pax = parsePax(body);
        meta = null;
        continue;
      }
      if (pending) {
        const take = Math.min(pending.left, buf.length);
        // Only an ELF file's head decides whether to keep the rest.
        const had = pending.entry.size - pending.left;
        if (pending.mode === "elfInfo" && pending.decided) {
          keepElfRanges(pending, had, buf.subarray(0, take));
          if (!advanceFile(take)) break;
          continue;
        }
        // Slices, not copies: a stream never reuses the buffers it hands out.
        if (pending.mode !== "no" && !(pending.mode === "head" && had >= 256) && take > 0)
          pending.parts.push(buf.subarray(0, pending.mode === "head" ? Math.min(take, 256 - had) : take));
        // Decided once, on the first 4 bytes.
        if (!pending.decided && (pending.mode === "elf" || pending.mode === "elfInfo") && had + take >= 4) {
          pending.decided = true;
          const elf = isElf(Buffer.concat(pending.parts));
          pending.mode = pending.mode === "elfInfo" ? (elf ? "elfInfo" : "head") : elf ? "whole" : "head";
          if (pending.mode === "elfInfo") {
            const head = Buffer.concat(pending.parts);
            pending.parts = [];
            keepElfRanges(pending, 0, head);
          }
        }
        if (!advanceFile(take)) break;
        continue;
      }
      if (buf.length < 512) break;
      const header = buf.subarray(0, 512);
      buf = buf.subarray(512);
      if (header[0] === 0 && header.equals(ZERO_BLOCK)) continue;
      const str = (o: number, n: number) => header.toString("utf8", o, o + n).replace(/\0.*$/s, "");
      const num = (o: number, n: number) => parseInt(str(o, n).trim() || "0", 8);
      const size = pax.size ? Number(pax.size) : num(124, 12);
      const type = String.fromCharCode(header[156] || 48);
      const pad = (512 - (size % 512)) % 512;
      if (type === "L" || type === "K" || type === "x" || type === "g") {
        meta = { kind: type === "g" ? "x" : type, left: size, pad, parts: [] };
        continue;
      }
      const prefix = str(345, 155);
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
      const linkname = pax.linkpath ?? longLink ?? str(157, 100);
      const path = posix.normalize(`${folder}/${name}`).replace(/(.)\/$/, "$1");
      const entry: FsEntry = {
        type: type === "5" ? "dir" : type === "2" ? "symlink" : type === "0" || type === "7" || type === "1" ? "file" : "other",
        mode: num(100, 8) & 0o7777,
        uid: pax.uid ? Number(pax.uid) : num(108, 8),
        gid: pax.gid ? Number(pax.gid) : num(116, 8),
        size,
        link: type === "2" ? linkname : type === "1" ? posix.normalize(`/${linkname}`) : null,
        data: null,
      };
      if (type === "1") hardLinks.push([path, entry.link!]);
      fs.entries.set(path, entry);
      longName = longLink = null;
      pax = {};
      const mode = entry.type === "file" && size > 0 && type !== "1" ? keep(path, size, entry.mode) : "no";
      pending = { path, entry, left: size, pad, mode, parts: [], pieces: [] };
      if (size === 0) finishFile();
    }
  }
  for (const [path, target] of hardLinks) {
    const t = fs.entries.get(target);
    const e = fs.entries.get(path);
    if (t && e) fs.entries.set(path, { ...e, size: t.size, data: t.data, elf: t.elf });
  }
  return fs;
}

/** The loader's view of an ELF file needs its head (headers, usually the dynamic strings) and its dynamic section. */
const ELF_HEAD = 1 << 20;

function keepElfRanges(
  pending: { pieces: [number, Buffer][]; dynamic?: { offset: number; size: number } | null },
  at: number,
  data: Buffer,
): void {
  const end = at + data.length;
  if (at < ELF_HEAD) pending.pieces.push([at, data.subarray(0, Math.min(data.length, ELF_HEAD - at))]);
  // The program headers are in the first piece: they say where the dynamic section is.
  const covered = pending.pieces.reduce((n, [offset, piece]) => (offset < ELF_HEAD ? n + piece.length : n), 0);
  if (pending.dynamic === undefined && covered >= 4096)
    pending.dynamic = dynamicSection(Buffer.concat(pending.pieces.filter(([o]) => o < ELF_HEAD).map(([, p]) => p)));
  const d = pending.dynamic;
  if (d && d.offset + d.size > at && d.offset < end && d.offset + d.size > ELF_HEAD) {
    const from = Math.max(d.offset, at, ELF_HEAD);
    pending.pieces.push([from, data.subarray(from - at, Math.min(end, d.offset + d.size) - at)]);
  }
}

function parsePax(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = Buffer.from(body);
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    if (space < 0) break;
    const len = Number(rest.toString("utf8", 0, space));
    if (!len) break;
    const record = rest.toString("utf8", space + 1, len - 1);
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    rest = rest.subarray(len);
  }
  return out;
}
