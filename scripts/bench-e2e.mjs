// npm run bench:e2e [app...]: `msb-opt verify` (every pass, cold builds, warm rebuild after a source edit)
// on each app of test/apps/e2e, with Docker (client from env MSB_DOCKER, default `docker`; here
// MSB_DOCKER=/usr/bin/docker). Prints sizes, warm rebuilds (median of BENCH_REBUILD_ROUNDS edit-and-rebuild rounds,
// default 3), their ratios and equivalence, with medians. BENCH_COLD=0: no cold builds (each side's first build
// uses the build cache, the cold ratio is not measured): the warm rebuilds only, much sooner on a busy machine.
import { appSpec, dockerFromEnv, e2eApps } from "../test/support/e2e-harness.ts";
import { e2eTable, verifyApp } from "../test/support/e2e-verify.ts";

const env = { ...process.env, MSB_DOCKER: process.env.MSB_DOCKER || "docker" };
const { docker, reason } = await dockerFromEnv(env);
if (!docker) {
  console.error(`bench:e2e: ${reason}`);
  process.exit(2);
}
// Controls that split-stages leaves alone on purpose have nothing to measure; an opt-in that changes the
// contract on purpose (allowConfig: nginx instead of a Node server) is checked by e2e-split.test.ts.
const apps =
  process.argv.length > 2
    ? process.argv.slice(2)
    : e2eApps().filter((a) => !appSpec(a).expectUnchanged && !appSpec(a).declines && !appSpec(a).allowConfig);
// Edit-and-rebuild rounds per app (medians): one sub-second rebuild is mostly noise.
const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 3);
const COLD = process.env.BENCH_COLD !== "0";
const results = [];
for (const app of apps) {
  process.stderr.write(`verifying ${app}…\n`);
  const r = await verifyApp(docker, app, { full: true, rebuildRounds: ROUNDS, cold: COLD });
  if (!r.result.equivalent) process.stderr.write(`  ${app}: ${JSON.stringify(r.result.reasons)}\n`);
  results.push(r);
  // The table so far, so a long run on a busy machine still leaves numbers when it is stopped.
  process.stderr.write(`${e2eTable(results)}\n`);
}
console.log(e2eTable(results));
