// The proposed .dockerignore from the command line: shown by --diff, written otherwise (and by batch --write).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "../../test/support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
const DOCKERFILE = "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n";
const msbOpt = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "true" } });

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-dockerignore-cli-"));
  writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
  writeFileSync(join(dir, "package.json"), "{}");
  return dir;
}

describe("dockerignore from the CLI", () => {
  test("--diff shows the .dockerignore as its own file and writes nothing; without --diff it is written", () => {
    const dir = app();
    const diff = msbOpt(["--passes", "dockerignore", "--write-dockerignore", "--diff", "Dockerfile"], dir);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/\.dockerignore\n/);
    expect(diff.stdout).toContain("+node_modules\n");
    expect(existsSync(join(dir, ".dockerignore"))).toBe(false);
    expect(msbOpt(["--passes", "dockerignore", "--write-dockerignore", "--check", "Dockerfile"], dir).status).toBe(1);

    const run = msbOpt(["--passes", "dockerignore", "--write-dockerignore", "Dockerfile"], dir);
    expect(run.stdout).toBe(DOCKERFILE);
    expect(readFileSync(join(dir, ".dockerignore"), "utf8")).toContain("node_modules\n");
    expect(msbOpt(["--passes", "dockerignore", "--write-dockerignore", "--check", "Dockerfile"], dir).status).toBe(0);
  });

  test("without the option nothing is proposed; batch --write writes it", () => {
    const dir = app();
    expect(msbOpt(["--passes", "dockerignore", "--diff", "Dockerfile"], dir).stdout).toBe("");
    const root = mkdtempSync(join(tmpdir(), "msb-dockerignore-batch-"));
    mkdirSync(join(root, "svc"));
    writeFileSync(join(root, "svc", "Dockerfile"), DOCKERFILE);
    writeFileSync(join(root, "svc", "package.json"), "{}");
    const r = msbOpt(["batch", "--passes", "dockerignore", "--write-dockerignore", "--write", "-q"], root);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(root, "svc", ".dockerignore"), "utf8")).toContain("node_modules\n");
    expect(readFileSync(join(root, "svc", "Dockerfile"), "utf8")).toBe(DOCKERFILE);
  });
});
