// node scripts/bench-pair.mjs OLD_DIST NEW_DIST [CORPUS_DIR] [PAIRS]: two builds of msb-opt side by side on real
// Dockerfiles (issue 20), for a speed change: each pair runs a child process on OLD_DIST's index.js, then one
// on NEW_DIST's, in turn (a loaded machine drifts; alternating spreads the drift over both). Each child runs the
// pipeline once to warm up, then three rounds of parse-only and of the whole pipeline, and reports the files
// per second of CPU time of each (process.cpuUsage: the steadier figure on a shared machine) and their ratio.
// Prints every pair and the median, minimum and maximum of each figure. Copy a build aside first
// (`node scripts/build.mjs && cp -r dist /tmp/old-dist`), then change and build again.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { corpusCases } from "./corpus-cases.mjs";

const ROUNDS = 3;

if (process.argv[2] === "--child") {
  const { fsContext, optimize, parseDockerfile } = await import(pathToFileURL(resolve(process.argv[3], "index.js")).href);
  const cases = corpusCases(resolve(process.argv[4]));
  const pipeline = async () => {
    for (const { dir, text } of cases) {
      try {
        await optimize(text, { offline: true, context: fsContext(dir) });
      } catch {}
    }
  };
  const parse = () => {
    for (const { text } of cases) {
      try {
        parseDockerfile(text);
      } catch {}
    }
  };
  const cpu = async (fn) => {
    const start = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  await pipeline(); // warm-up: JIT, the grammar, memoised tables
  parse();
  let parseSeconds = 0;
  let pipelineSeconds = 0;
  for (let r = 0; r < ROUNDS; r++) {
    parseSeconds += await cpu(parse);
    pipelineSeconds += await cpu(pipeline);
  }
  const n = cases.length * ROUNDS;
  console.log(
    JSON.stringify({ files: cases.length, parse: n / parseSeconds, pipeline: n / pipelineSeconds, ratio: parseSeconds / pipelineSeconds }),
  );
  process.exit(0);
}

const [oldDist, newDist] = [process.argv[2], process.argv[3]].map((d) => d && resolve(d));
const corpus = resolve(process.argv[4] ?? ".corpus");
const pairs = Number(process.argv[5] ?? 3);
for (const d of [oldDist, newDist]) {
  if (!d || !existsSync(join(d, "index.js"))) {
    console.error("usage: node scripts/bench-pair.mjs OLD_DIST NEW_DIST [CORPUS_DIR] [PAIRS] (each DIST holds a build's index.js)");
    process.exit(2);
  }
}
const runs = { old: [], new: [] };
for (let p = 0; p < pairs; p++) {
  for (const [name, dist] of [
    ["old", oldDist],
    ["new", newDist],
  ]) {
    const r = spawnSync(process.execPath, [import.meta.filename, "--child", dist, corpus], { encoding: "utf8", env: process.env });
    if (r.status !== 0) {
      console.error(`bench-pair: the ${name} build failed:\n${r.stderr}`);
      process.exit(1);
    }
    const result = JSON.parse(r.stdout.trim().split("\n").pop());
    runs[name].push(result);
    console.log(
      `pair ${p + 1} ${name}: parse ${Math.round(result.parse)} files/s, pipeline ${Math.round(result.pipeline)} files/s, ratio ${result.ratio.toFixed(3)}x (CPU time, ${result.files} files)`,
    );
  }
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const spread = (xs, digits) => {
  const s = sorted(xs);
  return `median ${s[Math.floor(s.length / 2)].toFixed(digits)} (min ${s[0].toFixed(digits)}, max ${s[s.length - 1].toFixed(digits)})`;
};
for (const key of ["parse", "pipeline", "ratio"]) {
  const digits = key === "ratio" ? 3 : 0;
  const [before, after] = [runs.old, runs.new].map((all) =>
    spread(
      all.map((r) => r[key]),
      digits,
    ),
  );
  console.log(`${key.padEnd(8)} old ${before}  new ${after}`);
}
const gains = runs.new.map((r, i) => r.pipeline / runs.old[i].pipeline);
console.log(`pipeline new/old by pair: ${gains.map((g) => g.toFixed(3)).join(" ")}; ${spread(gains, 3)}`);
