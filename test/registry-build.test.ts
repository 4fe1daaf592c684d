// Proof with a real BuildKit build that a digest pin-tags writes is what the engine pulls: an image pushed
// by the Docker engine into the loopback registry, pinned with --pin=digest, built after the local copy
// is removed. The base comes from the loopback registry on purpose, so docker-farm stand-ins are not used.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { registryUnavailable, startRegistry, type LocalRegistry } from "./support/oci-registry.js";

const DOCKER = process.env.MSB_DOCKER;
const BASE = "farm/static:latest"; // 2 MB stand-in image made by docker-farm
const env = { ...process.env, DOCKER_BUILDKIT: "1" };
const docker = (...args: string[]) => spawnSync(DOCKER!, args, { encoding: "utf8", env, timeout: 300_000 });

function why(): string | null {
  if (!DOCKER) return "MSB_DOCKER is unset";
  if (docker("info").status !== 0) return `${DOCKER} info failed`;
  if (docker("image", "inspect", BASE).status !== 0) return `${BASE} is missing (run docker-farm up)`;
  return registryUnavailable();
}
const skip = why();
if (skip) console.warn(`registry build test skipped: ${skip}`);

describe.skipIf(skip !== null)("a digest pin builds with BuildKit", () => {
  let registry: LocalRegistry;
  let dir: string;
  let pushed = "";
  const image = `msb-pin-tags-build-${process.pid}`;

  beforeAll(async () => {
    registry = await startRegistry();
    dir = mkdtempSync(join(tmpdir(), "msb-pin-tags-build-"));
    writeFileSync(join(dir, "hello.txt"), "hello\n");
    const repo = `${registry.host}/msb/static`;
    for (const tag of ["1.2.3", "1.2", "1"]) {
      expect(docker("tag", BASE, `${repo}:${tag}`).status).toBe(0);
      const push = docker("push", `${repo}:${tag}`);
      expect(push.status, push.stderr).toBe(0);
      pushed = /digest: (sha256:[0-9a-f]{64})/.exec(push.stdout)?.[1] ?? pushed;
      docker("rmi", `${repo}:${tag}`);
    }
  }, 300_000);

  afterAll(async () => {
    docker("rmi", "-f", image);
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const build = (dockerfile: string) => {
    writeFileSync(join(dir, "Dockerfile"), dockerfile);
    return docker("build", "-q", "-t", image, dir);
  };

  test("the pinned reference pulls by digest; a wrong digest fails the build", async () => {
    const input = `FROM ${registry.host}/msb/static:1\nCOPY hello.txt /hello.txt\n`;
    const result = await optimize(input, { passes: ["pin-tags"], pin: "digest", context: fsContext(dir), syntaxDirective: "never" });
    expect(pushed).toMatch(/^sha256:/);
    expect(result.output).toBe(`FROM ${registry.host}/msb/static:1.2.3@${pushed}\nCOPY hello.txt /hello.txt\n`);
    // No local copy under that name: the engine has to pull it from the registry by digest.
    expect(docker("image", "inspect", `${registry.host}/msb/static@${pushed}`).status).not.toBe(0);
    const ok = build(result.output);
    expect(ok.status, ok.stderr).toBe(0);
    const wrong = build(result.output.replace(pushed, `sha256:${"0".repeat(64)}`));
    expect(wrong.status).not.toBe(0);
  }, 300_000);
});
