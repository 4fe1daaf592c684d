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
