// The module graph on hand-made node_modules trees: what it follows, and where it counts a package whole.
import { describe, expect, test } from "vitest";
import { type FsEntry, ImageFs } from "./image-fs.js";
import { exportTargets, nodeReach, packageDir, reachStart } from "./node-reach.js";

const file = (text: string, mode = 0o644): FsEntry => ({
  type: "file",
  mode,
  uid: 0,
  gid: 0,
  size: text.length,
  link: null,
  data: Buffer.from(text),
});
const link = (to: string): FsEntry => ({ type: "symlink", mode: 0o777, uid: 0, gid: 0, size: 0, link: to, data: null });
const json = (value: unknown) => file(JSON.stringify(value));

function image(entries: Record<string, FsEntry>): ImageFs {
  const fs = new ImageFs();
  for (const [p, e] of Object.entries(entries)) fs.entries.set(p, e);
  return fs;
}
const from = (files: string[], modules: string[] = []) => ({ files, modules, workdir: "/app" });

describe("nodeReach", () => {
  test("follows require and import through main, exports conditions, subpaths and index files", () => {
    const fs = image({
      "/app/server.js": file('const a = require("a");\nimport b from "@s/b/feature";\nrequire("./lib");\n'),
      "/app/lib/index.js": file('export * from "../node_modules/c/util.js";\n'),
      "/app/node_modules/a/package.json": json({ main: "main" }),
      "/app/node_modules/a/main.js": file('require("fs");\nrequire("node:path");\n'),
      "/app/node_modules/a/unused.js": file('execSync("git status");\n'),
      "/app/node_modules/@s/b/package.json": json({
        exports: { ".": "./index.js", "./feature": { import: "./esm/f.mjs", require: "./cjs/f.js" } },
      }),
      "/app/node_modules/@s/b/esm/f.mjs": file(""),
      "/app/node_modules/@s/b/cjs/f.js": file(""),
      "/app/node_modules/@s/b/index.js": file(""),
      "/app/node_modules/c/util.js": file(""),
    });
    const reach = nodeReach(fs, from(["/app/server"]));
    const runs = (p: string) => reach.runs(p);
    expect(
      ["a/main.js", "a/unused.js", "@s/b/esm/f.mjs", "@s/b/cjs/f.js", "@s/b/index.js", "c/util.js"].map((p) =>
        runs(`/app/node_modules/${p}`),
      ),
    ).toEqual([true, false, true, true, false, true]);
  });

  test("a computed require, a worker or an unreadable file counts its package whole; others stay unreached", () => {
    const fs = image({
      "/app/node_modules/loader/index.js": file("module.exports = (name) => require(name);\n"),
      "/app/node_modules/loader/lib/run.js": file('spawn("ps");\n'),
      "/app/node_modules/pool/index.js": file('new Worker(__dirname + "/worker.js");\n'),
      "/app/node_modules/pool/worker.js": file(""),
      "/app/node_modules/big/index.js": { ...file(""), size: 5 << 20, data: null },
      "/app/node_modules/big/other.js": file(""),
      "/app/node_modules/quiet/index.js": file(""),
    });
    const reach = nodeReach(fs, from([], ["loader", "pool", "big"]));
    expect(reach.runs("/app/node_modules/loader/lib/run.js")).toBe(true);
    expect(reach.runs("/app/node_modules/pool/worker.js")).toBe(true);
    expect(reach.runs("/app/node_modules/big/other.js")).toBe(true);
    expect(reach.runs("/app/node_modules/quiet/index.js")).toBe(false);
  });

  test("a package whose entry does not resolve counts whole; an export Node refuses too", () => {
    const fs = image({
      "/app/a.js": file('require("broken");\nrequire("strict/hidden");\n'),
      "/app/node_modules/broken/package.json": json({ main: "dist/gone.js" }),
      "/app/node_modules/broken/src/tool.js": file(""),
      "/app/node_modules/strict/package.json": json({ exports: { ".": "./i.js" } }),
      "/app/node_modules/strict/hidden.js": file(""),
    });
    const reach = nodeReach(fs, from(["/app/a.js"]));
    expect(reach.runs("/app/node_modules/broken/src/tool.js")).toBe(true);
    expect(reach.runs("/app/node_modules/strict/hidden.js")).toBe(true);
  });

  test("bins: a .bin link, a pnpm shell shim into a linked package, a bin without an extension", () => {
    const fs = image({
      "/app/node_modules/.bin/serve": link("../serve/build/main.js"),
      "/app/node_modules/serve/build/main.js": file('import handler from "serve-handler";\n'),
      "/app/node_modules/serve-handler/package.json": json({ main: "src/index.js" }),
      "/app/node_modules/serve-handler/src/index.js": file(""),
      "/app/node_modules/.bin/next": file(
        '#!/bin/sh\nbasedir=$(dirname "$0")\nexec "$basedir/node" "$basedir/../next/dist/bin/next" "$@"\n',
        0o755,
      ),
      "/app/node_modules/next": link(".pnpm/next@14/node_modules/next"),
      "/app/node_modules/.pnpm/next@14/node_modules/next/dist/bin/next": file('#!/usr/bin/env node\nrequire("../server/start");\n', 0o755),
      "/app/node_modules/.pnpm/next@14/node_modules/next/dist/server/start.js": file(""),
      "/app/node_modules/.pnpm/next@14/node_modules/next/dist/cli/other.js": file(""),
    });
    const reach = nodeReach(fs, reachStart(["serve -s build", "next start"], "/app", []));
    expect(reach.runs("/app/node_modules/serve-handler/src/index.js")).toBe(true);
    expect(reach.runs("/app/node_modules/.pnpm/next@14/node_modules/next/dist/server/start.js")).toBe(true);
    expect(reach.runs("/app/node_modules/.pnpm/next@14/node_modules/next/dist/cli/other.js")).toBe(false);
  });

  test("preloaded modules and a shell script's commands start the graph", () => {
    const fs = image({
      "/app/start.sh": file("#!/usr/bin/env bash\nnode_modules/.bin/migrate up && exec node dist/main.js\n", 0o755),
      "/app/node_modules/.bin/migrate": link("../migrate/cli.js"),
      "/app/node_modules/migrate/cli.js": file(""),
      "/app/node_modules/dotenv/package.json": json({ exports: { "./config": "./config.js" } }),
      "/app/node_modules/dotenv/config.js": file(""),
    });
    const reach = nodeReach(fs, reachStart(["node -r dotenv/config server.js", "./start.sh"], "/app", []));
    expect(reach.runs("/app/node_modules/migrate/cli.js")).toBe(true);
    expect(reach.runs("/app/node_modules/dotenv/config.js")).toBe(true);
  });

  test("an exports `types` target (a .d.ts, never kept) does not count its package whole", () => {
    const fs = image({
      "/app/a.js": file('require("typed");\n'),
      "/app/node_modules/typed/package.json": json({ exports: { ".": { types: "./index.d.ts", default: "./index.js" } } }),
      "/app/node_modules/typed/index.d.ts": { ...file(""), size: 10, data: null },
      "/app/node_modules/typed/index.js": file(""),
      "/app/node_modules/typed/cli.js": file(""),
    });
    expect(nodeReach(fs, from(["/app/a.js"])).runs("/app/node_modules/typed/cli.js")).toBe(false);
  });

  test('what hides the package a file belongs to or loads: a .bin copy, eval("require"), NODE_PATH', () => {
    const copy = image({ "/app/node_modules/.bin/tool": file('#!/usr/bin/env node\nrequire("../lib/cli");\n', 0o755) });
    expect(nodeReach(copy, reachStart(["tool"], "/app", [])).runs("/app/node_modules/other/x.js")).toBe(true);
    const hidden = image({
      "/app/node_modules/wrapper/index.js": file('const req = eval("require");\n'),
      "/app/node_modules/wrapper/lib/spawns.js": file(""),
    });
    expect(nodeReach(hidden, from([], ["wrapper"])).runs("/app/node_modules/wrapper/lib/spawns.js")).toBe(true);
    const shared = image({ "/app/server.js": file('require("shared");\n'), "/deps/node_modules/shared/index.js": file("") });
    const reach = nodeReach(shared, { ...from(["/app/server.js"]), nodePath: ["/deps/node_modules"] });
    expect(reach.runs("/deps/node_modules/shared/index.js")).toBe(true);
  });
});

describe("nodeReach into the app's own files", () => {
  const dispatcher = {
    "/app/node_modules/.bin/tool": link("../tool/bin/tool.js"),
    "/app/node_modules/tool/bin/tool.js": file(
      "spawn.sync(process.execPath, [require.resolve('../scripts/' + script)].concat(args));\n",
      0o755,
    ),
    "/app/node_modules/tool/scripts/start.js": file('require("./shared");\n'),
    "/app/node_modules/tool/scripts/shared.js": file(""),
    "/app/node_modules/tool/scripts/eject.js": file(""),
  };

  test("a bin that runs `'../scripts/' + script` runs the script its command names, and what that loads", () => {
    const reach = nodeReach(image(dispatcher), reachStart(["tool start"], "/app", []));
    const runs = ["start", "shared", "eject"].map((s) => reach.runs(`/app/node_modules/tool/scripts/${s}.js`));
    expect(runs).toEqual([true, true, false]);
    expect(reach.lostAt("/app/node_modules/tool/scripts/start.js")).toBeNull();
  });

  test("without a word naming a script, the package counts whole and says where the walk lost the thread", () => {
    const reach = nodeReach(image(dispatcher), reachStart(["tool --version"], "/app", []));
    expect(reach.runs("/app/node_modules/tool/scripts/eject.js")).toBe(true);
    expect(reach.lostAt("/app/node_modules/tool/scripts/eject.js")).toBe("/app/node_modules/tool/bin/tool.js");
  });

  test("the app's files run only when the entry loads them, until a load the text does not name", () => {
    const app = {
      "/app/server.js": file('require("./routes");\n'),
      "/app/routes.js": file(""),
      "/app/config/webpack.js": file('require("webpack");\n'),
    };
    const known = nodeReach(image(app), { ...from(["/app/server.js"]), appFiles: Object.keys(app) });
    expect([known.runs("/app/routes.js"), known.runs("/app/config/webpack.js")]).toEqual([true, false]);
    const computed = { ...app, "/app/routes.js": file("require(process.env.PLUGIN);\n") };
    const lost = nodeReach(image(computed), { ...from(["/app/server.js"]), appFiles: Object.keys(app) });
    expect([lost.runs("/app/config/webpack.js"), lost.lostAt("/app/config/webpack.js"), lost.lostAt("/app/routes.js")]).toEqual([
      true,
      "/app/routes.js",
      null,
    ]);
  });
});

describe("exportTargets and packageDir", () => {
  test("exports: sugar, conditions, patterns and folders; null when not exported", () => {
    expect(exportTargets("./i.js", ".")).toEqual(["./i.js"]);
    expect(exportTargets({ require: "./c.js", import: "./m.mjs" }, ".")).toEqual(["./c.js", "./m.mjs"]);
    expect(exportTargets({ "./utils/*": { default: "./lib/*.js" } }, "./utils/a")).toEqual(["./lib/a.js"]);
    expect(exportTargets({ "./dist/": "./dist/" }, "./dist/x.js")).toEqual(["./dist/x.js"]);
    expect(exportTargets({ ".": "./i.js", "./private": null }, "./private")).toBeNull();
    expect(exportTargets({ ".": "./i.js" }, "./other")).toBeNull();
  });

  test("packageDir: scoped, nested and pnpm paths", () => {
    expect(packageDir("/app/node_modules/@s/b/lib/x.js")).toBe("/app/node_modules/@s/b");
    expect(packageDir("/app/node_modules/a/node_modules/b/x.js")).toBe("/app/node_modules/a/node_modules/b");
    expect(packageDir("/app/node_modules/.pnpm/a@1/node_modules/a/x.js")).toBe("/app/node_modules/.pnpm/a@1/node_modules/a");
    expect(packageDir("/app/server.js")).toBeNull();
  });
});
