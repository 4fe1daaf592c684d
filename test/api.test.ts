// The library API as users load it: from a plain ESM script and from CommonJS `require`, through the
// package's own `exports` (a symlinked node_modules/msb-opt), against the built bundle.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

const NAIVE = "FROM debian:bookworm\\nRUN apt-get update\\nRUN apt-get install -y curl\\n";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-api-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "msb-opt"));
  return dir;
}

describe("library API", () => {
  test("typed declarations ship with the package", () => {
    expect(existsSync(join(ROOT, "dist/types/src/index.d.ts"))).toBe(true);
  });

  test("import { optimize } from an ESM script", () => {
    const dir = project();
    writeFileSync(
      join(dir, "use.mjs"),
      `import { optimize, PASSES } from "msb-opt";\nconst r = await optimize("${NAIVE}", { offline: true });\nconsole.log(JSON.stringify({ passes: PASSES.length, changes: r.changes.length, merged: r.output.includes("&& apt-get install") }));\n`,
    );
    const r = spawnSync(process.execPath, ["use.mjs"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.passes).toBeGreaterThan(0);
    expect(out.changes).toBeGreaterThan(0);
    expect(out.merged).toBe(true);
  });

  test("require('msb-opt') from CommonJS (Node >= 20.19 loads the ESM build)", () => {
    const dir = project();
    writeFileSync(
      join(dir, "use.cjs"),
      `const { optimize } = require("msb-opt");\noptimize("${NAIVE}", { offline: true }).then((r) => console.log(r.diff.slice(0, 16)));\n`,
    );
    const r = spawnSync(process.execPath, ["use.cjs"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("--- a/Dockerfile\n");
  });
});
