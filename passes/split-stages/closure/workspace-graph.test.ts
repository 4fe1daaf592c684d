import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { graphThroughWorkspaces, workspacePackages } from "./workspace-graph.js";

const files = {
  "package.json": JSON.stringify({ workspaces: ["packages/*"] }),
  "packages/api/package.json": JSON.stringify({ name: "@ws/api" }),
  "packages/api/server.js": 'require("@ws/shared");\nrequire("@ws/built");\n',
  "packages/shared/package.json": JSON.stringify({ name: "@ws/shared", exports: { ".": { require: "./lib/main.js" } } }),
  "packages/shared/lib/main.js": 'require("is-odd");\n',
  "packages/built/package.json": JSON.stringify({ name: "@ws/built", main: "dist/index.js" }),
};

test("workspace packages are found by name, and the graph goes on through their entry files", () => {
  const context = memoryContext(files);
  const workspaces = workspacePackages(context, ".");
  expect([...workspaces]).toEqual([
    ["@ws/api", "packages/api"],
    ["@ws/built", "packages/built"],
    ["@ws/shared", "packages/shared"],
  ]);
  const withoutBuilt = memoryContext({ ...files, "packages/api/server.js": 'require("@ws/shared");\n' });
  expect(graphThroughWorkspaces(withoutBuilt, "packages/api/server.js", ".", workspaces)).toMatchObject({
    ok: true,
    packages: new Map([
      ["@ws/shared", "packages/api/server.js"],
      ["is-odd", "packages/shared/lib/main.js"],
    ]),
  });
  // An entry the build writes (`dist/`) cannot be followed.
  expect(graphThroughWorkspaces(context, "packages/api/server.js", ".", workspaces)).toEqual({
    ok: false,
    reason: { kind: "workspaceEntry", file: "packages/built/package.json" },
  });
});

test("the package's own name loads its files through `exports`; a subpath it does not export cannot be followed", () => {
  const context = memoryContext({
    "package.json": JSON.stringify({
      name: "api",
      exports: { ".": "./server.js", "./lib/*": { types: "./types/*.d.ts", require: "./lib/*.js" } },
    }),
    "server.js": 'require("api/lib/db");\n',
    "lib/db.js": 'require("pg");\n',
    "other.js": 'require("api/missing");\n',
  });
  const own = { self: { name: "api", dir: "." }, folders: [], aliases: [], declared: new Set<string>() };
  expect(graphThroughWorkspaces(context, "server.js", ".", new Map(), own)).toMatchObject({
    ok: true,
    packages: new Map([["pg", "lib/db.js"]]),
  });
  expect(graphThroughWorkspaces(context, "other.js", ".", new Map(), own)).toEqual({
    ok: false,
    reason: { kind: "selfReference", file: "package.json" },
  });
});

test("a bare name under a NODE_PATH folder is the app's file, unless package.json declares a package of that name", () => {
  const context = memoryContext({
    "server.js": 'require("config");\nrequire("util/log");\n',
    "lib/config.js": 'require("dotenv");\n',
    "lib/util/log/index.js": 'require("pino");\n',
  });
  const own = { self: null, folders: ["lib"], aliases: [], declared: new Set<string>() };
  expect(graphThroughWorkspaces(context, "server.js", ".", new Map(), own)).toMatchObject({
    ok: true,
    packages: new Map([
      ["dotenv", "lib/config.js"],
      ["pino", "lib/util/log/index.js"],
    ]),
  });
  // node_modules comes before NODE_PATH.
  expect(graphThroughWorkspaces(context, "server.js", ".", new Map(), { ...own, declared: new Set(["config"]) })).toMatchObject({
    ok: true,
    packages: new Map([
      ["config", "server.js"],
      ["pino", "lib/util/log/index.js"],
    ]),
  });
});

test("tsconfig `paths` map a name to the app's files, before node_modules", () => {
  const context = memoryContext({
    "src/main.ts": 'import { db } from "@/db";\nimport "@nestjs/core";\n',
    "src/db/index.ts": 'import "pg";\n',
  });
  const own = { self: null, folders: [], aliases: [{ pattern: "@/*", targets: ["src/*"] }], declared: new Set(["@nestjs/core"]) };
  expect(graphThroughWorkspaces(context, "src/main.ts", ".", new Map(), own)).toMatchObject({
    ok: true,
    packages: new Map([
      ["@nestjs/core", "src/main.ts"],
      ["pg", "src/db/index.ts"],
    ]),
  });
});
