// End-to-end proof for split-stages, shared by test/e2e-split.test.ts and scripts/bench-e2e.mjs: for one
// app of test/apps/e2e, build the naive Dockerfile and msb-opt's output, compare their image contracts,
// run both and compare what they do, and measure their sizes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fsContext } from "../../src/core/context.js";
import { compareConfigs, Docker, type ConfigDifference } from "../../src/verify/docker.js";
import { optimize } from "../../src/core/pipeline.js";
import { APPS } from "./golden.js";
import { farmTag } from "./farm.js";

export const E2E_APPS = join(APPS, "e2e");
const PREFIX = "msb-split-stages";
/**
 * Variables the docker farm's offline stand-ins set for its own CA bundle (real base images do not): they
 * differ between stand-ins of one family, so they are no part of the contract under test.
 */
const FARM_ENV = ["NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"];

export interface AppSpec {
  readonly http?: { readonly port: number; readonly path: string };
  readonly run?: { readonly args: readonly string[] };
  /** Optimize options for this app (e.g. `{"harden": true}`). */
  readonly options?: Record<string, unknown>;
  /** The user may differ (hardening). */
  readonly allowUser?: boolean;
  /** A control: the pass must leave the file alone, with a note containing this text. */
  readonly declines?: string;
  /** Config fields an opt-in changes on purpose (e.g. `staticRuntime: "nginx"` swaps the server's Cmd). */
  readonly allowConfig?: readonly string[];
  /** Variables that may differ because the runtime base image sets them differently (explained in the notes). */
  readonly allowEnv?: readonly string[];
  /** A control: split-stages must leave the file alone with a note containing this text. */
  readonly expectUnchanged?: string;
  /** A base image the docker farm has no stand-in for, built first from a Dockerfile of the app (its `tag`). */
  readonly standIn?: { readonly tag: string; readonly dockerfile: string };
}

export function appSpec(app: string): AppSpec {
  return JSON.parse(readFileSync(join(E2E_APPS, app, "e2e.json"), "utf8")) as AppSpec;
}

export interface AppResult {
  readonly app: string;
  readonly sizeBefore: number | null;
  readonly sizeAfter: number | null;
  readonly build: string;
  readonly behaviorEqual: boolean;
  readonly configDiffs: readonly ConfigDifference[];
  /** Differences outside the allowed ones: each is a broken contract. */
  readonly unexpectedDiffs: readonly ConfigDifference[];
  readonly detail: string;
  readonly notes: readonly string[];
}

export function e2eApps(): string[] {
  return readdirSync(E2E_APPS)
    .filter((d) => existsSync(join(E2E_APPS, d, "Dockerfile")))
    .sort();
}

/** A Docker client from env MSB_DOCKER, or null (with the reason) when there is none that works. */
export async function dockerFromEnv(env: Record<string, string | undefined>): Promise<{ docker: Docker | null; reason: string }> {
  if (!env.MSB_DOCKER) return { docker: null, reason: "MSB_DOCKER is not set (e.g. MSB_DOCKER=/usr/bin/docker)" };
  const docker = new Docker({ bin: env.MSB_DOCKER, env });
  if (!(await docker.available())) return { docker: null, reason: `\`${env.MSB_DOCKER} info\` failed: no Docker engine` };
  return { docker, reason: "" };
}

/** Tag offline stand-ins for the base images of a Dockerfile, when the docker farm is installed. */
function tagStandIns(dockerfile: string): void {
  farmTag(dockerfile);
}

/** Build the app's own stand-in base image (`standIn`), if it has one: null, or the build's error output. */
export async function buildStandIn(docker: Docker, dir: string, spec: AppSpec): Promise<string | null> {
  if (!spec.standIn) return null;
  // Its own base (`debian:bookworm`) is a farm stand-in; once built, the app's FROM names an image that exists.
  tagStandIns(join(dir, spec.standIn.dockerfile));
  const base = await docker.build({ context: dir, dockerfile: join(dir, spec.standIn.dockerfile), tag: spec.standIn.tag });
  return base.code === 0 ? null : base.stderr.slice(-2000);
}

export async function runApp(docker: Docker, app: string, options: { keepImages?: boolean } = {}): Promise<AppResult> {
  const dir = join(E2E_APPS, app);
  const spec = JSON.parse(readFileSync(join(dir, "e2e.json"), "utf8")) as AppSpec;
  const input = readFileSync(join(dir, "Dockerfile"), "utf8");
  const result = await optimize(input, { ...spec.options, passes: ["split-stages"], syntaxDirective: "never", context: fsContext(dir) });
  const notes = [...result.changes, ...result.refusals].map((n) => `${n.line}: ${n.message}`);
  const empty = { sizeBefore: null, sizeAfter: null, behaviorEqual: false, configDiffs: [], unexpectedDiffs: [], notes };
  if (result.output === input) return { app, ...empty, build: "not split", detail: notes.join(" ") };

  const tmp = mkdtempSync(join(tmpdir(), `${PREFIX}-`));
  const optimized = join(tmp, "Dockerfile");
  writeFileSync(optimized, result.output);
  const [before, after] = [`${PREFIX}-${app}:before`, `${PREFIX}-${app}:after`];
  try {
    const standIn = await buildStandIn(docker, dir, spec);
    if (standIn !== null) return { app, ...empty, build: "stand-in failed", detail: standIn };
    tagStandIns(join(dir, "Dockerfile"));
    tagStandIns(optimized);
    const b1 = await docker.build({ context: dir, dockerfile: join(dir, "Dockerfile"), tag: before });
    if (b1.code !== 0) return { app, ...empty, build: "original failed", detail: b1.stderr.slice(-2000) };
    const b2 = await docker.build({ context: dir, dockerfile: optimized, tag: after });
    if (b2.code !== 0) return { app, ...empty, build: "optimized failed", detail: b2.stderr.slice(-2000) };
    const [i1, i2] = [await docker.inspect(before), await docker.inspect(after)];
    const configDiffs = compareConfigs(i1.config, i2.config, (label) => label.startsWith("farm."));
    const allowed = new Set([...FARM_ENV, ...(spec.allowEnv ?? [])]);
    const unexpected = (d: ConfigDifference) => {
      if (d.field === "User") return !spec.allowUser;
      if (spec.allowConfig?.includes(d.field)) return false;
      if (d.field !== "Env") return true;
      return [...(d.before as string[]), ...(d.after as string[])].some((e) => !allowed.has(e.slice(0, e.indexOf("="))));
    };
    const unexpectedDiffs = configDiffs.filter(unexpected);
    const [r1, r2] = spec.http
      ? [
          await docker.probeHttp(before, { ...spec.http, name: `${PREFIX}-${app}-before` }),
          await docker.probeHttp(after, { ...spec.http, name: `${PREFIX}-${app}-after` }),
        ]
      : [await docker.run(before, spec.run?.args ?? []), await docker.run(after, spec.run?.args ?? [])];
    const behaviorEqual = !("error" in r1) && JSON.stringify(r1) === JSON.stringify(r2);
    return {
      app,
      sizeBefore: i1.size,
      sizeAfter: i2.size,
      build: "ok",
      behaviorEqual,
      configDiffs,
      unexpectedDiffs,
      notes,
      detail: `before: ${JSON.stringify(r1).slice(0, 300)} after: ${JSON.stringify(r2).slice(0, 300)}`,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (!options.keepImages) await docker.removeImages(before, after);
  }
}

const mb = (n: number | null) => (n === null ? "-" : `${(n / 1e6).toFixed(1)} MB`);

export function ratio(r: AppResult): number | null {
  return r.sizeBefore && r.sizeAfter ? r.sizeAfter / r.sizeBefore : null;
}

/** The results as a Markdown table, with the median size ratio. */
export function formatTable(results: readonly AppResult[]): string {
  const rows = results.map((r) => {
    const q = ratio(r);
    return `| ${r.app} | ${mb(r.sizeBefore)} | ${mb(r.sizeAfter)} | ${q === null ? "-" : q.toFixed(2)} | ${r.build} | ${r.build === "ok" ? (r.behaviorEqual ? "yes" : "NO") : "-"} |`;
  });
  const ratios = results
    .map(ratio)
    .filter((q): q is number => q !== null)
    .sort((a, b) => a - b);
  const mid = ratios.length / 2;
  const median = ratios.length === 0 ? null : ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
  return [
    "| app | size before | size after | ratio | build | behavior equal |",
    "| --- | ---: | ---: | ---: | --- | --- |",
    ...rows,
    "",
    `median size ratio (after/before): ${median === null ? "-" : median.toFixed(2)} over ${ratios.length} apps`,
  ].join("\n");
}
