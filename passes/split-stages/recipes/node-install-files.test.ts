import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import type { Manager, NodeProject } from "../closure/node-project.js";
import { installFiles, movedModules } from "./node-install-files.js";

const project = (manager: Manager, pkg: object, lockfile: string | null = null): NodeProject => ({
  dir: ".",
  pkg,
  manager,
  lockfile,
  prodPackages: null,
});

test("pnpm: the patches package.json or pnpm-workspace.yaml names and the default pnpmfile", () => {
  const context = memoryContext({
    "patches/ms@2.1.3.patch": "diff",
    "patches/debug.patch": "diff",
    ".pnpmfile.cjs": "module.exports = { hooks: {} };",
    "pnpm-workspace.yaml": "patchedDependencies:\n  debug@4.3.4: patches/debug.patch\n",
  });
  const pkg = { pnpm: { patchedDependencies: { "ms@2.1.3": "patches/ms@2.1.3.patch" } } };
  expect(installFiles(project("pnpm", pkg), context)).toEqual({
    ok: true,
    files: [".pnpmfile.cjs", "patches/debug.patch", "patches/ms@2.1.3.patch"],
    folders: [],
  });
});

test("pnpm: patches no setting names, a pnpmfile that loads a project file, a missing patch: unknown", () => {
  const lockfile = memoryContext({ "pnpm-lock.yaml": "lockfileVersion: '9.0'\n\npatchedDependencies:\n  ms@2.1.3: abc\n" });
  expect(installFiles(project("pnpm", {}, "pnpm-lock.yaml"), lockfile)).toMatchObject({ ok: false });
  const hooks = memoryContext({ ".pnpmfile.cjs": "const h = require('./hooks');\nmodule.exports = h;" });
  expect(installFiles(project("pnpm", {}), hooks)).toEqual({ ok: false, reason: "`.pnpmfile.cjs` loads other files of the project" });
  const missing = project("pnpm", { pnpm: { patchedDependencies: { "ms@2.1.3": "patches/ms.patch" } } });
  expect(installFiles(missing, memoryContext({}))).toMatchObject({ ok: false });
});

test("Yarn berry: the files of `patch:` sources, not Yarn's built-in patches", () => {
  const lock = [
    '"ms@patch:ms@npm%3A2.1.3#~/.yarn/patches/ms-npm-2.1.3-x.patch::version=2.1.3&hash=1":',
    '"fsevents@patch:fsevents@npm%3A2.3.3#optional!builtin<compat/fsevents>":',
  ].join("\n");
  const context = memoryContext({ "yarn.lock": lock, ".yarn/patches/ms-npm-2.1.3-x.patch": "diff" });
  expect(installFiles(project("yarn-berry", {}, "yarn.lock"), context)).toEqual({
    ok: true,
    files: [".yarn/patches/ms-npm-2.1.3-x.patch"],
    folders: [],
  });
});

test("Yarn classic's yarn-path release; a local folder in overrides or resolutions is unknown; npm overrides need nothing", () => {
  const context = memoryContext({ ".yarnrc": 'yarn-path ".yarn/releases/yarn-1.22.22.cjs"\n', ".yarn/releases/yarn-1.22.22.cjs": "" });
  expect(installFiles(project("yarn", {}), context)).toEqual({ ok: true, files: [".yarn/releases/yarn-1.22.22.cjs"], folders: [] });
  expect(installFiles(project("yarn", { resolutions: { ms: "file:./vendor/ms" } }), memoryContext({}))).toMatchObject({ ok: false });
  expect(installFiles(project("npm", { overrides: { ms: "2.1.2" } }), memoryContext({}))).toEqual({ ok: true, files: [], folders: [] });
});

test("a folder of package tarballs the context keeps (offline mirror, npm cache) is read by the install", () => {
  const context = memoryContext({
    ".yarnrc": 'yarn-offline-mirror "./npm-packages-offline-cache"\n',
    "npm-packages-offline-cache/ms-2.1.3.tgz": "",
  });
  expect(installFiles(project("yarn", {}), context)).toEqual({ ok: true, files: [], folders: ["npm-packages-offline-cache"] });
  // One the install makes (absent from the context) is nothing to copy; one outside the project cannot be copied.
  expect(installFiles(project("yarn", {}), memoryContext({ ".yarnrc": "yarn-offline-mirror ./mirror\n" }))).toEqual({
    ok: true,
    files: [],
    folders: [],
  });
  expect(installFiles(project("yarn", {}), memoryContext({ ".yarnrc": "yarn-offline-mirror ../mirror\n" }))).toMatchObject({ ok: false });
  const npm = memoryContext({ ".npmrc": "cache=.npm-cache\n", ".npm-cache/_cacache/index": "" });
  expect(installFiles(project("npm", {}), npm)).toEqual({ ok: true, files: [], folders: [".npm-cache"] });
});

test("a bare path in overrides (`./vendor/ms`) is a local package too", () => {
  expect(installFiles(project("npm", { overrides: { ms: "./vendor/ms" } }), memoryContext({}))).toMatchObject({ ok: false });
});

test("settings and flags that move node_modules: Yarn's --modules-folder, pnpm's modules-dir and pnp linker", () => {
  const none = memoryContext({ ".yarnrc": 'yarn-offline-mirror "./mirror"\n', ".npmrc": "save-exact=true\n" });
  expect(movedModules(project("yarn", {}), none, ["install", "--frozen-lockfile"])).toBeNull();
  expect(movedModules(project("yarn", {}), none, ["install", "--modules-folder", "/opt/nm"])).toContain("`--modules-folder`");
  const yarnrc = memoryContext({ ".yarnrc": '--install.modules-folder "/opt/node_modules"\n' });
  expect(movedModules(project("yarn", {}), yarnrc, ["install"])).toContain("`.yarnrc` sets `--modules-folder`");
  const npmrc = memoryContext({ ".npmrc": "virtual-store-dir=/store\n" });
  expect(movedModules(project("pnpm", {}), npmrc, ["install"])).toContain("`.npmrc` sets `virtual-store-dir`");
  const workspace = memoryContext({ "pnpm-workspace.yaml": "nodeLinker: pnp\n" });
  expect(movedModules(project("pnpm", {}), workspace, ["install"])).toContain("`nodeLinker`");
});
