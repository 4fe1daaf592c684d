// BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile in place of the context's `.dockerignore`.
// The CLI (and batch) must see the context through that file: a Node app whose `.npmrc` only
// `Dockerfile.dockerignore` keeps out must not get `COPY … .npmrc` (the build would fail: `"/.npmrc" not found`).
// The spawned CLI runs everywhere; the builds need Docker (MSB_DOCKER) and skip with a message otherwise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";
import { DOCKER, dockerEnv, dockerSkipReason, tagStandIns } from "./support/docker-env.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n';
const msbOpt = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "true" } });

/** The app, with `.npmrc` kept out by `<name>.dockerignore` only (no `.dockerignore`). No dependency: no network. */
function app(name = "Dockerfile"): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-own-ignore-"));
  writeFileSync(join(dir, name), DOCKERFILE);
  writeFileSync(join(dir, `${name}.dockerignore`), "node_modules\n.npmrc\n");
  writeFileSync(join(dir, ".npmrc"), "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
  writeFileSync(join(dir, "package.json"), '{"name":"x","version":"1.0.0"}\n');
  writeFileSync(
    join(dir, "package-lock.json"),
    '{"name":"x","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"x","version":"1.0.0"}}}\n',
  );
  writeFileSync(join(dir, "index.js"), 'console.log("ok");\n');
  return dir;
}

describe("the Dockerfile's own ignore file, from the CLI", () => {
  test.each(["Dockerfile", "app.Dockerfile"])("%s: the .npmrc it excludes is not copied, and no note asks for a .dockerignore", (name) => {
    const dir = app(name);
    const r = msbOpt(["--offline", name], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("COPY package.json package-lock.json ./");
    expect(r.stdout).not.toContain(".npmrc");
    expect(r.stderr).not.toContain("has no `.dockerignore`");
  });

  test("--write-dockerignore extends that file and writes no .dockerignore, which BuildKit would not read", () => {
    const dir = app();
    const diff = msbOpt(["--offline", "--passes", "dockerignore", "--write-dockerignore", "--diff", "Dockerfile"], dir);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("+++ b/Dockerfile.dockerignore\n");
    expect(diff.stderr).toContain("to the `Dockerfile.dockerignore`");
    const run = msbOpt(["--offline", "--passes", "dockerignore", "--write-dockerignore", "Dockerfile"], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, ".dockerignore"))).toBe(false);
    expect(readFileSync(join(dir, "Dockerfile.dockerignore"), "utf8")).toMatch(/^node_modules\n\.npmrc\n\n# Added by msb-opt/);
  });

  test("batch: one Dockerfile with its own ignore file and one without, in one context, each gets its own file", () => {
    const dir = app();
    writeFileSync(join(dir, "other.Dockerfile"), DOCKERFILE);
    const r = msbOpt(["batch", ".", "--offline", "--passes", "dockerignore", "--write-dockerignore", "--write", "-q"], dir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile.dockerignore"), "utf8")).toMatch(/^node_modules\n\.npmrc\n\n# Added by msb-opt/);
    expect(readFileSync(join(dir, ".dockerignore"), "utf8")).toContain("node_modules\n");
  });
});

const skipReason = dockerSkipReason();
if (skipReason) console.warn(`own ignore file build test skipped: ${skipReason}`);
const tags: string[] = [];
afterAll(() => {
  if (tags.length > 0) spawnSync(DOCKER!, ["image", "rm", "-f", ...tags], { env: dockerEnv });
});

describe.skipIf(skipReason !== null)("the Dockerfile's own ignore file, built with BuildKit", () => {
  test("the original and msb-opt's output both build and run", () => {
    const dir = app();
    try {
      const r = msbOpt(["--offline", "-o", "opt.Dockerfile", "Dockerfile"], dir);
      expect(r.status, r.stderr).toBe(0);
      // BuildKit reads `opt.Dockerfile.dockerignore` for `opt.Dockerfile`: the same patterns.
      writeFileSync(join(dir, "opt.Dockerfile.dockerignore"), readFileSync(join(dir, "Dockerfile.dockerignore")));
      for (const name of ["Dockerfile", "opt.Dockerfile"]) {
        const dockerfile = join(dir, name);
        tagStandIns(dockerfile);
        const tag = `msb-own-ignore-${name.toLowerCase().replace(/\W/g, "-")}-${process.pid}`;
        tags.push(tag);
        const build = spawnSync(DOCKER!, ["build", "-q", "-f", dockerfile, "-t", tag, dir], { env: dockerEnv, encoding: "utf8" });
        expect(build.status, `${name}: ${build.stderr}`).toBe(0);
        const run = spawnSync(DOCKER!, ["run", "--rm", "--network=none", tag], { env: dockerEnv, encoding: "utf8" });
        expect(run.stdout.trim(), `${name} runs`).toBe("ok");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
