import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { lockedProd, topLevelInstall } from "./node-project.js";

const pkg = { dependencies: { express: "^4.18.0" }, devDependencies: { debug: "4.3.4" } };

test("npm lockfiles v3 and v1 mark the packages only development installs", () => {
  const v3 = JSON.stringify({
    packages: { "": {}, "node_modules/debug": { dev: true }, "node_modules/ms": { dev: true }, "node_modules/express": {} },
  });
  const v1 = JSON.stringify({ dependencies: { debug: { dev: true }, ms: { dev: true }, express: {} } });
  for (const text of [v3, v1]) {
    const install = topLevelInstall("npm", text, pkg);
    expect(["ms", "express", "left-pad"].map((n) => install?.(n))).toEqual(["development", "production", "absent"]);
  }
});

test("yarn classic: production is what package.json's dependencies reach through the lockfile", () => {
  const lock = [
    "express@^4.18.0:",
    '  version "4.18.2"',
    "  dependencies:",
    '    "@types/qs" "^6.0.0"',
    '    ms "2.0.0"',
    "",
    '"@types/qs@^6.0.0":',
    '  version "6.9.0"',
    "",
    "ms@2.0.0, ms@2.1.2:",
    '  version "2.0.0"',
    "",
    "debug@4.3.4:",
    '  version "4.3.4"',
    "  dependencies:",
    '    supports-color "^7.0.0"',
    "",
    "supports-color@^7.0.0:",
    '  version "7.2.0"',
  ].join("\n");
  const install = topLevelInstall("yarn", lock, pkg);
  expect(["ms", "@types/qs", "supports-color", "left-pad"].map((n) => install?.(n))).toEqual([
    "production",
    "production",
    "development",
    "absent",
  ]);
});

test("pnpm lockfiles tell with `dev:` (v5, v6); v9 does not", () => {
  const v6 = ["packages:", "", "  /ms@2.1.2:", "    dev: true", "", "  /express@4.18.2:", "    dev: false", ""].join("\n");
  const install = topLevelInstall("pnpm", v6, pkg);
  expect(["ms", "express", "left-pad"].map((n) => install?.(n))).toEqual(["development", "production", "absent"]);
  expect(topLevelInstall("pnpm", "lockfileVersion: '9.0'\npackages:\n\n  ms@2.1.2:\n    resolution: {}\n", pkg)).toBeNull();
});

test("pnpm 9 (no `dev: true`): production is what the importers' dependencies reach through the snapshots", () => {
  // Written by `pnpm@9.15.9 install --lockfile-only` for its package.json beside it: debug, an alias of string-width
  // and an optional bufferutil in production; utf-8-validate (a native build), tree-kill, ts-node (peer suffix) dev.
  const lock = readFileSync(new URL("../../../test/apps/lockfiles/pnpm9/pnpm-lock.yaml", import.meta.url), "utf8");
  const locked = lockedProd("pnpm", lock) ?? [];
  expect(locked.map((p) => p.name).sort()).toEqual([
    "ansi-regex",
    "bufferutil",
    "debug",
    "emoji-regex",
    "is-fullwidth-code-point",
    "ms",
    "node-gyp-build",
    "string-width",
    "strip-ansi",
  ]);
  expect(locked.find((p) => p.name === "bufferutil")?.builds).toBe(true);
  // A dependency with no snapshot: the graph does not read whole, so every package counts, as before.
  const broken = lock.replace(/\n {2}ms@2\.1\.3: \{\}\n/, "\n");
  expect((lockedProd("pnpm", broken) ?? []).map((p) => p.name)).toContain("tree-kill");
});
