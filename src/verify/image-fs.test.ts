// The tar reader on archives made by this machine's tar (GNU and PAX formats: long names, links, owners).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync, linkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { readTar } from "./image-fs.js";
import { readElf } from "./elf.js";

function archive(format: "gnu" | "pax"): Buffer | null {
  const dir = mkdtempSync(join(tmpdir(), "msb-image-fs-"));
  const long = `app/${"deep-folder-name/".repeat(8)}file.txt`;
  mkdirSync(join(dir, long, ".."), { recursive: true });
  writeFileSync(join(dir, long), "hello");
  mkdirSync(join(dir, "bin"));
  copyFileSync(realpathSync("/bin/ls"), join(dir, "bin/ls"));
  symlinkSync("ls", join(dir, "bin/dir"));
  linkSync(join(dir, "bin/ls"), join(dir, "bin/ls2"));
  writeFileSync(join(dir, "app/start.sh"), "#!/bin/sh\nexec x\n", { mode: 0o750 });
  const r = spawnSync("tar", [`--format=${format}`, "--owner=1000", "--group=2000", "-C", dir, "-cf", "-", "app", "bin"], {
    maxBuffer: 1 << 28,
  });
  return r.status === 0 ? r.stdout : null;
}

describe("readTar", () => {
  for (const format of ["gnu", "pax"] as const) {
    test(`${format}: names, links, owners, modes and kept contents`, async () => {
      const tar = archive(format);
      if (!tar) return;
      const chunks = Array.from({ length: Math.ceil(tar.length / 7001) }, (_, i) => tar.subarray(i * 7001, (i + 1) * 7001));
      const fs = await readTar(Readable.from(chunks), (path) => (path.startsWith("/bin") ? "elf" : path.endsWith(".sh") ? "whole" : "no"));
      const long = `/app/${"deep-folder-name/".repeat(8)}file.txt`;
      expect(fs.entries.get(long)?.size).toBe(5);
      expect(fs.entries.get(long)?.data).toBeNull();
      expect(fs.entries.get("/app/start.sh")).toMatchObject({ uid: 1000, gid: 2000, mode: 0o750 });
      expect(fs.text("/app/start.sh")).toContain("#!/bin/sh");
      expect(fs.resolve("/bin/dir")?.path).toBe("/bin/ls");
      expect(readElf(fs.resolve("/bin/dir")!.entry.data!)?.needed).toContain("libc.so.6");
      expect(fs.resolve("/bin/ls2")?.entry.data?.length).toBe(fs.entries.get("/bin/ls")?.size);
      expect(fs.resolve("/nope")).toBeNull();
    });
  }

  test("elfInfo keeps only the loader's view of a library: the same DT_NEEDED as the whole file, in any chunking", async () => {
    const tar = archive("gnu");
    if (!tar) return;
    const whole = readElf(readFileSync(realpathSync("/bin/ls")))!;
    for (const size of [333, 4096, 65536]) {
      const chunks = Array.from({ length: Math.ceil(tar.length / size) }, (_, i) => tar.subarray(i * size, (i + 1) * size));
      const fs = await readTar(Readable.from(chunks), (path) => (path === "/bin/ls" ? "elfInfo" : "no"));
      const entry = fs.entries.get("/bin/ls")!;
      expect(entry.data).toBeNull();
      expect(entry.elf?.needed).toEqual(whole.needed);
      expect(entry.elf?.interpreter).toBe(whole.interpreter);
    }
  });
});
