// The per-run folder: removed with its edits restored; the folder of a run killed outright is cleaned by the
// next run (its process gone, or too old), a live run's is left alone.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { RunRoot, sweepStale } from "./run-root.js";

const DAY = 86_400_000;

test("a run's folder goes away with its edits restored; a killed run's folder is cleaned by the next run", () => {
  const work = mkdtempSync(join(tmpdir(), "msb-run-root-"));
  const base = join(work, "runs");
  const source = join(work, "server.js");
  writeFileSync(source, "listen();\n");
  const now = Date.now();

  // A run that ends normally.
  const a = RunRoot.open({ base, pid: 100, alive: () => true, now });
  a.saveEdit(source, readFileSync(source), "// msb-opt verify 1");
  writeFileSync(source, "listen();\n// msb-opt verify 1\n");
  a.remove();
  expect(readFileSync(source, "utf8")).toBe("listen();\n");
  expect(readdirSync(base)).toEqual([]);

  // A run killed outright in the middle of its edit, and one still running.
  const killed = RunRoot.open({ base, pid: 200, alive: () => true, now });
  killed.saveEdit(source, readFileSync(source), "// msb-opt verify 2");
  writeFileSync(source, "listen();\n// msb-opt verify 2\n");
  const live = RunRoot.open({ base, pid: 300, alive: () => true, now });
  const next = RunRoot.open({ base, pid: 400, alive: (pid) => pid === 300, now: now + 1000 });
  expect(readFileSync(source, "utf8")).toBe("listen();\n");
  expect(existsSync(killed.dir)).toBe(false);
  expect(existsSync(live.dir)).toBe(true);

  // A day later even a folder whose pid is taken again is stale; the edit the user made since is kept.
  writeFileSync(source, "listen(8080);\n");
  expect(sweepStale({ base, pid: 500, alive: () => true, now: now + 2 * DAY })).toEqual([live.dir, next.dir].sort());
  expect(readFileSync(source, "utf8")).toBe("listen(8080);\n");
});
