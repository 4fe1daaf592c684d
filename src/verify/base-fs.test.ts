// The optimized image read as its base's file system plus its own paths: the same entries, in the same order,
// as a whole export; a base is read once (memory, then the cache folder); null whenever that is not exact.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { baseFs, outermost, readAbove } from "./base-fs.js";
import type { Docker, ImageConfig, ImageInfo } from "./docker.js";
import { type FsEntry, ImageFs, walkOrder } from "./image-fs.js";
import { EMPTY_CONFIG } from "./contract.js";

const dir = (uid = 0): FsEntry => ({ type: "dir", mode: 0o755, uid, gid: uid, size: 0, link: null, data: null });
const file = (text: string, mode = 0o644, uid = 0): FsEntry => ({
  type: "file",
  mode,
  uid,
  gid: uid,
  size: text.length,
  link: null,
  data: Buffer.from(text),
});
const link = (to: string): FsEntry => ({ type: "symlink", mode: 0o777, uid: 0, gid: 0, size: 0, link: to, data: null });

function fsOf(entries: Record<string, FsEntry>): ImageFs {
  const fs = new ImageFs();
  for (const [p, e] of Object.entries(entries).sort(([a], [b]) => walkOrder(a, b))) fs.entries.set(p, e);
  return fs;
}

const config = (over: Partial<ImageConfig> = {}): ImageConfig => ({ ...EMPTY_CONFIG, ...over });
const info = (layers: string[], over: Partial<ImageConfig> = {}): ImageInfo => ({
  id: `sha256:${layers.join("")}`,
  size: 1,
  layers: layers.length,
  rootLayers: layers,
  config: config(over),
});

/** A stand-in engine: the base's and the image's whole file systems; `docker cp` reads a path of the image. */
function engine(base: ImageFs, image: ImageFs) {
  const calls: string[] = [];
  const docker = {
    exportFs: async (ref: string) => {
      calls.push(`export ${ref}`);
      return ref === "base" ? base : image;
    },
    exportPaths: async (_ref: string, paths: readonly string[]) => {
      calls.push(`cp ${paths.join(" ")}`);
      const out = new ImageFs();
      // Links above the path are followed; what is read is named by the path asked for.
      for (const q of paths) {
        const at = image.resolve(q)?.path;
        for (const [p, e] of image.entries) if (at && (p === at || p.startsWith(`${at}/`))) out.entries.set(q + p.slice(at.length), e);
      }
      return out;
    },
  } as unknown as Docker;
  return { docker, calls };
}

const BASE = fsOf({
  "/etc": dir(),
  "/etc/passwd": file("root:x:0:0::/root:/bin/sh\n"),
  "/usr": dir(),
  "/usr/lib": dir(),
  "/usr/lib/libc.so.6": file("\x7fELF"),
  "/lib": link("usr/lib"),
  "/app": dir(),
  "/app/old.txt": file("base's"),
});

describe("readAbove", () => {
  test("the base's files and the image's own paths, in export order: what a whole export reads", async () => {
    const image = fsOf({
      ...Object.fromEntries(BASE.entries),
      "/app": dir(1000),
      "/app/server.js": file("require('x')", 0o644, 1000),
      "/app/old.txt": file("replaced"),
      "/usr/local": dir(),
      "/usr/local/bin": dir(),
      "/usr/local/bin/tool": file("#!/bin/sh\n", 0o755),
    });
    const { docker, calls } = engine(BASE, image);
    const read = await readAbove(
      docker,
      { tag: "img", info: info(["a", "b", "c"]) },
      { ref: "base", info: info(["a", "b"], { WorkingDir: "/app" }) },
      ["/app", "/usr/local/bin/tool"],
      ["/app"],
      null,
    );
    expect(read && !("error" in read)).toBe(true);
    expect([...(read as ImageFs).entries]).toEqual([...image.entries].filter(([p]) => p !== "/usr/local" && p !== "/usr/local/bin"));
    expect(calls).toEqual(["export base", "cp /app /usr/local/bin/tool"]);
  });

  test("null when that would not be exact: another base, a RUN, a volume, a write through a symbolic link", async () => {
    const image = fsOf({ ...Object.fromEntries(BASE.entries), "/usr/lib/x.so": file("x") });
    const { docker } = engine(BASE, image);
    const base = { ref: "base", info: info(["a"]) };
    const read = (over: { layers?: string[]; writes?: string[] | null; volumes?: boolean }) =>
      readAbove(
        docker,
        { tag: "img", info: info(over.layers ?? ["a", "b"], over.volumes ? { Volumes: { "/data": {} } } : {}) },
        base,
        over.writes === undefined ? ["/usr/lib/x.so"] : over.writes,
        [],
        null,
      );
    expect(await read({})).not.toBeNull();
    expect(await read({ layers: ["z", "b"] })).toBeNull();
    expect(await read({ writes: null })).toBeNull();
    expect(await read({ volumes: true })).toBeNull();
    // `/lib` is a link to `/usr/lib`: `docker cp` of `/lib/x.so` would land beside the real folder.
    expect(await read({ writes: ["/lib/x.so"] })).toBeNull();
    expect(await read({ writes: ["/"] })).toBeNull();
  });
});

describe("baseFs", () => {
  test("a base is exported once, kept in the cache folder and read back the same", async () => {
    const cache = mkdtempSync(join(tmpdir(), "msb-base-fs-"));
    const fs = fsOf({ ...Object.fromEntries(BASE.entries), "/usr/lib/libz.so.1": { ...file(""), data: null, elf: null } });
    fs.entries.get("/usr/lib/libc.so.6")!.elf = { interpreter: null, needed: ["ld.so"], rpath: [], runpath: ["/x"], machine: "x86_64" };
    const { docker, calls } = engine(fs, fs);
    const layers = [`layer-${Date.now()}`];
    const [a, b] = await Promise.all([baseFs(docker, "base", info(layers), cache), baseFs(docker, "base", info(layers), cache)]);
    expect(a).toBe(b);
    expect(calls).toEqual(["export base"]);
    expect(readdirSync(join(cache, "verify-base-fs"))).toHaveLength(1);
    // Another process (a fresh module: nothing in memory) reads it from the cache folder, not the engine.
    vi.resetModules();
    const fresh = (await import("./base-fs.js")) as typeof import("./base-fs.js");
    const again = await fresh.baseFs(docker, "base", info(layers), cache);
    expect(calls).toEqual(["export base"]);
    expect([...(again as ImageFs).entries]).toEqual([...fs.entries]);
    // Another working folder (made by `docker create`) is another file system.
    await fresh.baseFs(docker, "base", info(layers, { WorkingDir: "/srv" }), cache);
    expect(calls).toEqual(["export base", "export base"]);
  });

  test("a cache file cut short (a full disk) is no file system: the base is exported again", async () => {
    const cache = mkdtempSync(join(tmpdir(), "msb-base-fs-"));
    const fs = fsOf({ ...Object.fromEntries(BASE.entries), "/usr/bin/tool": file("#!/bin/sh\necho hi\n", 0o755) });
    const { docker, calls } = engine(fs, fs);
    const layers = [`layer-cut-${Date.now()}`];
    await baseFs(docker, "base", info(layers), cache);
    const [name] = readdirSync(join(cache, "verify-base-fs"));
    const path = join(cache, "verify-base-fs", name);
    writeFileSync(path, readFileSync(path).subarray(0, -3));
    vi.resetModules();
    const fresh = (await import("./base-fs.js")) as typeof import("./base-fs.js");
    const again = await fresh.baseFs(docker, "base", info(layers), cache);
    expect(calls).toEqual(["export base", "export base"]);
    expect([...(again as ImageFs).entries]).toEqual([...fs.entries]);
  });
});

test("outermost keeps the paths no other one contains", () => {
  expect(outermost(["/app/node_modules", "/app", "/etc/passwd", "/app"])).toEqual(["/app", "/etc/passwd"]);
});
