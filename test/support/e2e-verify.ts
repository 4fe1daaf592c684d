// `msb-opt verify` on every e2e app of testdata/e2e, with every pass: shared by test/e2e-verify.test.ts
// and scripts/bench-e2e.mjs. The docker farm's stand-ins are tagged for the original's and the output's
// base images first (there is no registry here).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fsContext } from "../../src/core/context.js";
import type { Docker } from "../../src/verify/docker.js";
import { optimize } from "../../src/core/pipeline.js";
import { FARM, farmTag } from "./farm.js";
import { verify, type VerifyResult } from "../../src/verify/verify.js";
import { buildStandIn, E2E_APPS, type AppSpec } from "./e2e-harness.js";

/** The stand-ins set these for their CA bundle and label themselves `farm.*`; real base images do neither. */
const STAND_IN_ENV = ["NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"];

export interface VerifiedApp {
  readonly app: string;
  readonly result: VerifyResult;
}

export async function verifyApp(
  docker: Docker,
  app: string,
  /** `full`: timed cold builds and the warm rebuilds; `cold: false` keeps the rebuilds but builds from the cache first. */
  options: { full: boolean; rebuildRounds?: number; cold?: boolean },
): Promise<VerifiedApp> {
  const cold = options.full && options.cold !== false;
  const dir = join(E2E_APPS, app);
  const spec = JSON.parse(readFileSync(join(dir, "e2e.json"), "utf8")) as AppSpec;
  const settings = { ...spec.options, offline: true, syntaxDirective: "never" as const };
  const standIn = await buildStandIn(docker, dir, spec);
  if (standIn !== null) throw new Error(`building the stand-in ${spec.standIn?.tag} failed: ${standIn}`);
  if (existsSync(FARM)) {
    const output = (await optimize(readFileSync(join(dir, "Dockerfile"), "utf8"), { ...settings, context: fsContext(dir) })).output;
    const tmp = mkdtempSync(join(tmpdir(), "msb-e2e-verify-"));
    writeFileSync(join(tmp, "Dockerfile"), output);
    farmTag(join(dir, "Dockerfile"), join(tmp, "Dockerfile"));
    rmSync(tmp, { recursive: true, force: true });
  }
  const result = await verify({
    docker,
    dockerfile: join(dir, "Dockerfile"),
    context: dir,
    settings,
    smoke: spec.run?.args,
    httpPath: spec.http?.path,
    ignoreEnv: [...STAND_IN_ENV, ...(spec.allowEnv ?? [])],
    ignoreLabelPrefixes: ["farm."],
    cold,
    timing: cold,
    rebuild: options.full,
    rebuildRounds: options.rebuildRounds,
    // Each side timed by itself, in turns, after the probes: both at once, a sub-second rebuild timed the other's.
    rebuildAlone: options.full,
    bisect: false,
  });
  return { app, result };
}

const mb = (n: number | null) => (n === null ? "-" : `${(n / 1e6).toFixed(1)} MB`);
const s = (n: number | null) => (n === null ? "-" : `${n.toFixed(1)} s`);
/** The median and, over several rounds, the fastest and slowest round: `0.8 s (0.7–1.2)`. */
const spread = (n: number | null, rounds: readonly number[] | undefined) =>
  n === null || !rounds || rounds.length < 2 ? s(n) : `${s(n)} (${Math.min(...rounds).toFixed(1)}–${Math.max(...rounds).toFixed(1)})`;
/** Each round's after/before ratio (the two builds of a round ran one after the other): `0.9–1.1`. */
const roundRatios = (a: readonly number[] | undefined, b: readonly number[] | undefined) => {
  if (!a || !b || a.length < 2 || a.length !== b.length) return "";
  const r = a.map((x, i) => b[i] / x);
  return ` (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
};
const q = (a: number | null, b: number | null) => (a && b !== null ? b / a : null);
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? null : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** The bench table: sizes, warm rebuilds, their ratios (after/before) and equivalence, with medians. */
export function e2eTable(apps: readonly VerifiedApp[]): string {
  const rows = apps.map(({ app, result: r }) => {
    const size = q(r.original.sizeBytes, r.optimized.sizeBytes);
    const rebuild = q(r.original.rebuildSeconds, r.optimized.rebuildSeconds);
    const cold = q(r.original.buildSeconds, r.optimized.buildSeconds);
    const o = r.original;
    const n = r.optimized;
    return `| ${app} | ${mb(o.sizeBytes)} | ${mb(n.sizeBytes)} | ${size?.toFixed(2) ?? "-"} | ${spread(o.rebuildSeconds, o.rebuildRounds)} | ${spread(n.rebuildSeconds, n.rebuildRounds)} | ${rebuild?.toFixed(2) ?? "-"}${roundRatios(o.rebuildRounds, n.rebuildRounds)} | ${cold?.toFixed(2) ?? "-"} | ${r.equivalent ? "yes" : "NO"} |`;
  });
  const sizes = apps.map((a) => q(a.result.original.sizeBytes, a.result.optimized.sizeBytes)).filter((x): x is number => x !== null);
  const rebuilds = apps
    .map((a) => q(a.result.original.rebuildSeconds, a.result.optimized.rebuildSeconds))
    .filter((x): x is number => x !== null);
  const colds = apps.map((a) => q(a.result.original.buildSeconds, a.result.optimized.buildSeconds)).filter((x): x is number => x !== null);
  return [
    "| app | size before | size after | ratio | warm rebuild before (fastest–slowest) | after | ratio (each round's) | cold build ratio | equivalent |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    `median size ratio ${median(sizes)?.toFixed(2) ?? "-"} over ${sizes.length} apps; median warm-rebuild ratio ${median(rebuilds)?.toFixed(2) ?? "-"} over ${rebuilds.length}; median cold-build ratio ${median(colds)?.toFixed(2) ?? "-"}; equivalent ${apps.filter((a) => a.result.equivalent).length}/${apps.length}`,
  ].join("\n");
}
