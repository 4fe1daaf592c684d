// Real BuildKit builds: msb-opt's output of a single-stage node app declares `ARG NODE_VERSION` once and
// both FROM lines follow it. Built as is, builder and runtime run the pinned Node major; built with
// `--build-arg NODE_VERSION=<other release>`, both run the other major: a version bump is one edit.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { TESTDATA } from "./support/golden.js";
import { DOCKER, dockerEnv, dockerSkipReason, FARM } from "./support/docker-env.js";

const APP = join(TESTDATA, "pipeline", "node-split-keeps-tests");
const OTHER = "22.23.2";
const env = dockerEnv;

const skipReason = dockerSkipReason();
if (skipReason) console.warn(`version-args build test skipped: ${skipReason}`);

const tags: string[] = [];
afterAll(() => {
  if (tags.length > 0) spawnSync(DOCKER!, ["image", "rm", "-f", ...tags], { env });
});

/** Build and return `node --version` as the image (or target stage) runs it. */
function nodeVersion(dockerfile: string, tag: string, extra: string[]): string {
  tags.push(tag);
  const b = spawnSync(DOCKER!, ["build", "-q", "-f", dockerfile, "-t", tag, ...extra, APP], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (b.status !== 0) throw new Error(`docker build ${tag} failed:\n${b.stdout}${b.stderr}`);
  const r = spawnSync(DOCKER!, ["run", "--rm", "--entrypoint", "node", tag, "--version"], { env, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe.skipIf(skipReason !== null)("version-args with BuildKit", () => {
  test("builder and runtime follow the one NODE_VERSION argument", async () => {
    const work = mkdtempSync(join(tmpdir(), "msb-version-args-"));
    try {
      const result = await optimize(readFileSync(join(APP, "Dockerfile"), "utf8"), {
        context: fsContext(APP),
        syntaxDirective: "never",
        offline: true,
      });
      expect(result.output).toMatch(/^ARG NODE_VERSION=20\.18\.1\n\nFROM node:\$\{NODE_VERSION\} AS build\n/);
      expect(result.output).toContain("FROM node:${NODE_VERSION}-slim AS runtime");
      const dockerfile = join(work, "Dockerfile");
      writeFileSync(dockerfile, result.output);
      if (existsSync(FARM)) {
        // tag-dockerfile resolves the ARG default; the other release is tagged by name.
        for (const args of [
          ["tag-dockerfile", dockerfile],
          ["tag", `node:${OTHER}`, `node:${OTHER}-slim`],
        ]) {
          const farm = spawnSync(FARM, args, { env, encoding: "utf8" });
          if (farm.status !== 0) throw new Error(`docker-farm failed: ${farm.stderr}`);
        }
      }
      const bump = ["--build-arg", `NODE_VERSION=${OTHER}`];
      const seen = {
        runtime: nodeVersion(dockerfile, `msb-version-args-runtime-${process.pid}`, []),
        builder: nodeVersion(dockerfile, `msb-version-args-builder-${process.pid}`, ["--target", "build"]),
        bumpedRuntime: nodeVersion(dockerfile, `msb-version-args-bumped-runtime-${process.pid}`, bump),
        bumpedBuilder: nodeVersion(dockerfile, `msb-version-args-bumped-builder-${process.pid}`, [...bump, "--target", "build"]),
      };
      console.log(`version-args: node --version ${JSON.stringify(seen)}`);
      expect(seen.runtime).toMatch(/^v20\./);
      expect(seen.builder).toMatch(/^v20\./);
      expect(seen.bumpedRuntime).toMatch(/^v22\./);
      expect(seen.bumpedBuilder).toMatch(/^v22\./);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});
