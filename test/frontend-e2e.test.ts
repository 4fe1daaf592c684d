// The e2e apps built through msb-opt's own frontend image (`--build-arg BUILDKIT_SYNTAX=localhost/msb-opt:dev`,
// the same as a `# syntax=` line) and verified against the plain build: same contract, same behaviour,
// smaller image. Needs Docker (MSB_DOCKER); skipped without it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { ROOT } from "./support/golden.js";
import { FARM, farmTag } from "./support/farm.js";
import { verify } from "../src/verify/verify.js";
import { buildStandIn, dockerFromEnv, E2E_APPS, e2eApps, type AppSpec } from "./support/e2e-harness.js";

const { docker, reason } = await dockerFromEnv(process.env);
if (!docker) console.warn(`frontend-e2e: skipped: ${reason}`);
const IMAGE = "localhost/msb-opt:dev";
const STAND_IN_ENV = ["NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"];

/** Stand-ins for the bases of the original and of the rewrite the frontend makes (no pinning, dialect 1.2). */
async function tagStandIns(dir: string, options: Record<string, unknown>): Promise<void> {
  if (!existsSync(FARM)) return;
  const output = (
    await optimize(readFileSync(join(dir, "Dockerfile"), "utf8"), {
      ...options,
      skip: ["pin-tags"],
      syntaxDirective: "never",
      context: fsContext(dir),
    })
  ).output;
  const tmp = mkdtempSync(join(tmpdir(), "msb-frontend-e2e-"));
  writeFileSync(join(tmp, "Dockerfile"), output);
  farmTag(join(dir, "Dockerfile"), join(tmp, "Dockerfile"));
  rmSync(tmp, { recursive: true, force: true });
}

describe.skipIf(!docker)("e2e apps through the msb-opt frontend", () => {
  beforeAll(() => {
    if (existsSync(FARM)) execFileSync(FARM, ["tag-dockerfile", join(ROOT, "Dockerfile")], { stdio: "ignore" });
    const r = spawnSync(process.env.MSB_DOCKER!, ["build", "-q", "-t", IMAGE, ROOT], {
      encoding: "utf8",
      env: { ...process.env, DOCKER_BUILDKIT: "1" },
    });
    if (r.status !== 0) throw new Error(`building ${IMAGE} failed: ${r.stderr}`);
  }, 900_000);

  // The frontend runs the same pipeline as the CLI (e2e-split and e2e-verify cover every app): here one app
  // per family (node-, py-, go-, …) proves the frontend path, and controls that decline on purpose are left out.
  const family = (app: string) => app.split("-")[0];
  const apps = e2eApps().filter((a) => {
    const spec = JSON.parse(readFileSync(join(E2E_APPS, a, "e2e.json"), "utf8")) as AppSpec;
    return !spec.expectUnchanged && !spec.declines;
  });
  for (const app of apps.filter((a, i) => apps.findIndex((b) => family(b) === family(a)) === i)) {
    const dir = join(E2E_APPS, app);
    const spec = JSON.parse(readFileSync(join(dir, "e2e.json"), "utf8")) as AppSpec;
    // Options the frontend does not take from the file alone (harden) would need `--build-arg MSB_OPT_*`.
    test.skipIf(spec.options !== undefined)(app, { timeout: 900_000 }, async () => {
      await tagStandIns(dir, spec.options ?? {});
      expect(await buildStandIn(docker!, dir, spec)).toBeNull();
      const result = await verify({
        docker: docker!,
        dockerfile: join(dir, "Dockerfile"),
        context: dir,
        settings: { skip: ["pin-tags"], syntaxDirective: "never" },
        frontend: IMAGE,
        smoke: spec.run?.args,
        httpPath: spec.http?.path,
        ignoreEnv: [...STAND_IN_ENV, ...(spec.allowEnv ?? [])],
        ignoreLabelPrefixes: ["farm."],
        cold: false,
        rebuild: false,
        bisect: false,
        tagPrefix: "msb-frontend-e2e",
      });
      expect(result.reasons.filter((r) => r.kind === "difference")).toEqual([]);
      expect(result.equivalent).toBe(true);
      expect(result.optimized.sizeBytes!, "the frontend rewrote the build").toBeLessThan(result.original.sizeBytes!);
    });
  }
});
