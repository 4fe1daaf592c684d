// Real BuildKit builds: a tiny npm app whose test fails (test/apps/npm-failing-test). The original
// single-stage build fails; so do msb-opt's split builds, with and without `--test-stage`, and
// `--target test` of the test-stage output runs only the tests. With the test fixed (in a copy of the
// app), every variant builds and the image runs.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { APPS } from "./support/golden.js";
import { DOCKER, dockerEnv, dockerSkipReason, FARM } from "./support/docker-env.js";

const APP = join(APPS, "npm-failing-test");
const env = dockerEnv;

const skipReason = dockerSkipReason();
if (skipReason) console.warn(`test-stage build test skipped: ${skipReason}`);

interface Build {
  readonly ok: boolean;
  readonly log: string;
}

const tags: string[] = [];
afterAll(() => {
  if (tags.length > 0) spawnSync(DOCKER!, ["image", "rm", "-f", ...tags], { env });
});

function build(dockerfile: string, context: string, tag: string, target?: string): Build {
  tags.push(tag);
  // --no-cache: each variant must run the tests itself, not reuse another variant's cached test step.
  const args = ["build", "--no-cache", "--progress=plain", "-f", dockerfile, "-t", tag, ...(target ? ["--target", target] : []), context];
  const r = spawnSync(DOCKER!, args, { env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { ok: r.status === 0, log: `${r.stdout}${r.stderr}` };
}

/** The Dockerfile variants of the app in `dir`, written next to it, with stand-ins tagged for their images. */
async function variants(dir: string, work: string): Promise<Record<string, string>> {
  const original = readFileSync(join(dir, "Dockerfile"), "utf8");
  const common = { context: fsContext(dir), syntaxDirective: "never" as const, offline: true };
  const split = await optimize(original, common);
  const staged = await optimize(original, { ...common, testStage: true });
  expect(split.output, "the default output is split and keeps the tests in the builder").toMatch(
    // split-stages may add a `files` stage FROM the builder between them: the runtime still waits for the tests.
    /AS build\n[\s\S]*RUN npm test\n\n(FROM build AS files\n[^\n]*\n\n)?FROM node:\S+-slim AS runtime/,
  );
  expect(staged.output, "the --test-stage output has a test stage").toContain("FROM build AS test");
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries({ original, split: split.output, staged: staged.output })) {
    const file = join(work, `${name}.Dockerfile`);
    writeFileSync(file, text);
    if (existsSync(FARM)) {
      const farm = spawnSync(FARM, ["tag-dockerfile", file], { env, encoding: "utf8" });
      if (farm.status !== 0) throw new Error(`docker-farm failed: ${farm.stderr}`);
    }
    files[name] = file;
  }
  return files;
}

/** Steps of a `--progress=plain` log that belong to stage `stage` (`#7 [runtime 2/3] COPY …`). */
const stageSteps = (log: string, stage: string) => log.split("\n").filter((l) => new RegExp(`^#\\d+ \\[${stage} \\d+/\\d+\\]`).test(l));

describe.skipIf(skipReason !== null)("test-stage with BuildKit", () => {
  test("a failing test fails every build; fixed, every build passes and --target test runs only the tests", async () => {
    const work = mkdtempSync(join(tmpdir(), "msb-test-stage-"));
    const id = `${process.pid}`;
    try {
      const failing = await variants(APP, work);
      for (const [name, file] of Object.entries(failing)) {
        const b = build(file, APP, `msb-test-stage-failing-${name}-${id}`);
        expect(b.ok, `${name}: a failing test must fail the build`).toBe(false);
        expect(b.log, `${name}: it failed because of the test`).toContain("TEST FAILED");
      }
      const target = build(failing.staged, APP, `msb-test-stage-failing-target-${id}`, "test");
      expect(target.ok, "--target test fails on the failing test").toBe(false);
      expect(target.log).toContain("TEST FAILED");

      // The fixed app, in a copy.
      const fixed = join(work, "fixed");
      cpSync(APP, fixed, { recursive: true });
      const testFile = join(fixed, "test.js");
      writeFileSync(testFile, `${readFileSync(testFile, "utf8").replace("const expected = 4;", "const expected = 3;")}`);
      const passing = await variants(fixed, work);
      for (const [name, file] of Object.entries(passing)) {
        const tag = `msb-test-stage-fixed-${name}-${id}`;
        const b = build(file, fixed, tag);
        expect(b.ok, `${name} builds once the test passes:\n${b.log}`).toBe(true);
        expect(b.log, `${name} ran the tests`).toContain("TESTS PASSED");
        const run = spawnSync(DOCKER!, ["run", "--rm", tag], { env, encoding: "utf8" });
        expect(run.stdout.trim(), `${name} image runs the app`).toBe("5");
      }
      const only = build(passing.staged, fixed, `msb-test-stage-fixed-target-${id}`, "test");
      expect(only.ok, only.log).toBe(true);
      expect(stageSteps(only.log, "test").join("\n"), "--target test runs the test stage").toContain("RUN npm test");
      expect(only.log).toContain("TESTS PASSED");
      expect(stageSteps(only.log, "runtime"), "--target test builds nothing of the runtime").toEqual([]);
      console.log("test-stage: failing test fails original, split and --test-stage builds and --target test; fixed, all build and run");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);

  test("a split whose build only runs a known check replays the context and still fails on the failing check", async () => {
    const app = join(APPS, "npm-failing-check");
    const work = mkdtempSync(join(tmpdir(), "msb-check-gate-"));
    const id = `${process.pid}`;
    try {
      const split = async (dir: string) => {
        const out = await optimize(readFileSync(join(dir, "Dockerfile"), "utf8"), {
          context: fsContext(dir),
          syntaxDirective: "never",
          offline: true,
        });
        expect(out.output, "the runtime replays the context copies and takes package.json from the build").toMatch(
          /AS runtime\n[\s\S]*COPY \. \.\nCOPY --from=build \/app\/package\.json \/app\/package\.json\n/,
        );
        const file = join(work, `${dir === app ? "failing" : "fixed"}.Dockerfile`);
        writeFileSync(file, out.output);
        if (existsSync(FARM)) spawnSync(FARM, ["tag-dockerfile", file], { env, encoding: "utf8" });
        return file;
      };
      const failing = build(await split(app), app, `msb-check-gate-failing-${id}`);
      expect(failing.ok, "a failing check must fail the split build").toBe(false);
      expect(failing.log).toContain("TEST FAILED");
      const fixed = join(work, "fixed");
      cpSync(app, fixed, { recursive: true });
      const testFile = join(fixed, "math.test.js");
      writeFileSync(testFile, readFileSync(testFile, "utf8").replace("const expected = 4;", "const expected = 3;"));
      const tag = `msb-check-gate-fixed-${id}`;
      const passing = build(await split(fixed), fixed, tag);
      expect(passing.ok, passing.log).toBe(true);
      const run = spawnSync(DOCKER!, ["run", "--rm", tag], { env, encoding: "utf8" });
      expect(run.stdout.trim(), "the image runs the app").toBe("5");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});
