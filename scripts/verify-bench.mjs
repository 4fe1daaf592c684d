// node scripts/verify-bench.mjs [--rounds N] [--rebuild] [--timing] [--cold-cache] [--against-cli CLI] APP_DIR...: what `msb-opt verify` costs on
// top of the two plain cold builds it makes. For each app (a folder with a Dockerfile): the original and msb-opt's
// output are built cold with plain `docker build --no-cache`, then `msb-opt verify --format json` (cold builds
// included; `--rebuild`: with the warm-rebuild measurement, off by default as in verify) runs; prints both wall
// times, their ratio and verify's phases (ms). Rounds alternate the order.
// Cold builds vary by seconds from one run to the next (the npm registry, Debian's mirror, other work on the
// machine), so it also prints what verify adds to its own two builds (`added`: total - buildOriginal -
// buildOptimized) and total / its own builds: the part verify controls, without the other builds' luck. `verdict at`:
// when verify printed its verdict (its JSON's `timings.total`; the images and containers are removed after).
// `--timing`: verify builds its two sides one after the other, as the plain builds do (default: both at once; its
// own builds are then the longer of the two, not their sum).
// Each CLI runs with a cache folder of its own (MSB_OPT_CACHE_DIR), a copy of the user's made at the start and
// removed at the end: other msb-opt runs on the machine keep only the newest four code caches there, and a CLI
// whose cache they removed compiled its bundle from source and wrote the cache again in the next round (seconds
// at load 20). `--cold-cache`: each verify starts with an empty cache folder but for the code cache, so it reads
// its runtime's base image file system as if it had never seen it.
// `--against-cli CLI` (another checkout's bin/msb-opt.js, e.g. main's, built): each round also runs that CLI's verify,
// in an order that changes from round to round (the plain builds, this verify, that verify: all six orders in
// turn), and a summary gives each CLI's median and worst ratio per app, and the two CLIs' difference paired by round:
// a change compared on the same noisy machine.
// Docker client from MSB_DOCKER (default docker); base images need to exist locally (docker-farm tag-dockerfile).
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "bin/msb-opt.js");
const DOCKER = process.env.MSB_DOCKER || "docker";
const env = { ...process.env, DOCKER_BUILDKIT: "1", CI: "true" };
const args = process.argv.slice(2);
const rounds = args.includes("--rounds") ? Number(args.splice(args.indexOf("--rounds"), 2)[1]) : 1;
const rebuild = args.includes("--rebuild") ? (args.splice(args.indexOf("--rebuild"), 1), true) : false;
const timing = args.includes("--timing") ? (args.splice(args.indexOf("--timing"), 1), true) : false;
const coldCache = args.includes("--cold-cache") ? (args.splice(args.indexOf("--cold-cache"), 1), true) : false;
const against = args.includes("--against-cli") ? resolve(args.splice(args.indexOf("--against-cli"), 2)[1]) : null;
const CLIS = against ? [CLI, against] : [CLI];
const label = (cli) => (cli === CLI ? "this" : "against");
// The six orders of the plain builds (0) and the CLIs' verifies (1, 2), one per round in turn.
const ORDERS = [
  [0, 1, 2],
  [1, 2, 0],
  [2, 0, 1],
  [0, 2, 1],
  [2, 1, 0],
  [1, 0, 2],
];
const USER_CACHE = process.env.MSB_OPT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "msb-opt");
// Each CLI's own copy of the user's cache folder (code caches, base file systems).
const CACHES = new Map(
  CLIS.map((cli) => {
    const dir = mkdtempSync(join(tmpdir(), "msb-verify-bench-cache-"));
    if (existsSync(USER_CACHE)) cpSync(USER_CACHE, dir, { recursive: true, filter: (src) => !src.endsWith(".tmp") });
    return [cli, dir];
  }),
);
const OPTIONS = ["--offline", "--syntax-directive", "never"];
const STAND_IN = ["--ignore-env", "NODE_EXTRA_CA_CERTS,PIP_CERT,REQUESTS_CA_BUNDLE,SSL_CERT_FILE", "--ignore-label", "farm."];

const seconds = (start) => (performance.now() - start) / 1000;
function plainBuild(context, dockerfile, tag) {
  const start = performance.now();
  const r = spawnSync(DOCKER, ["build", "--no-cache", "-q", "-f", dockerfile, "-t", tag, context], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`plain build of ${dockerfile} failed: ${r.stderr}`);
  return seconds(start);
}

const rows = [];
for (const app of args.map((a) => resolve(a))) {
  const dockerfile = join(app, "Dockerfile");
  const tmp = mkdtempSync(join(tmpdir(), "msb-verify-bench-"));
  const output = spawnSync(process.execPath, [CLI, "-q", ...OPTIONS, dockerfile], { encoding: "utf8" }).stdout;
  writeFileSync(join(tmp, "Dockerfile"), output);
  const tags = [`msb-verify-bench-${process.pid}:a`, `msb-verify-bench-${process.pid}:b`];
  for (let round = 0; round < rounds; round++) {
    const verifyRun = (cli) => {
      const own = CACHES.get(cli);
      const cache = coldCache ? mkdtempSync(join(tmpdir(), "msb-verify-bench-cache-")) : null;
      // The CLI's own code cache stays warm: only verify's base file systems are cold.
      if (cache) for (const f of readdirSync(own).filter((n) => n.endsWith(".v8"))) copyFileSync(join(own, f), join(cache, f));
      const start = performance.now();
      const r = spawnSync(
        process.execPath,
        [
          cli,
          "verify",
          "--format",
          "json",
          ...(rebuild ? ["--rebuild"] : []),
          ...(timing ? ["--timing"] : []),
          "--no-bisect",
          ...OPTIONS,
          ...STAND_IN,
          dockerfile,
        ],
        { env: { ...env, MSB_OPT_CACHE_DIR: cache ?? own }, encoding: "utf8" },
      );
      const wall = seconds(start);
      if (cache) rmSync(cache, { recursive: true, force: true });
      const json = JSON.parse(r.stdout);
      return { wall, verdict: json.verdict, timings: json.timings ?? {} };
    };
    const plainRun = () => [plainBuild(app, dockerfile, tags[0]), plainBuild(app, join(tmp, "Dockerfile"), tags[1])];
    let plain;
    const v = new Map();
    const order = against ? ORDERS[round % ORDERS.length] : round % 2 === 0 ? [0, 1] : [1, 0];
    for (const step of order) {
      if (step === 0) {
        plain = plainRun();
        spawnSync(DOCKER, ["image", "rm", "-f", ...tags], { env });
      } else v.set(CLIS[step - 1], verifyRun(CLIS[step - 1]));
    }
    for (const cli of CLIS)
      rows.push({ app: app.split("/").pop(), round, cli: label(cli), plain: plain[0] + plain[1], plainEach: plain, ...v.get(cli) });
  }
  rmSync(tmp, { recursive: true, force: true });
}
for (const dir of CACHES.values()) rmSync(dir, { recursive: true, force: true });
console.log(
  `| app | round |${against ? " cli |" : ""} plain builds | verify | ratio | verdict at | added | / own builds | verdict | phases (ms) |`,
);
console.log(`| --- | ---: |${against ? " --- |" : ""} ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |`);
for (const r of rows) {
  const phases = Object.entries(r.timings)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const [a, b] = [r.timings.buildOriginal ?? 0, r.timings.buildOptimized ?? 0];
  const own = (timing ? a + b : Math.max(a, b)) / 1000;
  const added = own > 0 ? `${(r.wall - own).toFixed(1)} s` : "-";
  const byOwn = own > 0 ? (r.wall / own).toFixed(2) : "-";
  const verdictAt = r.timings.total ? `${(r.timings.total / 1000).toFixed(1)} s` : "-";
  console.log(
    `| ${r.app} | ${r.round + 1} |${against ? ` ${r.cli} |` : ""} ${r.plain.toFixed(1)} s (${r.plainEach.map((x) => x.toFixed(1)).join(" + ")}) | ${r.wall.toFixed(1)} s | ${(r.wall / r.plain).toFixed(2)} | ${verdictAt} | ${added} | ${byOwn} | ${r.verdict} | ${phases} |`,
  );
}
if (against) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  console.log(`\nthis: ${CLI}\nagainst: ${against}\n`);
  console.log("| app | cli | rounds | median plain | median verify | median ratio | worst ratio | median verdict at | wall − verdict at |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const app of [...new Set(rows.map((r) => r.app))])
    for (const cli of CLIS.map(label)) {
      const mine = rows.filter((r) => r.app === app && r.cli === cli);
      const ratios = mine.map((r) => r.wall / r.plain);
      const at = mine.filter((r) => r.timings.total).map((r) => r.timings.total / 1000);
      const after = mine.filter((r) => r.timings.total).map((r) => r.wall - r.timings.total / 1000);
      console.log(
        `| ${app} | ${cli} | ${mine.length} | ${median(mine.map((r) => r.plain)).toFixed(2)} s | ${median(mine.map((r) => r.wall)).toFixed(2)} s | ${median(ratios).toFixed(2)} | ${Math.max(...ratios).toFixed(2)} | ${at.length ? `${median(at).toFixed(2)} s` : "-"} | ${after.length ? `${median(after).toFixed(2)} s` : "-"} |`,
      );
    }
  // Paired by round (both CLIs ran beside the same plain builds): what the load of the moment does to both cancels.
  console.log("\n| app | rounds | median this − against (wall) | rounds this was faster | median this − against (verdict at) |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const app of [...new Set(rows.map((r) => r.app))]) {
    const pairs = [];
    for (let round = 0; round < rounds; round++) {
      const [a, b] = ["this", "against"].map((cli) => rows.find((r) => r.app === app && r.round === round && r.cli === cli));
      if (a && b)
        pairs.push({ wall: a.wall - b.wall, at: a.timings.total && b.timings.total ? (a.timings.total - b.timings.total) / 1000 : null });
    }
    const at = pairs.map((p) => p.at).filter((x) => x !== null);
    console.log(
      `| ${app} | ${pairs.length} | ${median(pairs.map((p) => p.wall)).toFixed(2)} s | ${pairs.filter((p) => p.wall < 0).length} | ${at.length ? `${median(at).toFixed(2)} s` : "-"} |`,
    );
  }
}
