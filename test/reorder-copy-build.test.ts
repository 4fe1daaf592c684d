// Real BuildKit builds: a tiny npm app, built, then rebuilt after a source-only edit. With the original
// Dockerfile (`COPY . .` before `RUN npm ci`) the install runs again; with reorder-copy's output it is CACHED,
// and both images hold the same files in /app.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { TESTDATA } from "./support/golden.js";
import { DOCKER, dockerEnv, dockerSkipReason, prepareVariant } from "./support/docker-env.js";

const APP = join(TESTDATA, "reorder-copy", "npm-app-rebuilt-after-source-edit");
const env = dockerEnv;

const skipReason = dockerSkipReason();
if (skipReason) console.warn(`reorder-copy build test skipped: ${skipReason}`);

interface Build {
  readonly output: string;
  readonly seconds: number;
}

function build(dockerfile: string, context: string, tag: string): Build {
  const started = process.hrtime.bigint();
  const r = spawnSync(DOCKER!, ["build", "--progress=plain", "-f", dockerfile, "-t", tag, context], {
    env,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`docker build ${tag} failed:\n${output}`);
  return { output, seconds };
}

/** Was the step whose command starts with `command` CACHED in this `--progress=plain` log? */
export function stepCached(log: string, command: string): boolean {
  const step = log
    .split("\n")
    .map((line) => /^#(\d+) \[[^\]]*\] (.*)$/.exec(line))
    .find((m) => m?.[2].startsWith(command));
  if (!step) throw new Error(`no step \`${command}\` in the build log:\n${log}`);
  return new RegExp(`^#${step[1]} CACHED$`, "m").test(log);
}

describe("stepCached", () => {
  const log = "#5 [2/4] WORKDIR /app\n#5 CACHED\n\n#7 [4/4] RUN npm ci --omit=dev\n#7 0.512 added 1 package\n#7 DONE 1.2s\n";
  test("finds a CACHED step and a step that ran", () => {
    expect(stepCached(log, "WORKDIR /app")).toBe(true);
    expect(stepCached(log, "RUN npm ci")).toBe(false);
    expect(() => stepCached(log, "RUN yarn")).toThrow(/no step/);
  });
});

const tags: string[] = [];
afterAll(() => {
  if (tags.length > 0) spawnSync(DOCKER!, ["image", "rm", "-f", ...tags], { env });
});

describe.skipIf(skipReason !== null)("reorder-copy with BuildKit", () => {
  test("a source-only edit re-runs `npm ci` with the original Dockerfile and not with the optimized one", async () => {
    const work = mkdtempSync(join(tmpdir(), "msb-reorder-copy-"));
    try {
      const original = readFileSync(join(APP, "Dockerfile"), "utf8");
      const result = await optimize(original, { passes: ["reorder-copy"], context: fsContext(APP), syntaxDirective: "never" });
      expect(result.output).not.toBe(original);
      const variants = { original, optimized: result.output };
      const timings: Record<string, { cold: number; warm: number; cached: boolean }> = {};
      const trees: Record<string, string> = {};
      const edit = `// edited ${Date.now()}\n`;
      for (const [name, text] of Object.entries(variants)) {
        const { context, dockerfile } = prepareVariant(work, name, APP, text);
        const tag = `msb-reorder-copy-${name}-${process.pid}`;
        tags.push(tag);
        const cold = build(dockerfile, context, tag);
        // A source-only edit, unique to this run so that an earlier run's cache cannot hide the install.
        appendFileSync(join(context, "index.js"), edit);
        const warm = build(dockerfile, context, tag);
        timings[name] = { cold: cold.seconds, warm: warm.seconds, cached: stepCached(warm.output, "RUN npm ci") };
        const run = spawnSync(DOCKER!, ["run", "--rm", "--network=none", tag], { env, encoding: "utf8" });
        expect(run.stdout.trim(), `${name} image runs the app`).toBe("1m");
        const tree = spawnSync(
          DOCKER!,
          ["run", "--rm", "--network=none", "--entrypoint", "sh", tag, "-c", "cd /app && find . -type f -exec sha256sum {} + | sort -k2"],
          { env, encoding: "utf8" },
        );
        expect(tree.status, tree.stderr).toBe(0);
        trees[name] = tree.stdout;
      }
      console.log(
        "reorder-copy rebuild after a source edit (docker build --progress=plain):\n" +
          Object.entries(timings)
            .map(
              ([name, t]) =>
                `  ${name}: npm ci ${t.cached ? "CACHED" : "re-ran"}, warm rebuild ${t.warm.toFixed(2)} s (first build ${t.cold.toFixed(2)} s, may reuse an earlier run's cache)`,
            )
            .join("\n"),
      );
      expect(trees.optimized, "both images hold the same files in /app").toBe(trees.original);
      expect(trees.original).toContain("./node_modules/ms/index.js");
      expect(timings.original.cached, "the original Dockerfile re-runs the install").toBe(false);
      expect(timings.optimized.cached, "the optimized Dockerfile keeps the install cached").toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});
