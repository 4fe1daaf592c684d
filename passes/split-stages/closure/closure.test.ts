import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { importGraph, packageOf } from "./imports.js";
import { osNeeds } from "./native.js";

describe("importGraph", () => {
  test("follows relative requires and imports, collecting packages with the file that loads them", () => {
    const context = memoryContext({
      "index.js": 'const a = require("./lib/a");\nimport b from "@scope/b/sub";\n// require("commented")\n',
      "lib/a.js": 'export * from "./c.js";\nrequire("node:fs");\n',
      "lib/c.ts": 'import { X } from "koa";\n',
    });
    const g = importGraph(context, "index.js");
    expect(g.ok && [...g.packages]).toEqual([
      ["@scope/b", "index.js"],
      ["koa", "lib/c.ts"],
    ]);
  });
  test("TypeScript's type-only imports and exports load nothing; a default import named `type` does", () => {
    const context = memoryContext({
      "index.ts":
        'import type { Context } from "koa";\nimport type Router from "@koa/router";\nexport type * from "zod";\nexport type { X } from "./types";\nimport type from "left-pad";\nimport { type A, b } from "ms";\n',
      "plain.js": 'import type from "chalk";\n',
    });
    const g = importGraph(context, "index.ts");
    expect(g.ok && [...g.packages.keys()]).toEqual(["left-pad", "ms"]);
  });
  test("a computed require or a missing file stops the walk", () => {
    expect(importGraph(memoryContext({ "i.js": "require(name)\n" }), "i.js")).toEqual({
      ok: false,
      reason: { kind: "computed", file: "i.js" },
    });
    expect(importGraph(memoryContext({ "i.js": 'require("./gone")\n' }), "i.js")).toEqual({
      ok: false,
      reason: { kind: "missing", file: "gone" },
    });
  });
  test("packageOf", () => {
    expect(["./x", "node:fs", "a/b", "@s/p/q"].map(packageOf)).toEqual([null, null, "a", "@s/p"]);
  });
});

describe("osNeeds", () => {
  test("known packages bring their Debian packages; an unknown one that builds is named", () => {
    const r = osNeeds([
      { name: "libpq", builds: true },
      { name: "simple-git", builds: false },
      { name: "left-pad", builds: false },
    ]);
    expect(r.ok && r.needs.map((n) => [n.pkg, n.debian])).toEqual([
      ["libpq", ["libpq5"]],
      ["simple-git", ["git"]],
    ]);
    expect(osNeeds([{ name: "node-expat", builds: true }])).toEqual({ ok: false, pkg: "node-expat", id: "nativeUnknown" });
  });
  test("a package whose build the lockfile does not record is unknown only on another image", () => {
    const pkgs = [{ name: "@google-cloud/firestore", builds: null }];
    expect(osNeeds(pkgs)).toEqual({ ok: false, pkg: "@google-cloud/firestore", id: "nativeOptionalUnknown" });
    expect(osNeeds(pkgs, new Set(), true)).toEqual({ ok: true, needs: [] });
    expect(osNeeds([{ name: "x", builds: true }], new Set(), true)).toEqual({ ok: false, pkg: "x", id: "nativeUnknown" });
  });
});
