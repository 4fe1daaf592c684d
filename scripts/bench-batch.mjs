// npm run bench:batch: files per second of `msb-opt batch` over a tree of at least 10,000 Dockerfiles
// (every testdata case replicated, each with its context files), with --jobs 1 and with the default.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const MIN_FILES = 10_000;
const cases = [];
for (const group of readdirSync("testdata")) {
  if (group === "errors" || !statSync(join("testdata", group)).isDirectory()) continue;
  for (const name of readdirSync(join("testdata", group))) {
    const dir = join("testdata", group, name);
    if (statSync(dir).isDirectory() && readdirSync(dir).includes("Dockerfile")) cases.push(dir);
  }
}
const root = mkdtempSync(join(tmpdir(), "msb-bench-batch-"));
const copies = Math.ceil(MIN_FILES / cases.length);
for (let i = 0; i < copies; i++) {
  cases.forEach((dir, j) =>
    cpSync(dir, join(root, `r${i}`, `c${j}`), { recursive: true, filter: (src) => !/expected\.|options\.json/.test(src) }),
  );
}
const files = copies * cases.length;
console.log(`tree: ${files} Dockerfiles (${cases.length} testdata cases x ${copies}) in ${root}`);

for (const jobs of [1, availableParallelism()]) {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(process.cwd(), "bin/msb-opt.js"), "batch", "--offline", "-q", "--jobs", String(jobs), "--report", join(root, "report.json")],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  const seconds = (performance.now() - t) / 1000;
  const summary = r.stderr.trim().split("\n").pop();
  console.log(`--jobs ${jobs}: ${seconds.toFixed(2)} s = ${Math.round(files / seconds)} files/s (${summary})`);
}
rmSync(root, { recursive: true, force: true });
