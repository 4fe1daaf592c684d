// `msb-opt batch` where trees and tools go wrong: a bug in msb-opt, symbolic-link loops and links out of the
// tree, unreadable folders, several Dockerfiles sharing one build context, hostile file names. Through the built CLI.
import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
const NAIVE = 'FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\nCMD ["curl", "--version"]\n';
const BROKEN = "FROM debian:bookworm\nRUNN echo\n";

interface Run {
  readonly env?: Record<string, string>;
  /** Run as this user (the tests run as root here, where permissions do not stop reads). */
  readonly uid?: number;
}

function batch(args: string[], cwd: string, run: Run = {}) {
  const r = spawnSync(process.execPath, [BIN, "batch", "--offline", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CI: "true", ...run.env },
    timeout: 60_000,
    ...(run.uid === undefined ? {} : { uid: run.uid, gid: run.uid }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "msb-hazard-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const report = (root: string, file = "r.json") =>
  JSON.parse(readFileSync(join(root, file), "utf8")) as {
    summary: Record<string, number>;
    files: { path: string; status: string; error: string | null; stack?: string; refusals: { message: string }[] }[];
  };
const statuses = (root: string) => Object.fromEntries(report(root).files.map((f) => [f.path, f.status]));

describe("batch: a bug in msb-opt is not bad input", () => {
  test("a pass that throws on one file: status internal in every report, exit 3, the others processed", () => {
    const root = tree({ "a/Dockerfile": NAIVE, "b/Dockerfile": NAIVE, "c/Dockerfile": BROKEN });
    const env = { MSB_OPT_INJECT_FAULT: "merge-run:a/Dockerfile" };
    const reports = ["--report", "r.json", "--report", "r.md", "--report", "r.sarif", "--report", "r.html"];
    const r = batch(reports, root, { env });
    expect(r.code, r.stderr).toBe(3);
    expect(statuses(root)).toEqual({ "a/Dockerfile": "internal", "b/Dockerfile": "changed", "c/Dockerfile": "error" });
    expect(report(root).summary).toMatchObject({ files: 3, changed: 1, error: 1, internal: 1 });
    const internal = report(root).files[0];
    expect(internal.error).toMatch(
      /^internal error in msb-opt \(a bug, not a problem with this file\): fault injected into pass merge-run \(MSB_OPT_INJECT_FAULT\); please report it at https:\/\/github\.com\/msb-opt\/msb-opt\/issues/,
    );
    expect(internal.stack).toBeUndefined();
    expect(r.stderr).toContain("msb-opt: a/Dockerfile: internal error in msb-opt");
    expect(r.stderr).toContain("3 Dockerfiles: 1 changed, 0 unchanged, 0 refused, 1 errors, 1 internal errors (bugs in msb-opt)");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(join(root, "r.md"), "utf8")).toContain("## `a/Dockerfile`: internal");
    const sarif = JSON.parse(readFileSync(join(root, "r.sarif"), "utf8")).runs[0];
    expect(sarif.results.filter((x: { ruleId: string }) => x.ruleId === "internal")).toHaveLength(1);
    expect(sarif.results.filter((x: { ruleId: string }) => x.ruleId === "parse")).toHaveLength(1);
    expect(readFileSync(join(root, "r.html"), "utf8")).toContain('"s":"internal"');

    const debug = batch(["--debug", "--report", "r.json"], root, { env });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^\s+at .*run/m);
    expect(report(root).files[0].stack).toMatch(/fault injected/);
  });

  test("a worker thread that dies takes down only the file that killed it", () => {
    // 40 files: two worker threads (chunks of a few files that shrink towards the end). The thread that takes r07 dies; its chunk is retried a file at a time.
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`r${String(i).padStart(2, "0")}/Dockerfile`] = NAIVE;
    const root = tree(files);
    const r = batch(["--jobs", "2", "--report", "r.json"], root, { env: { MSB_OPT_INJECT_FAULT: "exit:r07/" } });
    expect(r.code, r.stderr).toBe(3);
    const s = statuses(root);
    expect(s["r07/Dockerfile"]).toBe("internal");
    expect(Object.values(s).filter((x) => x === "changed")).toHaveLength(39);
    expect(report(root).files[7].error).toContain("the worker thread stopped with exit code 70");
  });
});

describe("batch: symbolic links and unreadable paths", () => {
  test("folder links are not followed by default; --follow-symlinks follows them once, loops included", () => {
    const outside = tree({ "ext/Dockerfile": NAIVE });
    const root = tree({ "svc/Dockerfile": NAIVE, "svc/deep/Dockerfile": NAIVE });
    symlinkSync(".", join(root, "svc", "self")); // a loop
    symlinkSync("..", join(root, "svc", "deep", "up")); // another loop
    symlinkSync(join(outside, "ext"), join(root, "linked-ext"));
    const plain = batch(["--report", "r.json"], root);
    expect(plain.code, plain.stderr).toBe(0);
    expect(Object.keys(statuses(root))).toEqual(["svc/Dockerfile", "svc/deep/Dockerfile"]);
    expect(plain.stderr).toContain("msb-opt: linked-ext: a symbolically linked folder, not followed (--follow-symlinks follows it)");
    const followed = batch(["--follow-symlinks", "--report", "r.json"], root);
    expect(followed.code, followed.stderr).toBe(0);
    // Each real folder once: no duplicates through the loops, and the linked folder is walked.
    expect(Object.keys(statuses(root))).toEqual(["linked-ext/Dockerfile", "svc/Dockerfile", "svc/deep/Dockerfile"]);
  });

  test("a linked Dockerfile outside the tree is skipped and reported, never written; one inside is written through", () => {
    const outside = tree({ Dockerfile: NAIVE });
    const root = tree({ "shared/app.Dockerfile": NAIVE });
    mkdirSync(join(root, "out"));
    symlinkSync(join(outside, "Dockerfile"), join(root, "out", "Dockerfile"));
    mkdirSync(join(root, "in"));
    symlinkSync("../shared/app.Dockerfile", join(root, "in", "Dockerfile"));
    const r = batch(["--write", "--report", "r.json"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(statuses(root)).toEqual({ "in/Dockerfile": "changed", "out/Dockerfile": "skipped", "shared/app.Dockerfile": "changed" });
    expect(report(root).files[1].error).toMatch(/^skipped: a symbolic link to .*, outside the tree/);
    expect(readFileSync(join(outside, "Dockerfile"), "utf8")).toBe(NAIVE);
    expect(lstatSync(join(root, "out", "Dockerfile")).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(root, "in", "Dockerfile")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "shared", "app.Dockerfile"), "utf8")).not.toBe(NAIVE);
  });

  test("an unreadable folder, a broken Dockerfile link and an unreadable context file are errors: reported, and --check exits 2", () => {
    const root = tree({
      "ok/Dockerfile": NAIVE,
      "locked/Dockerfile": NAIVE,
      "node/Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n',
      "node/package.json": '{"name":"app","version":"1.0.0","dependencies":{"express":"4.21.2"}}\n',
      "node/server.js": "require('express')\n",
    });
    symlinkSync("nowhere", join(root, "ok", "api.Dockerfile"));
    chmodSync(root, 0o777); // the report is written by the unprivileged user
    chmodSync(join(root, "locked"), 0o000);
    chmodSync(join(root, "node", "package.json"), 0o000);
    const r = batch(["--check", "--report", "r.json"], root, { uid: process.getuid?.() === 0 ? 65534 : undefined });
    expect(r.code, r.stderr).toBe(2);
    expect(statuses(root)).toEqual({
      locked: "error",
      "node/Dockerfile": "error",
      "ok/Dockerfile": "changed",
      "ok/api.Dockerfile": "error",
    });
    expect(r.stderr).toContain(
      "msb-opt: node/Dockerfile: cannot check: msb-opt could not read `package.json` in its build context (EACCES), so the passes that need it declined",
    );
    const node = report(root).files[1];
    expect(node.refusals.map((n) => n.message)).toContain(
      "Left the file unchanged by this pass: msb-opt could not read `package.json` in the build context (EACCES), so it cannot check what the pass needs; make it readable and run again.",
    );
    expect(r.stderr).toContain("msb-opt: locked: cannot read this folder (EACCES); the Dockerfiles in it were not checked");
    expect(r.stderr).toContain("msb-opt: ok/api.Dockerfile: cannot read this Dockerfile (ENOENT, a broken symbolic link)");
  });
});

describe("batch: shared build contexts, reports and names", () => {
  test("--write-dockerignore with two Dockerfiles of one context keeps every source either copies", () => {
    // The app reads `.env` (COPY . copies it); the worker copies one file. Alone, the worker's proposal would
    // exclude `.env*` and the app's image would lose its `.env`.
    const root = tree({
      "app/package.json": '{"name":"app","version":"1.0.0"}\n',
      "app/server.js": "console.log(process.env.X)\n",
      "app/.env": "X=1\n",
      "app/Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      "app/worker.Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n',
    });
    const r = batch(["--write", "--write-dockerignore", "--skip", "split-stages", "--report", "r.json"], root);
    expect(r.code, r.stderr).toBe(0);
    const ignore = readFileSync(join(root, "app", ".dockerignore"), "utf8");
    expect(ignore).not.toContain(".env");
    expect(ignore).toContain("**/*.log");
    const lines = ignore.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines).toEqual([".git", "**/*.log"]);
  });

  test("SARIF locations are relative to the repository root (%SRCROOT%), also from a subfolder", () => {
    const root = tree({ ".git/HEAD": "ref: refs/heads/main\n", "services/api/Dockerfile": BROKEN });
    batch([".", "--report", "r.sarif"], join(root, "services"));
    const run = JSON.parse(readFileSync(join(root, "services", "r.sarif"), "utf8")).runs[0];
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "services/api/Dockerfile",
      uriBaseId: "%SRCROOT%",
    });
  });

  test("no terminal escape sequence from a file name or a file reaches the terminal", () => {
    const root = tree({ "evil\x1b]0;pwned\x07\x1b[2J/Dockerfile": BROKEN, "ok/Dockerfile": "FROM debian:bookworm\x1b[31m\nRUN echo hi\n" });
    const r = batch([], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("msb-opt: evil/Dockerfile:2:");
    for (const c of ["\x1b", "\x07"]) expect(r.stderr).not.toContain(c);
  });
});
