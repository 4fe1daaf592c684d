// npm run bench: throughput of the whole pipeline (files per second over every Dockerfile in testdata/,
// repeated to at least 5,000 files) and the wall time of one `msb-opt FILE` process (median of 9).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fsContext, optimize } from "../dist/index.js";

const MIN_FILES = 5000;
const inputs = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name === "Dockerfile" && !dir.includes(`${join("testdata", "errors")}`))
      inputs.push({ dir, text: readFileSync(path, "utf8") });
  }
})("testdata");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const offline = { offline: true, syntaxDirective: "auto" };

// Warm up once over every input (loads the shell grammar, JIT).
for (const { dir, text } of inputs) await optimize(text, { ...offline, context: fsContext(dir) }).catch(() => {});

const rounds = Math.ceil(MIN_FILES / inputs.length);
const start = performance.now();
let files = 0;
for (let r = 0; r < rounds; r++) {
  for (const { dir, text } of inputs) {
    await optimize(text, { ...offline, context: fsContext(dir) }).catch(() => {});
    files++;
  }
}
const seconds = (performance.now() - start) / 1000;
console.log(
  `pipeline: ${files} files (${inputs.length} testdata Dockerfiles x ${rounds}) in ${seconds.toFixed(2)} s = ${Math.round(files / seconds)} files/s`,
);

const sample = inputs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
const walls = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["bin/msb-opt.js", "--offline", "-q", join(sample.dir, "Dockerfile")], { encoding: "utf8" });
  walls.push(performance.now() - t);
  if (r.status !== 0 && r.status !== 2) throw new Error(r.stderr);
}
const version = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ["bin/msb-opt.js", "--version"]);
  version.push(performance.now() - t);
}
console.log(
  `one process: msb-opt ${join(sample.dir, "Dockerfile")} (${sample.text.split("\n").length} lines): median ${Math.round(median(walls))} ms wall (min ${Math.round(Math.min(...walls))}, max ${Math.round(Math.max(...walls))}) over 9 runs`,
);
console.log(`one process: msb-opt --version: median ${Math.round(median(version))} ms wall`);
