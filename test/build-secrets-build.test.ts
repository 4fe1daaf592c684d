// Real BuildKit builds: a fake npm token passed as a build argument and a copied-then-deleted `.npmrc`.
// The original image leaks both (history, config or a layer); build-secrets' `--secrets=mount` output,
// built with `--secret`, holds neither anywhere, and its RUNs still read both (the container prints the lengths).
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { DOCKER, dockerEnv, dockerSkipReason, FARM } from "./support/docker-env.js";

const env = dockerEnv;
const skipReason = dockerSkipReason();
if (skipReason) console.warn(`build-secrets build test skipped: ${skipReason}`);

const TOKEN = "npm_FAKEtoken0123456789abcdefARG";
const NPMRC = "//registry.npmjs.org/:_authToken=npm_FAKEtoken9876543210NPMRC\n";
const DOCKERFILE = [
  "FROM debian:bookworm-slim",
  "WORKDIR /app",
  "ARG NPM_TOKEN",
  `RUN printf '%s' "$NPM_TOKEN" | wc -c > /app/token-length`,
  "COPY .npmrc /root/.npmrc",
  "RUN cat /root/.npmrc | wc -c > /app/npmrc-length",
  "RUN rm /root/.npmrc",
  `CMD ["cat", "/app/token-length", "/app/npmrc-length"]`,
  "",
].join("\n");

const docker = (args: string[]) => spawnSync(DOCKER!, args, { env, encoding: "utf8", maxBuffer: 256 << 20 });
const images: string[] = [];
let work = "";

/** Every byte of the image: history, config and each layer (gzip layers decompressed). */
function imageText(tag: string): string {
  const history = docker(["history", "--no-trunc", tag]).stdout;
  const config = docker(["image", "inspect", tag]).stdout;
  const dir = join(work, `${tag.replace(/\W/g, "_")}-saved`);
  mkdirSync(dir, { recursive: true });
  const save = docker(["save", "-o", join(dir, "image.tar"), tag]);
  expect(save.status, save.stderr).toBe(0);
  expect(spawnSync("tar", ["-xf", "image.tar"], { cwd: dir }).status).toBe(0);
  const blobs: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== "image.tar") {
        const bytes = readFileSync(p);
        blobs.push((bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("latin1"));
      }
    }
  };
  walk(dir);
  return [history, config, ...blobs].join("\n");
}

function build(dockerfile: string, tag: string, extra: string[]): void {
  const farm = spawnSync(FARM, ["tag-dockerfile", dockerfile], { env, encoding: "utf8" });
  if (existsSync(FARM)) expect(farm.status, farm.stderr).toBe(0);
  const r = docker(["build", "--progress=plain", "-f", dockerfile, "-t", tag, ...extra, work]);
  expect(r.status, r.stderr).toBe(0);
  images.push(tag);
}

afterAll(() => {
  if (images.length) docker(["rmi", "-f", ...images]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)("build-secrets with BuildKit", () => {
  test("--secrets=mount keeps the token out of history, config and layers; the build still reads it", async () => {
    work = mkdtempSync(join(tmpdir(), "msb-build-secrets-"));
    writeFileSync(join(work, ".npmrc"), NPMRC);
    writeFileSync(join(work, "token"), TOKEN);
    writeFileSync(join(work, ".dockerignore"), "token\n*-saved\nDockerfile*\n");
    writeFileSync(join(work, "Dockerfile"), DOCKERFILE);

    build(join(work, "Dockerfile"), "msb-build-secrets-original", ["--build-arg", `NPM_TOKEN=${TOKEN}`]);
    const leaked = imageText("msb-build-secrets-original");
    // The test can fail: the original image does hold both secrets.
    expect(docker(["history", "--no-trunc", "msb-build-secrets-original"]).stdout).toContain(TOKEN);
    expect(leaked).toContain(TOKEN);
    expect(leaked).toContain("FAKEtoken9876543210NPMRC");

    const result = await optimize(DOCKERFILE, {
      passes: ["build-secrets"],
      secrets: "mount",
      syntaxDirective: "never",
      context: fsContext(work),
    });
    expect(result.changes.map((n) => n.message).join("\n")).toMatch(/--secret id=NPM_TOKEN.*\n.*--secret id=npmrc,src=\.npmrc/s);
    writeFileSync(join(work, "Dockerfile.opt"), result.output);
    build(join(work, "Dockerfile.opt"), "msb-build-secrets-mounted", [
      "--secret",
      `id=NPM_TOKEN,src=${join(work, "token")}`,
      "--secret",
      `id=npmrc,src=${join(work, ".npmrc")}`,
    ]);
    const image = imageText("msb-build-secrets-mounted");
    expect(image).not.toContain(TOKEN);
    expect(image).not.toContain("FAKEtoken9876543210NPMRC");

    const size = (tag: string) => docker(["image", "inspect", "-f", "{{.Size}}", tag]).stdout.trim();
    const layers = (tag: string) => docker(["image", "inspect", "-f", "{{len .RootFS.Layers}}", tag]).stdout.trim();
    console.log(
      `build-secrets: original ${size("msb-build-secrets-original")} B in ${layers("msb-build-secrets-original")} layers (token in history and .npmrc in a layer); mounted ${size("msb-build-secrets-mounted")} B in ${layers("msb-build-secrets-mounted")} layers (neither)`,
    );

    // Same behaviour: both RUNs saw the secrets (the lengths match the original's).
    const run = (tag: string) => docker(["run", "--rm", tag]).stdout.split(/\s+/).filter(Boolean);
    expect(run("msb-build-secrets-mounted")).toEqual([String(TOKEN.length), String(NPMRC.length)]);
    expect(run("msb-build-secrets-mounted")).toEqual(run("msb-build-secrets-original"));
  }, 300_000);
});
