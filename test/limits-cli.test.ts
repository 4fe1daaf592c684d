// An absurd file is a clear error from the CLI, fast: file:line, exit 2, nothing on stdout.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

test("a 50 MB Dockerfile is refused on line 1 with exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "msb-big-"));
  writeFileSync(join(dir, "Dockerfile"), `FROM debian:bookworm\n${"RUN echo padding padding padding padding\n".repeat(1_250_000)}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "msb-opt.js"), "Dockerfile"], { cwd: dir, encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^msb-opt: Dockerfile:1: the file is too large/);
  expect(Date.now() - started).toBeLessThan(20_000);
});
