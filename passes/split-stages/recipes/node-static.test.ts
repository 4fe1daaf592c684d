import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import type { NodeProject } from "../closure/node-project.js";
import { staticServer } from "./node-static.js";
import { npmWorkspaces, pnpmWorkspaceDirs } from "./node-workspaces.js";

const withCmd = (cmd: string, exec = true) =>
  ({
    stage: {
      body: [instruction("CMD", cmd, { line: 5, exec: exec ? (JSON.parse(cmd) as string[]) : null })],
    },
    workdir: "/app",
    projectInstalls: [],
  }) as unknown as Analysis;

describe("the static server a CMD runs", () => {
  test.each([
    ['["serve", "-s", "build", "-l", "3000"]', { server: "serve", dir: "/app/build", spa: true, port: 3000 }],
    ['["serve", "dist", "--listen", "tcp://0.0.0.0:5000"]', { server: "serve", dir: "/app/dist", spa: false, port: 5000 }],
    ['["npx", "serve", "-s", "out"]', { server: "serve", dir: "/app/out", spa: true, port: 3000 }],
    ['["http-server", "public", "-p", "9000"]', { server: "http-server", dir: "/app/public", spa: false, port: 9000 }],
    ['["vite", "preview", "--host", "--port", "8080"]', { server: "vite preview", dir: "/app/dist", spa: true, port: 8080 }],
  ])("%s", (cmd, expected) => {
    expect(staticServer(withCmd(cmd), memoryContext({}))).toMatchObject(expected);
  });

  test.each([
    ['["serve"]'], // serves the working folder: sources and all
    ['["serve", "-s", "build", "--ssl-cert", "c.pem"]'], // a flag without an nginx equivalent here
    ['["http-server", "public", "--cors"]'], // headers the nginx config does not write
    ['["serve", "-l", "$PORT", "build"]'],
    ['["node", "server.js"]'],
    ['["http-server"]'],
  ])("%s is not read", (cmd) => {
    expect(staticServer(withCmd(cmd), memoryContext({}))).toBeNull();
  });

  test("`npm start` and `npm run x` are followed to a script that is one server command", () => {
    const scripts = (s: Record<string, string>) => memoryContext({ "package.json": JSON.stringify({ scripts: s }) });
    const a = (cmd: string) => ({ ...withCmd(cmd), sources: new Map([["/app", "."]]) }) as unknown as Analysis;
    expect(staticServer(a('["npm", "start"]'), scripts({ start: "serve -s build -l 8080" }))).toMatchObject({
      dir: "/app/build",
      port: 8080,
    });
    expect(staticServer(a('["yarn", "preview"]'), scripts({ preview: "vite preview --port 8080" }))).toMatchObject({
      server: "vite preview",
    });
    // A pre script runs first; a script with a shell operator is not one command.
    expect(staticServer(a('["npm", "start"]'), scripts({ prestart: "node gen.js", start: "serve build" }))).toBeNull();
    expect(staticServer(a('["npm", "run", "serve"]'), scripts({ serve: "npm run build && serve build" }))).toBeNull();
    expect(staticServer(a('["npm", "start", "--", "-p", "1"]'), scripts({ start: "serve build" }))).toBeNull();
  });

  test("vite preview with a config file: its outDir may differ", () => {
    expect(staticServer(withCmd('["vite", "preview"]'), memoryContext({ "vite.config.ts": "export default {}" }))).toBeNull();
  });
});

describe("npm workspaces", () => {
  const project = (workspaces: unknown): NodeProject => ({
    dir: ".",
    pkg: { name: "root", workspaces },
    manager: "npm",
    lockfile: "package-lock.json",
    prodPackages: [],
  });
  const files = {
    "package-lock.json": "{}",
    "packages/a/package.json": '{"name":"a","devDependencies":{"typescript":"5"}}',
    "packages/b/package.json": '{"name":"b","dependencies":{"ms":"2"}}',
    "tools/c/package.json": '{"name":"c"}',
  };

  test("folder/* and literal folders resolve to the manifests, dependencies merged", () => {
    const ws = npmWorkspaces(project(["packages/*", "./tools/c"]), memoryContext(files), []);
    expect(ws?.ok && ws.dirs).toEqual(["packages/a", "packages/b", "tools/c"]);
    expect(ws?.ok && ws.project.pkg.devDependencies).toEqual({ typescript: "5" });
    expect(ws?.ok && ws.project.pkg.dependencies).toEqual({ ms: "2" });
  });

  test("an entry that runs a workspace's own script is named", () => {
    expect(npmWorkspaces(project(["packages/*"]), memoryContext(files), ["npm start -w @ws/app"])).toEqual({
      ok: false,
      script: "npm start -w @ws/app",
    });
    expect(npmWorkspaces(project(["packages/*"]), memoryContext(files), ["npm run --workspace=app start"])).toMatchObject({ ok: false });
  });

  test("a pattern it cannot resolve is named", () => {
    expect(npmWorkspaces(project({ packages: ["packages/**"] }), memoryContext(files), [])).toEqual({ ok: false, pattern: "packages/**" });
  });

  test("an install hook in a workspace, or a nested install, leaves it to the fallback", () => {
    const hook = { ...files, "packages/a/package.json": '{"name":"a","scripts":{"prepare":"tsc"}}' };
    expect(npmWorkspaces(project(["packages/*"]), memoryContext(hook), [])).toBeNull();
    const nested = { ...files, "package-lock.json": '{"packages":{"packages/a/node_modules/ms":{}}}' };
    expect(npmWorkspaces(project(["packages/*"]), memoryContext(nested), [])).toBeNull();
  });
});

describe("pnpm workspaces", () => {
  const pnpm: NodeProject = { dir: ".", pkg: { name: "root" }, manager: "pnpm", lockfile: "pnpm-lock.yaml", prodPackages: [] };
  const lock = (importers: string) => `lockfileVersion: '6.0'\n\nimporters:\n\n${importers}\npackages:\n\n  /ms@2.1.3:\n    dev: false\n`;

  test("the lockfile's importers other than the root are the workspace packages", () => {
    const ctx = memoryContext({
      "pnpm-lock.yaml": lock("  .:\n    dependencies: {}\n\n  packages/api:\n    dependencies: {}\n\n  'apps/web':\n    {}\n"),
    });
    expect(pnpmWorkspaceDirs(pnpm, ctx)).toEqual(["packages/api", "apps/web"]);
  });
  test("a pnpm-workspace.yaml with settings only, and a single importer, make no workspace", () => {
    const ctx = memoryContext({
      "pnpm-lock.yaml": lock("  .:\n    dependencies: {}\n"),
      "pnpm-workspace.yaml": "onlyBuiltDependencies:\n  - esbuild\n",
    });
    expect(pnpmWorkspaceDirs(pnpm, ctx)).toBeNull();
    expect(pnpmWorkspaceDirs(pnpm, memoryContext({ "pnpm-lock.yaml": "", "pnpm-workspace.yaml": "packages:\n  - 'a/*'\n" }))).toEqual([]);
    expect(pnpmWorkspaceDirs({ ...pnpm, manager: "npm" }, ctx)).toBeNull();
  });
});
