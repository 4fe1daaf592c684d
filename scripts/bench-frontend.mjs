// npm run bench:frontend: the cost of msb-opt as a `# syntax=` frontend on a fully cached build. Builds
// msb-opt's image under a tag of its own (the shared localhost/msb-opt:dev that the tests build is left
// alone, so neither changes under the other), then test/apps/frontend/debian-apt with its syntax line
// pointing at that tag and without it: one warm-up build of each fills the cache, then RUNS pairs in
// alternation, each build a full cache hit. Prints both medians and the difference, and removes what it
// built. Needs a Docker engine: MSB_DOCKER (default docker). BENCH_FRONTEND_COMPARE=<image> adds a third
// variant in the same alternation, the file built through that image (another build of msb-opt, e.g. the
// last release), so that a change is measured side by side with what it changes.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const DOCKER = process.env.MSB_DOCKER || "docker";
const ROOT = resolve(import.meta.dirname, "..");
// The farm's tagger beside the checkout, or beside the main checkout when this one is a git worktree.
const mainCheckout = () => {
  const r = spawnSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? resolve(r.stdout.trim(), "..") : ROOT;
};
const FARM = [ROOT, mainCheckout()].map((dir) => resolve(dir, "../shared/tools/docker-farm")).find((f) => existsSync(f)) ?? "";
const IMAGE = `localhost/msb-opt:bench-${process.pid}`;
const RUNS = 5;
const env = { ...process.env, DOCKER_BUILDKIT: "1" };

function docker(args) {
  const r = spawnSync(DOCKER, args, { encoding: "utf8", env, maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.error(`bench:frontend: ${DOCKER} ${args.join(" ")} failed:\n${r.stdout ?? ""}${r.stderr ?? r.error?.message ?? ""}`);
    process.exit(2);
  }
}

if (spawnSync(DOCKER, ["info"], { stdio: "ignore" }).status !== 0) {
  console.error(`bench:frontend: no Docker engine (\`${DOCKER} info\` failed); set MSB_DOCKER=/usr/bin/docker`);
  process.exit(2);
}
const farm = (file) => existsSync(FARM) && spawnSync(FARM, ["tag-dockerfile", file], { stdio: "ignore" });

farm(join(ROOT, "Dockerfile"));
docker(["build", "-q", "-t", IMAGE, ROOT]);

const work = mkdtempSync(join(tmpdir(), "msb-frontend-bench-"));
const COMPARE = process.env.BENCH_FRONTEND_COMPARE;
const variants = {};
const syntaxOf = { with: IMAGE, compare: COMPARE };
for (const [name, keepSyntax] of [["with", true], ["without", false], ...(COMPARE ? [["compare", true]] : [])]) {
  const dir = join(work, name);
  cpSync(join(ROOT, "test", "apps", "frontend", "debian-apt"), dir, { recursive: true });
  const file = join(dir, "Dockerfile");
  const text = readFileSync(file, "utf8");
  if (!/^# syntax=.*\n/.test(text)) throw new Error(`${file}: no # syntax= line`);
  writeFileSync(file, text.replace(/^# syntax=.*\n/, keepSyntax ? `# syntax=${syntaxOf[name]}\n` : ""));
  farm(file);
  variants[name] = dir;
}

const tag = (name) => `msb-frontend-bench-${name}`;
const time = (name) => {
  const start = process.hrtime.bigint();
  docker(["build", "-q", "-t", tag(name), variants[name]]);
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const names = Object.keys(variants);
  for (const name of names) time(name); // warm-up: fills the cache
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) for (const name of names) samples[name].push(time(name));
  const w = median(samples.with);
  const wo = median(samples.without);
  const fmt = (s) => `${s.toFixed(2)} s`;
  console.log(`cached build of test/apps/frontend/debian-apt, median of ${RUNS}:`);
  console.log(`  with the frontend (# syntax=${IMAGE}): ${fmt(w)}  [${samples.with.map((s) => s.toFixed(2)).join(" ")}]`);
  console.log(`  without (built-in dockerfile.v0):      ${fmt(wo)}  [${samples.without.map((s) => s.toFixed(2)).join(" ")}]`);
  console.log(`  difference: ${w - wo >= 0 ? "+" : ""}${fmt(w - wo)}`);
  if (COMPARE) {
    const c = median(samples.compare);
    console.log(
      `  with ${COMPARE}: ${fmt(c)}  [${samples.compare.map((s) => s.toFixed(2)).join(" ")}], difference ${c - wo >= 0 ? "+" : ""}${fmt(c - wo)}`,
    );
  }
} finally {
  spawnSync(DOCKER, ["rmi", "-f", ...Object.keys(variants).map(tag), IMAGE], { stdio: "ignore" });
  rmSync(work, { recursive: true, force: true });
}
