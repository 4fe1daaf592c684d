// Real BuildKit builds: a tiny npm app whose context holds a local node_modules, .git, build output and logs.
// The `.dockerignore` that `--write-dockerignore` proposes cuts the context sent to the builder (read from
// BuildKit's "transferring context: N" line), and the image still builds and runs the same.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { DOCKER, dockerEnv, dockerSkipReason, FARM } from "./support/docker-env.js";

const env = dockerEnv;
const skipReason = dockerSkipReason();
if (skipReason) console.warn(`dockerignore pass build test skipped: ${skipReason}`);

const DOCKERFILE = [
  "FROM node:20-slim",
  "WORKDIR /app",
  "COPY package.json ./",
  "RUN npm install --no-audit --no-fund",
  "COPY . .",
  "RUN npm run build",
  `CMD ["node", "dist/index.js"]`,
  "",
].join("\n");

/** Bytes in BuildKit's last "transferring context: 1.23MB" line of a plain progress log. */
export function contextBytes(log: string): number {
  const sizes = [...log.matchAll(/transferring context: ([\d.]+)([kMG]?B)/g)];
  if (sizes.length === 0) throw new Error(`no "transferring context" line in the build log:\n${log}`);
  const [, n, unit] = sizes[sizes.length - 1];
  return Math.round(Number(n) * ({ B: 1, kB: 1e3, MB: 1e6, GB: 1e9 } as Record<string, number>)[unit]);
}

describe("contextBytes", () => {
  test("reads the last transfer of the log", () => {
    expect(contextBytes("#4 transferring context: 2B done\n#6 transferring context: 5.25MB 0.1s done\n")).toBe(5_250_000);
    expect(() => contextBytes("#1 [internal] load build definition")).toThrow(/no "transferring context"/);
  });
});

const docker = (args: string[]) => spawnSync(DOCKER!, args, { env, encoding: "utf8", maxBuffer: 64 << 20 });
const images: string[] = [];
let work = "";

function app(dir: string): void {
  const file = (path: string, text: string | Buffer) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  file(
    "package.json",
    JSON.stringify({
      name: "msb-dockerignore-app",
      version: "1.0.0",
      scripts: { build: "mkdir -p dist && cp src/index.js dist/index.js" },
    }),
  );
  file("src/index.js", 'console.log("hello from dist");\n');
  file(".gitignore", "node_modules\ndist/\n*.log\n");
  // What a developer's checkout holds and the image does not need: a few MB each, incompressible.
  const blob = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 8) * 104729) & 0xff));
  file("node_modules/big-dep/index.js", blob(3_000_000));
  file(".git/objects/pack/pack-1.pack", blob(2_000_000));
  file("dist/index.js", 'console.log("stale local build");\n');
  file("npm-debug.log", blob(500_000));
}

function build(dir: string, tag: string): string {
  writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
  const farm = spawnSync(FARM, ["tag-dockerfile", join(dir, "Dockerfile")], { env, encoding: "utf8" });
  if (existsSync(FARM)) expect(farm.status, farm.stderr).toBe(0);
  const r = docker(["build", "--progress=plain", "-t", tag, dir]);
  expect(r.status, r.stderr).toBe(0);
  images.push(tag);
  return `${r.stdout}${r.stderr}`;
}

afterAll(() => {
  if (images.length) docker(["rmi", "-f", ...images]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)("dockerignore pass with BuildKit", () => {
  test("the proposed .dockerignore cuts the context and the image runs the same", async () => {
    work = mkdtempSync(join(tmpdir(), "msb-dockerignore-"));
    const before = join(work, "before");
    app(before);
    // Two copies of the same context: BuildKit reuses what it already received for a folder it knows.
    const after = join(work, "after");
    cpSync(before, after, { recursive: true });

    const result = await optimize(DOCKERFILE, {
      passes: ["dockerignore"],
      writeDockerignore: true,
      syntaxDirective: "never",
      context: fsContext(after),
    });
    expect(result.output).toBe(DOCKERFILE);
    expect(result.files.map((f) => f.path)).toEqual([".dockerignore"]);
    expect(result.diff).toContain("+++ b/.dockerignore");
    writeFileSync(join(after, ".dockerignore"), result.files[0].after);

    const sizeBefore = contextBytes(build(before, "msb-dockerignore-before"));
    const sizeAfter = contextBytes(build(after, "msb-dockerignore-after"));
    console.log(`dockerignore: context sent to the builder ${sizeBefore} B without, ${sizeAfter} B with the proposed .dockerignore`);
    expect(sizeBefore).toBeGreaterThan(5_000_000);
    expect(sizeAfter).toBeLessThan(100_000);

    const run = (tag: string) => docker(["run", "--rm", tag]).stdout;
    expect(run("msb-dockerignore-after")).toBe("hello from dist\n");
    expect(run("msb-dockerignore-after")).toBe(run("msb-dockerignore-before"));
  }, 300_000);
});
