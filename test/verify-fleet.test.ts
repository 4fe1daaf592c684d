// `batch --verify` over a fleet: a second Docker engine on this machine beside the main one, three tiny apps
// that build offline. The verdicts equal those of one engine, the apps are spread over both engines, and a run
// killed after its first app resumes from the journal without verifying that app again.
// Needs Docker (MSB_DOCKER) and root (for the second engine); skipped without them.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dockerFromEnv } from "./support/e2e-harness.js";
import { ROOT } from "./support/golden.js";
import { type SecondEngine, startSecondEngine } from "./support/second-engine.js";
import { tagStandIns } from "./support/docker-env.js";

const { docker, reason } = await dockerFromEnv(process.env);
if (!docker) console.warn(`verify-fleet: skipped: ${reason}`);
const BIN = join(ROOT, "bin/msb-opt.js");
const OPTIONS = [
  "--offline",
  "--syntax-directive",
  "never",
  "--ignore-env",
  "NODE_EXTRA_CA_CERTS,PIP_CERT,REQUESTS_CA_BUNDLE,SSL_CERT_FILE",
  "--ignore-label",
  "farm.",
];
const APPS: Record<string, Record<string, string>> = {
  greet: {
    Dockerfile: 'FROM debian:bookworm\nRUN mkdir -p /opt/app\nRUN echo hello > /opt/app/greeting\nCMD ["cat", "/opt/app/greeting"]\n',
  },
  count: {
    Dockerfile:
      'FROM debian:bookworm\nWORKDIR /srv\nCOPY words.txt ./\nRUN wc -w words.txt > count\nRUN chmod 644 count\nCMD ["cat", "/srv/count"]\n',
    "words.txt": "one two three\n",
  },
  tool: {
    Dockerfile:
      'FROM debian:bookworm\nCOPY tool.sh /usr/local/bin/tool\nRUN chmod 755 /usr/local/bin/tool\nRUN tool > /tool.out\nENTRYPOINT ["tool"]\n',
    "tool.sh": "#!/bin/sh\necho tool says hi\n",
  },
};
const BASES = ["debian:bookworm", "debian:12.15", "debian:12.15-slim"];

function makeApps(): string {
  const root = mkdtempSync(join(tmpdir(), "msb-fleet-"));
  for (const [app, files] of Object.entries(APPS)) {
    mkdirSync(join(root, app));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, app, name), text);
  }
  return root;
}

function batch(root: string, report: string, hosts: string[]) {
  return spawnSync(
    process.execPath,
    [BIN, "batch", "--verify", ...OPTIONS, ...hosts.flatMap((h) => ["--docker-host", h]), "--report", report, "."],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
      timeout: 1_500_000,
    },
  );
}

const statuses = (root: string, report: string) =>
  Object.fromEntries(
    (JSON.parse(readFileSync(join(root, report), "utf8")).files as { path: string; status: string }[]).map((f) => [f.path, f.status]),
  );
const journal = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { path: string; endpoint: string })
    : [];

describe.skipIf(!docker)("batch --verify over two engines", () => {
  let engine: SecondEngine | null = null;
  let why = "";
  beforeAll(async () => {
    const started = await startSecondEngine(process.env.MSB_DOCKER!);
    if ("reason" in started) why = started.reason;
    else engine = started;
  }, 120_000);
  afterAll(() => engine?.stop(), 120_000);

  test("same verdicts as one engine, apps spread over both, a killed run resumes", { timeout: 3_000_000 }, async () => {
    if (!engine) return console.warn(`verify-fleet: skipped: ${why}`);
    const root = makeApps();
    try {
      // Stand-ins for the base images of the apps and of their rewrites, on both engines.
      const outputs = mkdtempSync(join(tmpdir(), "msb-fleet-out-"));
      for (const app of Object.keys(APPS)) {
        const out = spawnSync(process.execPath, [BIN, "-q", ...OPTIONS.slice(0, 3), join(root, app, "Dockerfile")], {
          encoding: "utf8",
        }).stdout;
        writeFileSync(join(outputs, `${app}.Dockerfile`), out);
        tagStandIns(join(root, app, "Dockerfile"), join(outputs, `${app}.Dockerfile`));
      }
      // And every image loaded below, whether or not today's rewrites name it (they no longer pin debian:12.15).
      writeFileSync(join(outputs, "bases.Dockerfile"), BASES.map((b) => `FROM ${b}\n`).join(""));
      tagStandIns(join(outputs, "bases.Dockerfile"));
      rmSync(outputs, { recursive: true, force: true });
      engine.load(BASES);
      const main = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";

      const one = batch(root, "one.json", []);
      expect(one.status, one.stderr).toBe(0);
      expect(Object.values(statuses(root, "one.json"))).toContain("changed");

      // A fleet run, killed once its first app is in the journal.
      const file = join(root, "two.json.verify-journal.jsonl");
      const child = spawn(
        process.execPath,
        [BIN, "batch", "--verify", ...OPTIONS, "--docker-host", main, "--docker-host", engine.host, "--report", "two.json", "."],
        {
          cwd: root,
          stdio: "ignore",
          env: { ...process.env, CI: "true" },
        },
      );
      for (let i = 0; i < 3000 && journal(file).length === 0; i++) await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      const finished = journal(file).map((e) => e.path);
      expect(finished.length).toBeGreaterThan(0);

      const two = batch(root, "two.json", [main, engine.host]);
      expect(two.status, two.stderr).toBe(0);
      expect(statuses(root, "two.json")).toEqual(statuses(root, "one.json"));
      for (const path of finished) expect(two.stderr).toContain(`${path.slice(root.length + 1)} (from the journal)`);
      const entries = journal(file);
      // Every app verified exactly once over both runs, except one the kill cut short.
      expect(new Set(entries.map((e) => e.path)).size).toBe(Object.keys(APPS).length);
      expect(entries.length).toBe(Object.keys(APPS).length);
      expect(new Set(entries.map((e) => e.endpoint))).toEqual(new Set([main, engine.host]));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
