// The ELF reader on real files of this machine, checked against binutils' `readelf -d` when it is installed.
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { librarySearchPath, readElf } from "./elf.js";

function readelf(file: string): { needed: string[]; runpath: string[]; rpath: string[] } | null {
  const r = spawnSync("readelf", ["-d", file], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const tagged = (tag: string) => [...r.stdout.matchAll(new RegExp(`\\(${tag}\\)\\s+\\S+ \\S+: \\[(.*)\\]`, "g"))].map((m) => m[1]);
  return {
    needed: tagged("NEEDED"),
    runpath: tagged("RUNPATH").flatMap((s) => s.split(":")),
    rpath: tagged("RPATH").flatMap((s) => s.split(":")),
  };
}

describe("readElf", () => {
  test("reads the loader and the libraries of /bin/ls", () => {
    const elf = readElf(readFileSync(realpathSync("/bin/ls")));
    expect(elf?.interpreter).toMatch(/^\/lib.*\/ld-(linux|musl).*\.so/);
    expect(elf?.needed).toContain("libc.so.6");
    const ref = readelf("/bin/ls");
    if (ref) expect({ needed: elf?.needed, runpath: elf?.runpath, rpath: elf?.rpath }).toEqual(ref);
  });

  test("reads a Node addon: a library with no interpreter", () => {
    const addon = "node_modules/lightningcss-linux-x64-gnu/lightningcss.linux-x64-gnu.node";
    let data: Buffer;
    try {
      data = readFileSync(addon);
    } catch {
      return;
    }
    const elf = readElf(data);
    expect(elf?.interpreter).toBeNull();
    expect(elf?.needed.length).toBeGreaterThan(0);
    const ref = readelf(addon);
    if (ref) expect(elf?.needed).toEqual(ref.needed);
  });

  test("rejects what is not ELF", () => {
    expect(readElf(Buffer.from("#!/bin/sh\necho hi\n".repeat(5)))).toBeNull();
  });

  test("search path: RPATH only without RUNPATH, $ORIGIN expanded, multiarch folders", () => {
    const base = { interpreter: null, needed: [], machine: "x86_64" };
    const sys = { ldLibraryPath: ["/opt/l"], ldSoConf: ["/usr/local/lib/x"] };
    const withRpath = librarySearchPath({ ...base, rpath: ["$ORIGIN/../lib"], runpath: [] }, "/app/bin/tool", sys);
    expect(withRpath.slice(0, 3)).toEqual(["/app/lib", "/opt/l", "/usr/local/lib/x"]);
    expect(withRpath).toContain("/usr/lib/x86_64-linux-gnu");
    const withRunpath = librarySearchPath({ ...base, rpath: ["/ignored"], runpath: ["${ORIGIN}"] }, "/app/a.node", sys);
    expect(withRunpath.slice(0, 2)).toEqual(["/opt/l", "/app"]);
    expect(withRunpath).not.toContain("/ignored");
  });
});
