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
  const pkg = { scripts: { start }, dependencies: { express: "4.21.0" }, devDependencies: { [devDep]: "1.0.0" } };
  return useOf(pkg, { "src/app.ts": "process.exit(0);\n", ...files }, `RUN npm ci\nCMD ${cmd}\n`);
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
  test("a devDependency named as a subpath or a preload option's value (red team 21 F3)", () => {
    for (const code of [
      'require("child_process").fork("jobs/report.ts", [], { execArgv: ["-r", "ts-node/register/transpile-only"] });',
      'require("child_process").fork("jobs/report.ts", [], { execArgv: ["--require=ts-node/register"] });',
      "module.register('ts-node/esm', pathToFileURL('./'));",
    ])
      expect(use("npm start", "node server.js", "ts-node", { ...server(code), "jobs/report.ts": "export {};\n" })).toEqual({
        keep: true,
        reason: "`server.js` names the devDependency `ts-node`, which a package may load by that name",
      });
    // Another package whose name starts the same is no mention.
    expect(use("npm start", "node server.js", "ts-node", server('const x = "ts-node-dev/x";'))).toEqual({ keep: false });
  });
  test("a program of node_modules/.bin run by path in code (red team 21 F5)", () => {
    expect(
      use("npm start", "node server.js", "typescript", server('require("child_process").execSync("./node_modules/.bin/tsc --version");')),
    ).toEqual({
      keep: true,
      reason: "`server.js` runs `node_modules/.bin/tsc`, a program of the devDependency `typescript`",
    });
    expect(
      use(
        "npm start",
        "node server.js",
        "typescript",
        server('require("child_process").execSync("node_modules/.bin/knex migrate:latest");'),
      ),
    ).toEqual({
      keep: true,
      reason: "`server.js` runs `node_modules/.bin/knex`, a program the lockfile gives no package for",
    });
  });
  test("another package's folder, or a glob over every node_modules, is no read of a devDependency", () => {
    expect(
      use("npm start", "node server.js", "bootstrap", server("app.use(express.static('node_modules/bootstrap-icons/font'));")),
    ).toEqual({
      keep: true,
      libraries: true,
      reason: expect.stringContaining("the devDependency `bootstrap` is a library"),
    });
    // bootstrap is a library, kept by the role rule instead (a production package may load it by name).
    expect(use("npm start", "node server.js", "bootstrap", server("const ignored = ['**/node_modules/**'];"))).toEqual({
      keep: true,
      libraries: true,
      reason: expect.stringContaining("the devDependency `bootstrap` is a library"),
    });
  });
});

/** devDependencyUse for a project of `pkg` (package.json fields) and `files`, with the Dockerfile's lines after `COPY . .`. */
function useOf(
  pkg: Record<string, unknown>,
  files: Record<string, string>,
  tail = "RUN npm ci\nCMD npm start\n",
  head = "",
  buildOnly: readonly string[] = [],
) {
  const all = { "package.json": JSON.stringify({ name: "app", ...pkg }), "server.js": 'require("express");\n', ...files };
  const { dockerfile } = parseDockerfile(`FROM node:20\n${head}WORKDIR /app\nCOPY . .\n${tail}`);
  const context = memoryContext(all);
  const r = analyze(dockerfile, dockerfile.stages[0], context, "/");
  if (!r.ok) throw new Error(r.refusal.id);
  const project = nodeProject(r.analysis, context);
  if (!project) throw new Error("no project");
  return devDependencyUse(r.analysis, project, context, buildOnly);
}

describe("devDependencyUse: devDependencies by role (red team 15)", () => {
  const start = { scripts: { start: "node server.js" }, dependencies: { express: "4.21.0" } };
  test("build, lint, test and type packages only: pruned", () => {
    const devDependencies = {
      typescript: "5",
      "@types/node": "20",
      eslint: "9",
      jest: "29",
      "ts-jest": "29",
      nodemon: "3",
      rimraf: "5",
      husky: "9",
    };
    expect(useOf({ ...start, devDependencies }, {})).toEqual({ keep: false });
  });
  test("a library the graph does not show: kept, named, with what to do", () => {
    const devDependencies = { typescript: "5", pg: "8", ejs: "3", dotenv: "16", "pino-pretty": "11" };
    expect(useOf({ ...start, devDependencies }, {})).toEqual({
      keep: true,
      libraries: true,
      reason: expect.stringMatching(/^the devDependencies `pg`, `ejs`, `dotenv` and 1 more are libraries, .* named in a config file\)$/),
    });
  });
  test("option `build-only-dev-deps` answers the library rule: all named, pruned; some named, the rest kept", () => {
    const devDependencies = { typescript: "5", open: "10", minimist: "1" };
    expect(useOf({ ...start, devDependencies }, {}, undefined, "", ["open", "minimist"])).toEqual({
      keep: false,
      byOption: ["open", "minimist"],
    });
    expect(useOf({ ...start, devDependencies }, {}, undefined, "", ["open"])).toEqual({
      keep: true,
      libraries: true,
      reason: expect.stringMatching(/^the devDependency `minimist` is a library/),
    });
  });
  test("option `build-only-dev-deps` does not outweigh evidence: a library the entry imports stays", () => {
    const devDependencies = { open: "10" };
    const files = { "server.js": 'require("express");\nrequire("open");\n' };
    expect(useOf({ ...start, devDependencies }, files, undefined, "", ["open"])).toEqual({
      keep: true,
      reason: expect.stringContaining("`open`"),
    });
  });
  test("an image that runs no node (a static server) loads no library", () => {
    expect(
      useOf({ scripts: {}, dependencies: { serve: "14" }, devDependencies: { react: "18" } }, {}, "RUN npm ci\nCMD serve -s build\n"),
    ).toEqual({
      keep: false,
    });
  });
  test("the project's own static server (a node_modules/.bin path, or PATH through node_modules/.bin) loads its modules (red team 21 F8)", () => {
    const pkg = { scripts: {}, dependencies: { serve: "14" }, devDependencies: { react: "18" } };
    for (const cmd of ['["./node_modules/.bin/serve", "-s", "build"]', '["sh", "-c", "exec node_modules/.bin/serve -s build"]'])
      expect(useOf(pkg, {}, `RUN npm ci\nCMD ${cmd}\n`)).toMatchObject({ keep: true, libraries: true });
    // A healthcheck that runs node loads them too; one that runs curl does not.
    const health = (check: string) =>
      useOf(pkg, { "health.js": "process.exit(0);\n" }, `RUN npm ci\nHEALTHCHECK CMD ${check}\nCMD serve -s build\n`);
    expect(health("node health.js")).toMatchObject({ keep: true, libraries: true });
    expect(health("curl -f http://localhost:3000/")).toEqual({ keep: false });
  });
  test("a node entry behind any shell option cluster before `-c` is read (red team 21 F4)", () => {
    const files = { "server.js": 'require("express");\nrequire("open");\n' };
    for (const cmd of [
      '["bash", "-lc", "exec node server.js"]',
      '["sh", "-ec", "node server.js"]',
      '["/usr/bin/bash", "--login", "-c", "node server.js"]',
      '["bash", "-c", "--", "node server.js"]',
    ])
      expect(useOf({ ...start, devDependencies: { open: "10" } }, files, `RUN npm ci\nCMD ${cmd}\n`)).toEqual({
        keep: true,
        reason: "`server.js` loads the devDependency `open`",
      });
  });
  test("a shell script run as a shell's operand is read whatever its first line (red team 21 F1)", () => {
    const pkg = { scripts: { start: "sh scripts/start.sh" }, dependencies: { express: "4.21.0" }, devDependencies: { typescript: "5" } };
    const files = { "entry.sh": 'set -e\nnpx tsc --version\nexec "$@"\n', "scripts/start.sh": "npx tsc --version\nexec node server.js\n" };
    const keep = { keep: true, reason: "the entry runs `npx tsc`" };
    expect(useOf(pkg, files, 'RUN npm ci\nENTRYPOINT ["sh", "entry.sh"]\nCMD ["node", "server.js"]\n')).toEqual(keep);
    expect(useOf(pkg, files, 'RUN npm ci\nCMD ["npm", "start"]\n')).toEqual(keep);
    expect(useOf(pkg, files, 'RUN npm ci\nCMD ["/bin/bash", "-e", "scripts/start.sh"]\n')).toEqual(keep);
  });
  test("a script whose shebang names a devDependency's runner runs that runner (red team 21 F13)", () => {
    const pkg = {
      scripts: { start: "./scripts/migrate.ts && node server.js" },
      dependencies: { express: "4.21.0" },
      devDependencies: { tsx: "4" },
    };
    const files = { "scripts/migrate.ts": "#!/usr/bin/env tsx\nconsole.log(1);\n" };
    expect(useOf(pkg, files)).toEqual({
      keep: true,
      reason: "`tsx /app/scripts/migrate.ts` runs `tsx`, a program of the devDependencies",
    });
  });
  test("node-config parses config files with a devDependency (F4)", () => {
    const pkg = { ...start, dependencies: { express: "4.21.0", config: "3" } };
    expect(
      useOf({ ...pkg, devDependencies: { "ts-node": "10", typescript: "5" } }, { "config/default.ts": "export default {};\n" }),
    ).toEqual({
      keep: true,
      reason: "node-config (`config`) parses `config/default.ts` with the devDependency `ts-node`",
    });
    expect(useOf({ ...pkg, devDependencies: { "js-yaml": "4", eslint: "9" } }, { "config/default.yml": "a: 1\n" })).toEqual({
      keep: true,
      reason: "node-config (`config`) parses `config/default.yml` with the devDependency `js-yaml`",
    });
  });
  test("babel compiles at run time with the presets of .babelrc (F9); ts-node with typescript", () => {
    const babel = {
      ...start,
      dependencies: { express: "4.21.0", "@babel/register": "7", "@babel/core": "7" },
      devDependencies: { "@babel/preset-env": "7" },
    };
    expect(useOf(babel, { ".babelrc": '{"presets":["@babel/preset-env"]}' })).toEqual({
      keep: true,
      reason: expect.stringContaining(
        "the dependency `@babel/register` compiles code at run time with the presets and plugins `.babelrc` names",
      ),
    });
    expect(useOf(babel, {})).toEqual({ keep: false });
    expect(useOf({ ...start, dependencies: { express: "4.21.0", "ts-node": "10" }, devDependencies: { typescript: "5" } }, {})).toEqual({
      keep: true,
      reason: "the dependency `ts-node` compiles TypeScript at run time with the devDependency `typescript`",
    });
    // tsx compiles with esbuild: it never loads `typescript`.
    expect(useOf({ ...start, dependencies: { express: "4.21.0", tsx: "4" }, devDependencies: { typescript: "5" } }, {})).toEqual({
      keep: false,
    });
  });
  test("tsconfig importHelpers names tslib as the reason (F6)", () => {
    const files = { "tsconfig.json": '{ "compilerOptions": { "importHelpers": true } }' };
    expect(useOf({ ...start, devDependencies: { tslib: "2", typescript: "5" } }, files)).toEqual({
      keep: true,
      reason: "`tsconfig.json` sets `importHelpers`, so the compiled files require the devDependency `tslib`",
    });
  });
  test("preloads outside the Dockerfile: shebang, .npmrc, --env-file, NODE_OPTIONS from an ARG (F7)", () => {
    const dev = { devDependencies: { typescript: "5", "tsconfig-paths": "4" }, dependencies: { express: "4.21.0" } };
    const shebang = { "server.js": '#!/usr/bin/env -S node -r tsconfig-paths/register\nrequire("express");\n' };
    expect(useOf({ ...dev, scripts: {} }, shebang, 'RUN npm ci\nCMD ["./server.js"]\n')).toEqual({
      keep: true,
      reason: "`node -r tsconfig-paths/register /app/server.js` preloads a module",
    });
    expect(
      useOf({ ...dev, scripts: { start: "node server.js" } }, { ".npmrc": 'node-options="--require tsconfig-paths/register"\n' }),
    ).toEqual({
      keep: true,
      reason: expect.stringContaining("`.npmrc` sets `node-options="),
    });
    const envFile = { scripts: { start: "node --env-file=.env server.js" } };
    expect(useOf({ ...dev, ...envFile }, { ".env": "NODE_OPTIONS='-r tsconfig-paths/register'\n" })).toEqual({
      keep: true,
      reason: expect.stringContaining("`.env`, which `--env-file` hands node, sets `NODE_OPTIONS="),
    });
    const fromArg = 'ARG PRELOAD="--require tsconfig-paths/register"\nENV NODE_OPTIONS=$PRELOAD\nRUN npm ci\nCMD npm start\n';
    expect(useOf({ ...dev, scripts: { start: "node server.js" } }, {}, fromArg)).toEqual({
      keep: true,
      reason: "`NODE_OPTIONS=$PRELOAD` (`--require tsconfig-paths/register`) preloads a module",
    });
    const appended = 'ENV NODE_OPTIONS="$NODE_OPTIONS --max-old-space-size=512"\nRUN npm ci\nCMD npm start\n';
    expect(useOf({ ...dev, scripts: { start: "node server.js" } }, {}, appended)).toEqual({ keep: false });
    const unknown = "ARG OPTS\nENV NODE_OPTIONS=$OPTS\nRUN npm ci\nCMD npm start\n";
    expect(useOf({ ...dev, scripts: { start: "node server.js" } }, {}, unknown)).toEqual({
      keep: true,
      reason: "`NODE_OPTIONS=$OPTS` takes a build argument, which may preload a module",
    });
  });
  test("pm2 apps' env NODE_OPTIONS preload (F7)", () => {
    const pkg = { scripts: {}, dependencies: { pm2: "5", express: "4.21.0" }, devDependencies: { "tsconfig-paths": "4" } };
    const eco = {
      "ecosystem.config.js":
        "module.exports = { apps: [{ script: 'server.js', env: { NODE_OPTIONS: '--require tsconfig-paths/register' } }] };\n",
    };
    expect(useOf(pkg, eco, 'RUN npm ci\nCMD ["npx", "pm2-runtime", "ecosystem.config.js"]\n')).toEqual({
      keep: true,
      reason: "`node --require tsconfig-paths/register /app/server.js` preloads a module",
    });
  });
  test("a JSON file the app requires names a devDependency (F10); sequelize-cli's config is followed (F12)", () => {
    const pino = { scripts: { start: "node server.js" }, dependencies: { pino: "9" }, devDependencies: { "pino-pretty": "11" } };
    const files = {
      "server.js": 'const log = require("pino")(require("./logger.json"));\n',
      "logger.json": '{ "transport": { "target": "pino-pretty" } }\n',
    };
    expect(useOf(pino, files)).toEqual({
      keep: true,
      reason: "`logger.json` names the devDependency `pino-pretty`, which a package may load by that name",
    });
    const cli = { scripts: { start: "sequelize db:migrate && node server.js" }, dependencies: { express: "4.21.0", "sequelize-cli": "6" } };
    const config = {
      ".sequelizerc": "module.exports = {};\n",
      "config/config.js": 'require("tsconfig-paths/register");\nmodule.exports = {};\n',
    };
    expect(useOf({ ...cli, devDependencies: { "tsconfig-paths": "4" } }, config)).toEqual({
      keep: true,
      reason: "`config/config.js` loads the devDependency `tsconfig-paths`",
    });
  });
  test("an original that prunes them itself after the install runs without them", () => {
    const pkg = { scripts: { start: "node server.js" }, dependencies: { express: "4.21.0" }, devDependencies: { pg: "8" } };
    expect(useOf(pkg, {}, "RUN npm ci\nRUN npm prune --omit=dev\nCMD npm start\n")).toEqual({ keep: false });
  });
});

describe("devDependencyUse: npx of a program no installed package provides", () => {
  const pkg = { dependencies: { express: "4.21.0" }, devDependencies: { vite: "7.1.0" } };
  const lock = (packages: Record<string, unknown>) =>
    JSON.stringify({ lockfileVersion: 3, packages: { "": { name: "app" }, "node_modules/express": { version: "4.21.0" }, ...packages } });
  const cmd = 'RUN npm ci\nCMD ["npx", "serve", "dist"]\n';
  test("npx fetches it in the original too: the entry is no reason to keep the devDependencies", () => {
    const files = { "package-lock.json": lock({ "node_modules/vite": { version: "7.1.0", dev: true, bin: { vite: "bin/vite.js" } } }) };
    expect(useOf(pkg, files, cmd)).toEqual({ keep: false });
  });
  test("a static server npx fetches loads none of the project's packages: a library devDependency goes too", () => {
    const library = { ...pkg, devDependencies: { "sass-embedded": "1.90.0" } };
    const files = { "package-lock.json": lock({ "node_modules/sass-embedded": { version: "1.90.0", dev: true } }) };
    expect(useOf(library, files, cmd)).toEqual({ keep: false });
    const other = useOf(library, files, 'RUN npm ci\nCMD ["npx", "cowsay", "hi"]\n');
    expect(other).toMatchObject({ keep: true, reason: expect.stringContaining("`sass-embedded` is a library") });
    const both = useOf(library, files, 'RUN npm ci\nENTRYPOINT ["node", "server.js"]\nCMD ["npx", "serve", "dist"]\n');
    expect(both.keep).toBe(true);
  });
  test("a package at the top of node_modules provides it, or no npm lockfile lists them all: kept", () => {
    const hoisted = lock({ "node_modules/serve": { version: "14.2.4", dev: true, bin: { serve: "build/main.js" } } });
    expect(useOf(pkg, { "package-lock.json": hoisted }, cmd)).toEqual({ keep: true, reason: "the entry runs `npx serve`" });
    const other = lock({ "node_modules/static-kit": { version: "1.0.0", dev: true, bin: { serve: "cli.js" } } });
    expect(useOf(pkg, { "package-lock.json": other }, cmd)).toEqual({ keep: true, reason: "the entry runs `npx serve`" });
    expect(useOf(pkg, {}, cmd)).toEqual({ keep: true, reason: "the entry runs `npx serve`" });
  });
});
