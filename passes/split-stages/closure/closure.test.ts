import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { packageOf } from "../../../src/core/module-specifiers.js";
import { importGraph } from "./imports.js";
import { eolDebian, osNeeds } from "./native.js";
import { lockedProd } from "./node-project.js";

describe("importGraph", () => {
  test("a relative path into node_modules (an editor's auto-import) is that package", () => {
    const context = memoryContext({
      "src/main.ts": "import { X } from '../node_modules/@redis/json/dist/commands/ARRINDEX.d';\nexport const y = 1;\n",
    });
    expect(importGraph(context, "src/main.ts")).toMatchObject({ ok: true, packages: new Map([["@redis/json", "src/main.ts"]]) });
  });

  test("a JSON file the build writes is data, not a gap; a missing module still is", () => {
    const context = memoryContext({ "server.js": 'const info = require("./generated/info.json");\nrequire("ms");\n' });
    expect(importGraph(context, "server.js")).toMatchObject({ ok: true, packages: new Map([["ms", "server.js"]]) });
    const gap = memoryContext({ "server.js": 'require("./generated/routes");\n' });
    expect(importGraph(gap, "server.js")).toEqual({ ok: false, reason: { kind: "missing", file: "generated/routes" } });
  });

  test("a TypeScript import of a declaration file (`../types` → types.d.ts) loads nothing; from JavaScript it is still a gap", () => {
    // samvvw/shelff-server: "`shelff-types` loads a file the context does not hold".
    const files = {
      "types.d.ts": "export interface User { id: string }\n",
      "src/users.ts": 'import { User } from "../types";\nimport "ms";\n',
    };
    expect(importGraph(memoryContext(files), "src/users.ts")).toMatchObject({ ok: true, files: ["src/users.ts"] });
    const js = memoryContext({ ...files, "src/users.js": 'require("../types");\n' });
    expect(importGraph(js, "src/users.js")).toEqual({ ok: false, reason: { kind: "missing", file: "types" } });
  });

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
  test("a require made by createRequire under another name is read as require (red team 15 F17); `--require` in a string is none", () => {
    const esm = 'import { createRequire } from "node:module";\nconst load = createRequire(import.meta.url);\n';
    expect(importGraph(memoryContext({ "i.mjs": `${esm}for (const n of names) load(n);\n` }), "i.mjs")).toEqual({
      ok: false,
      reason: { kind: "computed", file: "i.mjs" },
    });
    const literal = importGraph(memoryContext({ "i.mjs": `${esm}const ms = load("ms");\n` }), "i.mjs");
    expect(literal.ok && [...literal.packages.keys()]).toEqual(["ms"]);
    const options = importGraph(
      memoryContext({ "e.js": "module.exports = { apps: [{ node_args: '--require dotenv/config' }] };\n" }),
      "e.js",
    );
    expect(options.ok).toBe(true);
  });
  test("the word require in a string's prose is no computed require; require as a value after a keyword is", () => {
    for (const code of ["const m = 'fields you require here';\n", 'const m = "what you require, and more";\n'])
      expect(importGraph(memoryContext({ "i.js": code }), "i.js").ok).toBe(true);
    for (const code of ["export default require;\n", "fn(x, require)\n", "return require\n"])
      expect(importGraph(memoryContext({ "i.js": code }), "i.js")).toEqual({ ok: false, reason: { kind: "computed", file: "i.js" } });
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
  test("a command loader over readdirSync of one of the app's folders follows every file there", () => {
    const loader = [
      'import path from "node:path";',
      'import fs from "node:fs";',
      'const commandsPath = path.join(__dirname, "commands");',
      "const files = fs.readdirSync(commandsPath).filter((f) => f.endsWith('.ts') || f.endsWith('.js'));",
      "for (const file of files) {",
      "  const command = require(path.join(commandsPath, file)).default;",
      "}",
    ].join("\n");
    const files = {
      "src/index.ts": loader,
      "src/commands/ping.ts": 'import ms from "ms";\n',
      "src/commands/admin/x.js": 'require("chalk");\n',
    };
    const graph = importGraph(memoryContext(files), "src/index.ts");
    expect(graph).toMatchObject({
      ok: true,
      packages: new Map([
        ["ms", "src/commands/ping.ts"],
        ["chalk", "src/commands/admin/x.js"],
      ]),
    });
    const each = 'fs.readdirSync(path.join(__dirname, "events")).forEach((name) => require(path.join(__dirname, "events", name)));\n';
    expect(importGraph(memoryContext({ "i.js": each, "events/a.js": "require('ms')\n" }), "i.js")).toMatchObject({ ok: true });
    const computed = { ok: false, reason: { kind: "computed", file: "src/index.ts" } };
    // The folder the build makes (nothing there in the context), a name not from that listing, another folder listed,
    // a folder bound to a variable assigned again: computed.
    expect(importGraph(memoryContext({ "src/index.ts": loader }), "src/index.ts")).toEqual(computed);
    const other = (code: string) => importGraph(memoryContext({ ...files, "src/index.ts": code }), "src/index.ts");
    expect(other(loader.replace("for (const file of files)", "for (const file of process.argv)"))).toEqual(computed);
    expect(other(loader.replace("fs.readdirSync(commandsPath)", "fs.readdirSync(elsewhere)"))).toEqual(computed);
    expect(other(loader.replace("const commandsPath", "let commandsPath").concat("\ncommandsPath = '/x';"))).toEqual(computed);
    expect(other(loader.replace('path.join(__dirname, "commands")', "path.join(process.cwd(), 'commands')"))).toEqual(computed);
  });
  test("a worker or forked file is followed from the working folder; a computed one stops the walk", () => {
    const files = {
      "app/server.js": 'const { Worker } = require("node:worker_threads");\nnew Worker("./jobs/v.js");\nfork("./child");\n',
      "app/jobs/v.js": 'require("is-number");\n',
      "app/child.js": 'import("ms");\ncluster.fork();\n',
      "app/esm.mjs": 'new Worker(new URL("./jobs/v.js", import.meta.url));\n',
      "app/dyn.js": 'new Worker(path.join(__dirname, "jobs", "v.js"));\n',
      "app/spawn.js": "spawn(process.execPath, [script]);\n",
    };
    const context = memoryContext(files);
    expect(importGraph(context, "app/server.js", "app")).toMatchObject({
      ok: true,
      packages: new Map([
        ["is-number", "app/jobs/v.js"],
        ["ms", "app/child.js"],
      ]),
    });
    expect(importGraph(context, "app/esm.mjs", "app")).toMatchObject({ ok: true, packages: new Map([["is-number", "app/jobs/v.js"]]) });
    expect(importGraph(context, "app/dyn.js", "app")).toEqual({ ok: false, reason: { kind: "launched", file: "app/dyn.js" } });
    expect(importGraph(context, "app/spawn.js", "app")).toEqual({ ok: false, reason: { kind: "launched", file: "app/spawn.js" } });
  });
  test("require.resolve of a package's file uses the package; a subpath import or a computed resolve stops the walk", () => {
    const context = memoryContext({
      "a.js": 'const p = require.resolve("is-number/package.json");\n',
      "b.js": 'import util from "#util";\n',
      "c.js": "require.resolve(name);\n",
    });
    expect(importGraph(context, "a.js")).toMatchObject({ ok: true, packages: new Map([["is-number", "a.js"]]) });
    expect(importGraph(context, "b.js")).toEqual({ ok: false, reason: { kind: "subpath", file: "b.js" } });
    expect(importGraph(context, "c.js")).toEqual({ ok: false, reason: { kind: "computed", file: "c.js" } });
  });
  test("a stylesheet's `@import` in a string loads no module", () => {
    const context = memoryContext({ "next.config.js": 'module.exports = { sass: { prependData: `@import "colors.scss";` } };\n' });
    expect(importGraph(context, "next.config.js")).toMatchObject({ ok: true, packages: new Map() });
  });
  test("packageOf", () => {
    expect(["./x", "node:fs", "a/b", "@s/p/q"].map(packageOf)).toEqual([null, null, "a", "@s/p"]);
  });
});

describe("osNeeds", () => {
  test("sqlite3 bundles SQLite unless the npm config `sqlite` links the system's (red team 21 F7)", () => {
    const debian = (config: string[]) => {
      const r = osNeeds([{ name: "sqlite3", builds: true }], new Set(), false, new Set(), new Set(config));
      return r.ok ? r.needs.flatMap((n) => n.debian) : r.id;
    };
    expect(debian([])).toEqual([]);
    expect(debian(["build_from_source"])).toEqual([]);
    expect(debian(["build_from_source", "sqlite"])).toEqual(["libsqlite3-0"]);
  });
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
  test("a package whose build the lockfile does not record, or that the table does not know, is unknown only on another image", () => {
    const pkgs = [{ name: "@google-cloud/firestore", builds: null }];
    expect(osNeeds(pkgs)).toEqual({ ok: false, pkg: "@google-cloud/firestore", id: "nativeOptionalUnknown" });
    expect(osNeeds(pkgs, new Set(), true)).toMatchObject({ ok: true, needs: [] });
    expect(osNeeds([{ name: "x", builds: true }])).toEqual({ ok: false, pkg: "x", id: "nativeUnknown" });
    expect(osNeeds([{ name: "x", builds: true }], new Set(), true)).toMatchObject({ ok: true, needs: [] });
  });

  test("dependencies that spawn a program of the OS by default bring its Debian package", () => {
    const pkgs = ["python-shell", "systeminformation", "ps-list", "ps-node", "node-os-utils", "youtube-dl-exec", "yt-dlp-wrap"];
    const r = osNeeds(pkgs.map((name) => ({ name, builds: false })));
    expect(r.ok && r.needs.map((n) => [n.pkg, n.debian, n.program])).toEqual([
      ["python-shell", ["python3"], true],
      ["systeminformation", ["procps"], true],
      ["ps-list", ["procps"], true],
      ["ps-node", ["procps"], true],
      ["node-os-utils", ["procps"], true],
      ["youtube-dl-exec", ["python3"], true],
      ["yt-dlp-wrap", ["python3"], true],
    ]);
  });

  test("install scripts that only print, report or fetch a prebuilt program need nothing", () => {
    const pkgs = ["styled-components", "@scarf/scarf", "node", "ejs"].map((name) => ({ name, builds: true }));
    expect(osNeeds(pkgs)).toMatchObject({ ok: true });
  });
});

describe("a yarn.lock, which records no install scripts", () => {
  test("marks a package as building when it depends on a native build helper (nan, node-addon-api, bindings…)", () => {
    const lock = [
      "# yarn lockfile v1",
      "",
      '"@scope/fast@^1.0.0", "@scope/fast@^1.1.0":',
      '  version "1.1.0"',
      "  dependencies:",
      '    node-gyp-build "^4.8.0"',
      "",
      "express@4.21.2:",
      '  version "4.21.2"',
      "  dependencies:",
      '    accepts "~1.3.8"',
      "",
      "libpq@^1.8.13:",
      '  version "1.8.13"',
      "  dependencies:",
      '    bindings "1.5.0"',
      '    nan "~2.22.2"',
      "",
      "nan@~2.22.2:",
      '  version "2.22.2"',
      "",
    ].join("\n");
    const locked = lockedProd("yarn", lock) ?? [];
    expect(locked.filter((p) => p.builds).map((p) => p.name)).toEqual(["@scope/fast", "libpq"]);
    expect(locked.map((p) => p.name)).toContain("nan");
    // libpq is in the table; an unknown addon leaves the split undone.
    expect(osNeeds(locked.filter((p) => p.name !== "@scope/fast"))).toMatchObject({ ok: true });
    expect(osNeeds(locked)).toMatchObject({ ok: false, pkg: "@scope/fast", id: "nativeUnknown" });
  });
});

test("yarn and pnpm lockfiles: a package that runs node-gyp for others (npm-lifecycle) builds nothing; one that compiles with it does", () => {
  const yarn = [
    "npm-lifecycle@^3.1.5:",
    '  version "3.1.5"',
    "  dependencies:",
    '    node-gyp "^5.0.2"',
    "",
    "sqlite3@^5.1.7:",
    '  version "5.1.7"',
    "  dependencies:",
    '    node-gyp "8.x"',
    "",
  ].join("\n");
  expect((lockedProd("yarn", yarn) ?? []).filter((p) => p.builds).map((p) => p.name)).toEqual(["sqlite3"]);
  const pnpm = [
    "lockfileVersion: '9.0'",
    "",
    "snapshots:",
    "  '@npmcli/run-script@9.0.2':",
    "    dependencies:",
    "      node-gyp: 11.0.0",
    "",
  ].join("\n");
  expect(lockedProd("pnpm", pnpm)).toEqual([{ name: "@npmcli/run-script", builds: false }]);
});

describe("a pnpm 9 lockfile, which records no builds", () => {
  test("marks a package as building when its snapshot depends on a native build helper", () => {
    const lock = [
      "lockfileVersion: '9.0'",
      "",
      "importers:",
      "  .:",
      "    dependencies:",
      "      bcrypt:",
      "        specifier: 5.1.1",
      "        version: 5.1.1",
      "",
      "packages:",
      "  bcrypt@5.1.1:",
      "    resolution: {integrity: sha512-x}",
      "    engines: {node: '>= 10.0.0'}",
      "",
      "  left-pad@1.3.0:",
      "    resolution: {integrity: sha512-y}",
      "",
      "snapshots:",
      "  bcrypt@5.1.1:",
      "    dependencies:",
      "      '@mapbox/node-pre-gyp': 1.0.11",
      "      node-addon-api: 5.1.0",
      "",
      "  left-pad@1.3.0: {}",
      "",
    ].join("\n");
    const locked = lockedProd("pnpm", lock) ?? [];
    expect(locked.find((p) => p.name === "bcrypt")?.builds).toBe(true);
    expect(locked.find((p) => p.name === "left-pad")?.builds).toBe(false);
  });
});

test("an end-of-life Debian release in a tag, whose packages deb.debian.org no longer serves (survey 12 B1)", () => {
  expect(["20-buster", "20-buster-slim", "10-stretch", "8-jessie-slim"].map(eolDebian)).toEqual(["buster", "buster", "stretch", "jessie"]);
  expect(["20-bookworm-slim", "20-bullseye", "20-slim", "20", null].map(eolDebian)).toEqual([null, null, null, null, null]);
});
