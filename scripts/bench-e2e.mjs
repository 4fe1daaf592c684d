// npm run bench:e2e [app...]: build each app of testdata/e2e before and after split-stages with Docker
// (client from env MSB_DOCKER, default `docker`; here MSB_DOCKER=/usr/bin/docker) and print the table
// of sizes, build results and behavior, with the median size ratio.
import { dockerFromEnv, e2eApps, formatTable, runApp } from "../test/e2e-harness.ts";

const env = { ...process.env, MSB_DOCKER: process.env.MSB_DOCKER || "docker" };
const { docker, reason } = await dockerFromEnv(env);
if (!docker) {
  console.error(`bench:e2e: ${reason}`);
  process.exit(2);
}
const apps = process.argv.length > 2 ? process.argv.slice(2) : e2eApps();
const results = [];
for (const app of apps) {
  process.stderr.write(`building ${app}…\n`);
  const r = await runApp(docker, app);
  if (r.build !== "ok" || !r.behaviorEqual || r.unexpectedDiffs.length > 0) process.stderr.write(`  ${app}: ${r.build} ${r.detail}\n  ${JSON.stringify(r.unexpectedDiffs)}\n`);
  results.push(r);
}
console.log(formatTable(results));
