// `msb-opt batch` on a generated tree of repositories, through the built CLI, in every output mode.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../src/core/context.js";
import { CATALOG_DATE } from "../src/core/image-catalog.js";
import { optimize } from "../src/core/pipeline.js";
import { ROOT } from "./support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
// A Dockerfile every pass set changes (split apt steps), one already optimal, and one that is broken.
const NAIVE = 'FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\nCMD ["curl", "--version"]\n';
const FINE = 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n';
const BROKEN = "FROM debian:bookworm\nRUNN echo\n";

/**
 * Runs the CLI; batch runs are --offline, so that pin-tags answers from its catalog, never the network, on
 * the catalog's own date (as `optimize` without `today` does), so that the output does not age.
 */
function msbOpt(args: string[], cwd: string) {
  const argv = args[0] === "batch" ? ["batch", "--offline", "--today", CATALOG_DATE, ...args.slice(1)] : args;
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "true" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), "msb-batch-"));
  const files: Record<string, string> = {
    "svc-a/Dockerfile": NAIVE,
    "svc-a/nested/deeper/Dockerfile.prod": NAIVE,
    "svc-b/api.Dockerfile": NAIVE,
    "svc-b/Containerfile": FINE,
    "svc-c/Dockerfile": BROKEN,
    "svc-d/Dockerfile": NAIVE,
    "svc-d/.gitignore": "generated/\n",
    "svc-d/generated/Dockerfile": NAIVE,
    "node_modules/pkg/Dockerfile": NAIVE,
    ".git/Dockerfile": NAIVE,
    "compose-app/docker-compose.yml": "services:\n  web:\n    build:\n      context: ./web\n      dockerfile: ../docker/web.Dockerfile\n",
    "compose-app/docker/web.Dockerfile": NAIVE,
    "compose-app/web/index.html": "<p>hi</p>\n",
    "readonly/Dockerfile": NAIVE,
    "notes/README.md": "not a Dockerfile\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  chmodSync(join(root, "readonly/Dockerfile"), 0o444);
  return root;
}

const EXPECTED_FOUND = [
  "compose-app/docker/web.Dockerfile",
  "readonly/Dockerfile",
  "svc-a/Dockerfile",
  "svc-a/nested/deeper/Dockerfile.prod",
  "svc-b/Containerfile",
  "svc-b/api.Dockerfile",
  "svc-c/Dockerfile",
  "svc-d/Dockerfile",
];

let expectedNaive: string;
beforeAll(async () => {
  // Each Dockerfile of the tree is alone in its folder, its build context.
  expectedNaive = (await optimize(NAIVE, { context: memoryContext({ Dockerfile: NAIVE }), offline: true })).output;
  expect(expectedNaive, "the test needs a pass that changes the naive Dockerfile").not.toBe(NAIVE);
});

describe("msb-opt batch", () => {
  test("finds Dockerfiles, skipping .git, node_modules and ignored folders; dry run writes nothing", () => {
    const root = makeTree();
    const r = msbOpt(["batch", "--report", "report.json"], root);
    expect(r.code, r.stderr).toBe(2); // svc-c is broken
    const report = JSON.parse(readFileSync(join(root, "report.json"), "utf8"));
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(EXPECTED_FOUND);
    const status = Object.fromEntries(report.files.map((f: { path: string; status: string }) => [f.path, f.status]));
    expect(status["svc-c/Dockerfile"]).toBe("error");
    expect(status["svc-b/Containerfile"]).toBe("unchanged");
    expect(status["svc-a/Dockerfile"]).toBe("changed");
    expect(report.files.find((f: { path: string }) => f.path === "svc-c/Dockerfile").error).toBe(
      "svc-c/Dockerfile:2: unknown instruction: RUNN",
    );
    expect(r.stderr).toContain("msb-opt: svc-c/Dockerfile:2: unknown instruction: RUNN");
    expect(readFileSync(join(root, "svc-a/Dockerfile"), "utf8")).toBe(NAIVE);
  });

  test("--write rewrites atomically, skips read-only files, and a second run changes nothing", () => {
    const root = makeTree();
    const r = msbOpt(["batch", "--write", "--jobs", "2"], root);
    expect(r.code).toBe(2);
    expect(readFileSync(join(root, "svc-a/Dockerfile"), "utf8")).toBe(expectedNaive);
    expect(readFileSync(join(root, "compose-app/docker/web.Dockerfile"), "utf8")).toBe(expectedNaive);
    expect(readFileSync(join(root, "readonly/Dockerfile"), "utf8")).toBe(NAIVE);
    expect(r.stderr).toContain("msb-opt: readonly/Dockerfile: not written: the file is read-only");
    expect(readFileSync(join(root, "svc-c/Dockerfile"), "utf8")).toBe(BROKEN);
    expect(readdirSync(join(root, "svc-a")).filter((n) => n.includes(".msb-opt-"))).toEqual([]);

    writeFileSync(join(root, "svc-c/Dockerfile"), FINE);
    chmodSync(join(root, "readonly/Dockerfile"), 0o644);
    expect(msbOpt(["batch", "--write"], root).code).toBe(0);
    const again = msbOpt(["batch", "--check"], root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("8 Dockerfiles: 0 changed");
  });

  test("--check exits 1 when something would change; --diff applies with git apply", () => {
    const root = makeTree();
    writeFileSync(join(root, "svc-c/Dockerfile"), FINE);
    chmodSync(join(root, "readonly/Dockerfile"), 0o644);
    expect(msbOpt(["batch", "--check", "-q"], root).code).toBe(1);
    const diff = msbOpt(["batch", "--diff", "-q"], root);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("--- a/svc-a/Dockerfile\n+++ b/svc-a/Dockerfile\n");
    const copy = mkdtempSync(join(tmpdir(), "msb-batch-apply-"));
    cpSync(root, copy, { recursive: true });
    writeFileSync(join(copy, "all.patch"), diff.stdout);
    const applied = spawnSync("git", ["apply", "all.patch"], { cwd: copy, encoding: "utf8" });
    expect(applied.status, applied.stderr).toBe(0);
    msbOpt(["batch", "--write", "-q"], root);
    for (const f of EXPECTED_FOUND) expect(readFileSync(join(copy, f), "utf8"), f).toBe(readFileSync(join(root, f), "utf8"));
  });

  test("--out-dir writes a mirror tree and leaves the sources alone", () => {
    const root = makeTree();
    const r = msbOpt(["batch", "svc-a", "svc-b", "--out-dir", "out"], root);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "out/svc-a/nested/deeper/Dockerfile.prod"), "utf8")).toBe(expectedNaive);
    expect(readFileSync(join(root, "out/svc-b/Containerfile"), "utf8")).toBe(FINE);
    expect(readFileSync(join(root, "svc-a/Dockerfile"), "utf8")).toBe(NAIVE);
  });

  test("reports: Markdown, JSON and SARIF 2.1.0 agree", () => {
    const root = makeTree();
    msbOpt(["batch", "--report", "r.md"], root);
    msbOpt(["batch", "--report", "r.json"], root);
    msbOpt(["batch", "--report", "r.sarif"], root);
    const json = JSON.parse(readFileSync(join(root, "r.json"), "utf8"));
    const sarif = JSON.parse(readFileSync(join(root, "r.sarif"), "utf8"));
    const md = readFileSync(join(root, "r.md"), "utf8");
    expect(json.summary).toMatchObject({ files: 8, error: 1, unchanged: 1 });
    expect(md).toContain(`8 Dockerfiles, ${json.summary.changed} changed, 1 unchanged, ${json.summary.refused} refused, 1 errors.`);
    expect(sarif.version).toBe("2.1.0");
    const notes = json.files.reduce(
      (n: number, f: { changes: unknown[]; refusals: unknown[] }) => n + f.changes.length + f.refusals.length,
      0,
    );
    expect(sarif.runs[0].results.length).toBe(notes + 1);
    const error = sarif.runs[0].results.find((x: { level: string }) => x.level === "error");
    expect(error.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "svc-c/Dockerfile", uriBaseId: "%SRCROOT%" },
      region: { startLine: 2 },
    });
  });

  test("--shard splits the files deterministically into disjoint parts that cover them all", () => {
    const root = makeTree();
    const parts = [1, 2, 3].map((i) => {
      msbOpt(["batch", "--shard", `${i}/3`, "--report", `s${i}.json`], root);
      return JSON.parse(readFileSync(join(root, `s${i}.json`), "utf8")).files.map((f: { path: string }) => f.path) as string[];
    });
    expect(parts.flat().sort()).toEqual(EXPECTED_FOUND);
    msbOpt(["batch", "--shard", "2/3", "--report", "again.json"], root);
    expect(JSON.parse(readFileSync(join(root, "again.json"), "utf8")).files.map((f: { path: string }) => f.path)).toEqual(parts[1]);
    expect(msbOpt(["batch", "--shard", "4/3"], root).code).toBe(2);
  });

  test("a kill during --write leaves every file old or new", async () => {
    const root = mkdtempSync(join(tmpdir(), "msb-batch-kill-"));
    const count = 3000;
    for (let i = 0; i < count; i++) {
      mkdirSync(join(root, `r${i}`));
      writeFileSync(join(root, `r${i}`, "Dockerfile"), NAIVE);
    }
    const child = spawn(process.execPath, [BIN, "batch", "--offline", "--today", CATALOG_DATE, "--write", "-q", "--jobs", "2"], {
      cwd: root,
      stdio: "ignore",
    });
    // Kill as soon as some files are rewritten (or after 20 s at the latest).
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const done =
          readFileSync(join(root, "r0", "Dockerfile"), "utf8") !== NAIVE ||
          readFileSync(join(root, `r${count - 1}`, "Dockerfile"), "utf8") !== NAIVE;
        if (done || Date.now() - started > 20_000) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 1);
    });
    await new Promise((resolve) => child.on("exit", resolve));
    let rewritten = 0;
    for (let i = 0; i < count; i++) {
      const text = readFileSync(join(root, `r${i}`, "Dockerfile"), "utf8");
      expect([NAIVE, expectedNaive]).toContain(text);
      if (text === expectedNaive) rewritten++;
    }
    expect(rewritten).toBeGreaterThan(0);
  }, 120_000);
});

describe("the CI and pre-commit recipes", () => {
  test("pre-commit: `msb-opt batch --check` on named files (as pre-commit passes them)", () => {
    const root = makeTree();
    const hook = readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8");
    const entry = /entry: msb-opt (.*)\n/.exec(hook)![1].split(" ");
    const files = /files: (.*)\n/.exec(hook)![1];
    const staged = ["svc-b/Containerfile", "svc-a/nested/deeper/Dockerfile.prod", "notes/README.md"].filter((f) =>
      new RegExp(files).test(f),
    );
    expect(staged).toEqual(["svc-b/Containerfile", "svc-a/nested/deeper/Dockerfile.prod"]);
    expect(msbOpt([...entry, "svc-b/Containerfile"], root).code).toBe(0);
    const failing = msbOpt([...entry, ...staged], root);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("svc-a/nested/deeper/Dockerfile.prod: would change");
  });

  test("CI: `batch . --check --report msb-opt.sarif --report review.html` gates and reports", () => {
    const root = makeTree();
    const r = msbOpt(["batch", ".", "--check", "--report", "msb-opt.sarif", "--report", "review.html"], root);
    expect(r.code).toBe(2); // one broken file in the tree
    expect(JSON.parse(readFileSync(join(root, "msb-opt.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(root, "review.html"), "utf8")).toMatch(/^<!doctype html>/);
  });
});
