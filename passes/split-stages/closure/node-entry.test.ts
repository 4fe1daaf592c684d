import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { devDependencyUse } from "./node-entry.js";
import { nodeProject } from "./node-project.js";

beforeAll(() => loadShell());

/** devDependencyUse for a project whose `start` script is `start` and whose only devDependency is `devDep`. */
function use(cmd: string, start: string, devDep = "@types/node", files: Record<string, string> = {}) {
  const pkg = { name: "app", scripts: { start }, dependencies: { express: "4.21.0" }, devDependencies: { [devDep]: "1.0.0" } };
  const all = { "package.json": JSON.stringify(pkg), "server.js": 'require("express");\n', "src/app.ts": "process.exit(0);\n", ...files };
  const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ${cmd}\n`);
  const context = memoryContext(all);
  const r = analyze(dockerfile, dockerfile.stages[0], context, "/");
  if (!r.ok) throw new Error(r.refusal.id);
  const project = nodeProject(r.analysis, context);
  if (!project) throw new Error("no project");
  return devDependencyUse(r.analysis, project, context);
}

describe("devDependencyUse: runners whose config is not followed", () => {
  test("a plain node entry whose graph loads no devDependency prunes them", () => {
    expect(use("npm start", "node server.js")).toEqual({ keep: false });
  });
  // w3tecch/express-typescript-boilerplate: `npm start serve` → nps → nodemon (nodemon.json: ts-node) needed @types/node.
  test.each([
    ["npm start serve", "nps", "the entry runs `nps`, a task runner whose tasks"],
    ["npm start", "nodemon --watch src", "`nodemon --watch src` runs `nodemon`, a watcher whose config"],
    ["npm start", "concurrently 'node server.js' 'node worker.js'", "runs `concurrently`, a runner of several commands"],
    ["npm start", "gulp serve", "runs `gulp`, a task runner"],
    ["npm start", "tsx src/app.ts", "runs `tsx`, a loader that compiles the sources"],
  ])("%s (start: %s) keeps them", (cmd, start, reason) => {
    expect(use(cmd, start, "is-number")).toEqual({ keep: true, reason: expect.stringContaining(reason) });
  });
  test("ts-node type-checks against the devDependencies' types", () => {
    expect(use("npm start", "ts-node src/app.ts")).toEqual({
      keep: true,
      reason: "`ts-node src/app.ts` runs `ts-node`, which type-checks the sources against the types of the devDependencies",
    });
  });
});

describe("devDependencyUse: files of node_modules read by path", () => {
  const server = (code: string) => ({ "server.js": `const express = require("express");\n${code}\n` });
  test.each([
    ["app.use(express.static(__dirname + '/node_modules/bootstrap/dist/css'));", "reads `node_modules/bootstrap` by path"],
    ["app.use(express.static('node_modules/bootstrap/dist/css'));", "reads `node_modules/bootstrap` by path"],
    ['app.use(express.static(path.join(__dirname, "node_modules/bootstrap")));', "reads `node_modules/bootstrap` by path"],
    ["app.use('/lib', express.static(path.resolve('node_modules')));", "names the folder `node_modules`"],
    ["app.use('/lib', express.static(__dirname + '/node_modules/'));", "names the folder `node_modules`"],
  ])("%s keeps them", (code, reason) => {
    expect(use("npm start", "node server.js", "bootstrap", server(code))).toEqual({
      keep: true,
      reason: expect.stringContaining(reason),
    });
  });
  test("another package's folder, or a glob over every node_modules, is no read of a devDependency", () => {
    expect(
      use("npm start", "node server.js", "bootstrap", server("app.use(express.static('node_modules/bootstrap-icons/font'));")),
    ).toEqual({
      keep: false,
    });
    expect(use("npm start", "node server.js", "bootstrap", server("const ignored = ['**/node_modules/**'];"))).toEqual({ keep: false });
  });
});
