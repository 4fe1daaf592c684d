// The CLI and batch on files that are not valid UTF-8: bytes msb-opt does not rewrite are written back
// exactly (stdout, -o, batch --write), and an unchanged file passes --check.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });

const HEAD = Buffer.concat([
  Buffer.from("FROM debian:bookworm\n# "),
  Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), // GBK
  Buffer.from('\nLABEL author="Jos\xe9"\n', "latin1"),
]);
const CHANGING = Buffer.concat([HEAD, Buffer.from("RUN apt-get update\nRUN apt-get install -y curl\n")]);
const UNCHANGING = Buffer.concat([HEAD, Buffer.from('CMD ["bash"]\n')]);
const FLAGS = ["--offline", "--skip", "pin-tags,split-stages"];

function app(content: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-enc-"));
  writeFileSync(join(dir, "Dockerfile"), content);
  return dir;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli.cjs"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` (npm test does)");
});

describe("files that are not valid UTF-8", () => {
  test("stdout: an unchanged file is the same bytes, and --check passes", () => {
    const dir = app(UNCHANGING);
    const r = run([...FLAGS, "Dockerfile"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toEqual(UNCHANGING);
    expect(run([...FLAGS, "--check", "Dockerfile"], dir).status).toBe(0);
  });

  test("stdout and -o FILE FILE: the lines no pass touched keep their bytes", () => {
    const dir = app(CHANGING);
    const r = run([...FLAGS, "Dockerfile"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, HEAD.length)).toEqual(HEAD);
    expect(r.stdout.toString("utf8")).toContain("&& apt-get install");
    expect(run([...FLAGS, "-o", "Dockerfile", "Dockerfile"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"))).toEqual(r.stdout);
  });

  test("batch --write keeps the bytes", () => {
    const root = mkdtempSync(join(tmpdir(), "msb-enc-batch-"));
    for (const [name, content] of [
      ["a", CHANGING],
      ["b", UNCHANGING],
    ] as const) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, "Dockerfile"), content);
    }
    const r = run(["batch", ...FLAGS, "--write", "."], root);
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(readFileSync(join(root, "a", "Dockerfile")).subarray(0, HEAD.length)).toEqual(HEAD);
    expect(readFileSync(join(root, "b", "Dockerfile"))).toEqual(UNCHANGING);
  });
});
