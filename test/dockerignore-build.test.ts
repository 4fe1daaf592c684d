// Our .dockerignore matcher against BuildKit itself: `COPY . /` into a scratch image exported as files,
// compared with the files `isIgnored` keeps. No base image and no network are needed.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { isIgnored, parseDockerignore } from "../src/core/dockerignore.js";

const DOCKER = process.env.MSB_DOCKER;
const env = { ...process.env, DOCKER_BUILDKIT: "1" };
const skipReason = !DOCKER
  ? "MSB_DOCKER is not set"
  : spawnSync(DOCKER, ["info"], { env }).status === 0
    ? null
    : `\`${DOCKER} info\` failed`;
if (skipReason) console.warn(`dockerignore build test skipped: ${skipReason}`);

const FILES = [
  "package.json",
  "package-lock.json",
  "README.md",
  "docs/guide.md",
  "docs/img/a.png",
  "node_modules/ms/index.js",
  "web/node_modules/x/index.js",
  "src/app.js",
  "src/app.test.js",
  "src/deep/util.test.js",
  "build/out.js",
  "keep/build/out.js",
  "file1.txt",
  "file10.txt",
  "filex.txt",
  "file!.txt",
  ".env",
  ".env.example",
  "logs/a.log",
  "logs/keep.log",
  "a/b/c/d.tmp",
];
const DOCKERIGNORE = [
  "# comment",
  "**/node_modules",
  "/build",
  "*.md",
  "!README.md",
  "docs/**",
  "!docs/img",
  "**/*.test.js",
  "file?.txt",
  "file[!0-9].txt",
  ".env*",
  "!.env.example",
  "logs",
  "!logs/keep.log",
  "a/**/*.tmp",
].join("\n");

function files(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(root, path) : [relative(root, path)];
  });
}

describe.skipIf(skipReason !== null)("dockerignore against BuildKit", () => {
  test("COPY . sees exactly the files isIgnored keeps", () => {
    const work = mkdtempSync(join(tmpdir(), "msb-reorder-copy-ignore-"));
    try {
      const context = join(work, "context");
      for (const f of FILES) {
        mkdirSync(dirname(join(context, f)), { recursive: true });
        writeFileSync(join(context, f), f);
      }
      writeFileSync(join(context, ".dockerignore"), DOCKERIGNORE);
      writeFileSync(join(work, "Dockerfile"), "FROM scratch\nCOPY . /\n");
      const out = join(work, "out");
      const r = spawnSync(DOCKER!, ["build", "-q", "-f", join(work, "Dockerfile"), "-o", `type=local,dest=${out}`, context], {
        env,
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      const patterns = parseDockerignore(DOCKERIGNORE);
      const expected = [...FILES, ".dockerignore"].filter((f) => !isIgnored(patterns, f)).sort();
      expect(files(out).sort()).toEqual(expected);
      expect(expected.length).toBeLessThan(FILES.length);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
