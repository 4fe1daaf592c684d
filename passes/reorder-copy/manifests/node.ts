// What npm, yarn and pnpm read at install time: package.json, the lockfiles and configuration present,
// workspace package.json files with their paths, `file:`/`link:` packages, patches, the configuration files
// that variables, `.npmrc` or `.yarnrc.yml` point at; install hooks that may read other files are refused.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { Collector, join, refused, type Needs } from "./collector.js";
import { prismaInstallReads } from "./prisma.js";
import type { InstallStep } from "../install-commands.js";

const NODE_FILES = [
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".pnpmfile.cjs",
  ".env.yarn",
  // Yarn classic cleans node_modules by it during the install (autoclean).
  ".yarnclean",
];
/** Variables that point npm, yarn or pnpm at a configuration file. */
const FLAG_VARIABLES = [
  ["--userconfig", "NPM_CONFIG_USERCONFIG"],
  ["--globalconfig", "NPM_CONFIG_GLOBALCONFIG"],
] as const;
const CONFIG_VARIABLES = ["NPM_CONFIG_USERCONFIG", "NPM_CONFIG_GLOBALCONFIG", "NPM_CONFIG_PNPMFILE", "YARN_YARN_PATH"];
const NODE_DIRS = [".yarn", "patches"];
/** Settings that name a folder of package tarballs the install reads. */
const PACKAGE_FOLDERS = [
  { file: ".yarnrc", key: /^\s*"?(?:yarn-offline-mirror|cache-folder)"?\s+"?([^"\s#]+)"?\s*$/gm },
  { file: ".npmrc", key: /^\s*(?:yarn-offline-mirror|cache)\s*=\s*"?([^"\s#]+)"?\s*$/gm },
  { file: ".yarnrc.yml", key: /^\s*cacheFolder:\s*["']?([^"'\s#]+)["']?\s*$/gm },
];
const LIFECYCLE = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "resolutions", "overrides"];

interface PackageJson {
  readonly scripts?: Record<string, unknown>;
  readonly workspaces?: unknown;
  readonly pnpm?: { readonly patchedDependencies?: Record<string, unknown> };
  readonly [field: string]: unknown;
}

export function nodeManifests(step: InstallStep, c: Collector): Needs {
  const root = c.require("package.json");
  if (!root.ok) return root;
  c.optional(...NODE_FILES, ...NODE_DIRS);
  const configured = nodeConfiguration(step, c);
  if (configured) return configured;
  const npmrc = c.ctx.read(c.path(".npmrc") ?? "") ?? "";
  const scriptsRun = !step.args.includes("--ignore-scripts") && !/^\s*ignore-scripts\s*=\s*true\s*$/m.test(npmrc);
  const packages: { dir: string; text: string }[] = [{ dir: c.dir, text: root.text }];
  const rootJson = parseJson(root.text);
  if (rootJson === null) return refused("invalidJson", { path: c.path("package.json") ?? "package.json" });
  const pnpmYaml = c.ctx.read(c.path("pnpm-workspace.yaml") ?? "");
  const patterns = workspacePatterns(rootJson, pnpmYaml);
  if (patterns === null) return refused("workspacesField");
  // pnpm 10 keeps `patchedDependencies` in pnpm-workspace.yaml.
  for (const m of /^patchedDependencies:\s*\n((?:[ \t]+.*\n?)*)/m.exec(pnpmYaml ?? "")?.[1].matchAll(/:\s*["']?([^"'\s#]+)["']?\s*$/gm) ??
    []) {
    const path = join(c.dir, m[1]);
    if (path === null || !c.ctx.exists(path)) return refused("patchMissing", { path: c.path("pnpm-workspace.yaml")!, patch: m[1] });
    if (!c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
  }
  for (const ws of expandWorkspaces(c.ctx, c.dir, patterns)) {
    const file = join(ws, "package.json")!;
    const text = c.ctx.read(file);
    if (text === null) continue;
    c.add(file);
    packages.push({ dir: ws, text });
  }
  const outputs = [".pnp.cjs", ".pnp.loader.mjs", "node_modules"];
  for (const { dir, text } of packages) {
    const pkg = parseJson(text);
    const name = join(dir, "package.json");
    if (pkg === null) return refused("invalidJson", { path: name ?? "package.json" });
    // The install links a workspace's or a local folder's commands (`bin`) to its own files and makes them
    // executable: they must be there when it runs, and a later copy of them would take that mode away.
    if (dir !== c.dir && (pkg.bin !== undefined || (pkg.directories as { bin?: unknown } | undefined)?.bin !== undefined))
      return refused("localPackageBin", { path: name ?? "package.json" });
    if (scriptsRun) {
      // With a binding.gyp and no install script of its own, npm runs `node-gyp rebuild`, which compiles the sources.
      const gyp = join(dir, "binding.gyp");
      if (!pkg.scripts?.install && !pkg.scripts?.preinstall && ((gyp !== null && c.ctx.exists(gyp)) || pkg.gypfile === true))
        return refused("lifecycleScript", { path: name ?? "package.json", hook: "install", script: "node-gyp rebuild" });
      for (const hook of LIFECYCLE) {
        const script = pkg.scripts?.[hook];
        if (typeof script !== "string") continue;
        const patchDir = patchPackageDir(script);
        if (patchDir === undefined) return refused("lifecycleScript", { path: name ?? "package.json", hook, script });
        const patches = join(dir, patchDir);
        if (patchDir === "patches" && patches !== null && !c.ctx.exists(patches)) continue;
        if (patches === null || !c.ctx.exists(patches)) return refused("patchMissing", { path: name ?? "package.json", patch: patchDir });
        if (!c.paths.some((p) => patches === p || patches.startsWith(`${p}/`))) c.add(patches);
      }
      const prisma = prismaInstallReads(pkg, dir, c);
      if ("ok" in prisma) return prisma;
      for (const path of prisma) if (!c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
    }
    for (const field of DEPENDENCY_FIELDS) {
      const deps = pkg[field];
      if (!deps || typeof deps !== "object") continue;
      for (const [dep, spec] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof spec !== "string") continue;
        // npm reads a spec that starts with `.`, `/` or `~/` as a path too, without `file:`.
        const local =
          /^(file|link|portal):(.+)$/.exec(spec) ??
          (/^patch:.*#(.+)$/.exec(spec) && [spec, "patch", spec.slice(spec.lastIndexOf("#") + 1).replace(/^~\//, "")]) ??
          (/^(\.|\/|~\/)/.test(spec) ? [spec, "path", spec] : null);
        if (!local) continue;
        const path = /^(\/|~)/.test(local[2]) ? null : join(dir, local[2]);
        if (path === null || !c.ctx.exists(path)) return refused("localDependencyMissing", { dependency: dep, spec });
        c.add(path);
        // A local package runs its own install hooks: check it like a workspace.
        const linked = c.ctx.read(join(path, "package.json") ?? "");
        if (linked !== null && !packages.some((p) => p.dir === path)) packages.push({ dir: path, text: linked });
      }
    }
    for (const patch of Object.values(pkg.pnpm?.patchedDependencies ?? {})) {
      const path = typeof patch === "string" ? join(dir, patch) : null;
      if (path === null || !c.ctx.exists(path)) return refused("patchMissing", { path: name ?? "package.json", patch: String(patch) });
      if (!c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
    }
    if (dir !== c.dir) outputs.push(posix.relative(c.dir || ".", join(dir, "node_modules")!));
  }
  const done = c.done(outputs);
  const rewrites = lockfileWrites(step, c, rootJson);
  return done.ok && rewrites.length > 0 ? { ...done, rewrites } : done;
}

const NPM_WHY = "npm 7 and later rewrite a lockfile of an older format and fix one out of step with package.json";
const SYNC_WHY = "an install without a frozen lockfile fixes one out of step with package.json";
/** npm install options under which it writes no lockfile. */
const NPM_NO_LOCK = /^--(no-package-lock|package-lock=false|no-save|save=false|dry-run|dry-run=true)$/;

/**
 * The lockfiles of the context the step may write again, with the command that would not: `npm install` saves
 * package-lock.json (npm 7+ turns a lockfileVersion 1 file into 3, and fixes one out of step with package.json)
 * and keeps a yarn.lock beside it up to date; `yarn install` and `pnpm install` rewrite a lockfile out of step
 * with package.json unless frozen. `npm ci`, `--frozen-lockfile`, `--immutable` leave them as they are.
 */
function lockfileWrites(step: InstallStep, c: Collector, pkg: PackageJson): { path: string; advice: string; why: string }[] {
  const present = (names: readonly string[], advice: string, why: string) =>
    names.flatMap((n) => {
      const p = c.path(n);
      return p !== null && c.ctx.read(p) !== null ? [{ path: p, advice, why }] : [];
    });
  const args = step.args;
  const sub = step.command.split(" ")[1];
  const npmrc = c.ctx.read(c.path(".npmrc") ?? "") ?? "";
  const setting = (text: string, key: RegExp) => key.test(text);
  if (step.ecosystem === "npm") {
    if (!/^(install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|add)$/.test(sub ?? "")) return [];
    if (args.some((a) => NPM_NO_LOCK.test(a)) || setting(npmrc, /^\s*(package-lock|save)\s*=\s*false\s*$/m)) return [];
    return present(["npm-shrinkwrap.json", "package-lock.json", "yarn.lock"], "`npm ci`", NPM_WHY);
  }
  if (step.ecosystem === "yarn") {
    const berry = c.has(".yarnrc.yml") || (typeof pkg.packageManager === "string" && /^yarn@[2-9]/.test(pkg.packageManager));
    if (args.some((a) => /^--(frozen-lockfile|pure-lockfile|immutable|no-lockfile)$/.test(a))) return [];
    const yarnrc = c.ctx.read(c.path(".yarnrc") ?? "") ?? "";
    const yml = c.ctx.read(c.path(".yarnrc.yml") ?? "") ?? "";
    if (setting(yarnrc, /^\s*"?(--install\.)?(frozen-lockfile|pure-lockfile)"?\s+"?true"?\s*$/m)) return [];
    if (setting(yml, /^\s*enableImmutableInstalls:\s*["']?true["']?\s*$/m)) return [];
    return present(["yarn.lock"], berry ? "`yarn install --immutable`" : "`yarn install --frozen-lockfile`", SYNC_WHY);
  }
  if (step.ecosystem === "pnpm") {
    if (sub === "fetch" || args.some((a) => /^--(frozen-lockfile|no-lockfile|lockfile=false)$/.test(a))) return [];
    if (setting(npmrc, /^\s*(frozen-lockfile\s*=\s*true|lockfile\s*=\s*false)\s*$/m)) return [];
    return present(["pnpm-lock.yaml"], "`pnpm install --frozen-lockfile`", SYNC_WHY);
  }
  return [];
}

/**
 * Configuration files the install is pointed at: `--userconfig`, the npm/yarn/pnpm variables, `pnpmfile=`
 * in `.npmrc` and `yarnPath:` in `.yarnrc.yml` (a yarn release outside `.yarn/`).
 */
function nodeConfiguration(step: InstallStep, c: Collector): Needs | null {
  const env = new Map(c.site.env);
  let flagged = false;
  for (const [option, variable] of FLAG_VARIABLES) {
    const k = step.args.findIndex((a) => a === option || a.startsWith(`${option}=`));
    if (k < 0) continue;
    env.set(variable, step.args[k].includes("=") ? step.args[k].slice(option.length + 1) : (step.args[k + 1] ?? null));
    flagged = true;
  }
  const fromFlag = flagged ? new Collector(c.ctx, { ...c.site, env }) : c;
  const bad = fromFlag.configured(CONFIG_VARIABLES);
  if (bad) return bad;
  if (fromFlag !== c) {
    for (const p of fromFlag.paths) c.add(p);
    c.reads.push(...fromFlag.reads);
  }
  const yarnrc = c.site.env.get("YARN_RC_FILENAME");
  if (yarnrc) c.optional(yarnrc);
  const settings = [
    ...[".npmrc"].map((f) => ({ file: f, key: /^\s*pnpmfile\s*=\s*(\S+)\s*$/m })),
    ...[".yarnrc.yml", yarnrc ?? ""].filter(Boolean).map((f) => ({ file: f, key: /^\s*yarnPath:\s*["']?([^"'\s#]+)["']?\s*$/m })),
  ];
  for (const { file, key } of settings) {
    const value = key.exec(c.ctx.read(c.path(file) ?? "") ?? "")?.[1];
    if (value === undefined) continue;
    const path = value.startsWith("/") ? null : join(c.dir, value);
    if (path === null || !c.ctx.exists(path)) return refused("configFileMissing", { file: c.path(file) ?? file, path: value });
    if (!c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
  }
  // Folders of packages the install takes tarballs from: Yarn classic's offline mirror, the npm, Yarn and Berry
  // caches when the project keeps them. Copied when the context has them (the install makes them otherwise).
  for (const { file, key } of PACKAGE_FOLDERS) {
    for (const m of (c.ctx.read(c.path(file) ?? "") ?? "").matchAll(key)) {
      const value = m[1];
      if (value.includes("$") || value.startsWith("~")) continue;
      const where = c.locate(value);
      if (where === null) return refused("configOutsideContext", { name: c.path(file) ?? file, value });
      if ("image" in where) continue;
      const path = where.context;
      if (c.ctx.exists(path) && !c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
    }
  }
  return null;
}

/** For a hook that only runs patch-package: the folder its patches live in; undefined for any other hook. */
function patchPackageDir(script: string): string | undefined {
  const m = /^(?:npx\s+)?patch-package((?:\s+--[\w-]+(?:[=\s]+[^\s-]\S*)?)*)\s*$/.exec(script.trim());
  if (!m) return undefined;
  const dir = /--patch-dir[=\s]+(\S+)/.exec(m[1])?.[1];
  return dir ?? "patches";
}

function parseJson(text: string): PackageJson | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as PackageJson) : null;
  } catch {
    return null;
  }
}

/** Workspace globs from package.json ("workspaces") and pnpm-workspace.yaml ("packages:"). */
function workspacePatterns(pkg: PackageJson, pnpmYaml: string | null): string[] | null {
  const patterns: string[] = [];
  const ws = pkg.workspaces;
  const list: unknown = Array.isArray(ws) ? ws : ws && typeof ws === "object" ? (ws as { packages?: unknown }).packages : [];
  if (!Array.isArray(list)) return null;
  for (const p of list as unknown[]) if (typeof p === "string") patterns.push(p);
  if (pnpmYaml) {
    const block = /^packages:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/m.exec(pnpmYaml);
    for (const m of block?.[1].matchAll(/^\s*-\s*["']?([^"'\s#]+)["']?/gm) ?? []) patterns.push(m[1]);
  }
  return patterns;
}

/** Folders matching workspace globs (`packages/*`, `apps/**`, `!excluded`), relative to the context. */
function expandWorkspaces(ctx: BuildContext, dir: string, patterns: readonly string[]): string[] {
  const found = new Set<string>();
  for (const raw of patterns) {
    const negated = raw.startsWith("!");
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\.\//, "").replace(/\/+$/, "");
    const matches = matchFolders(ctx, dir || ".", pattern.split("/"), 0);
    for (const m of matches) negated ? found.delete(m) : found.add(m);
  }
  return [...found].sort();
}

function matchFolders(ctx: BuildContext, base: string, segments: readonly string[], depth: number): string[] {
  if (segments.length === 0) return base === "." ? [] : [base];
  const [head, ...rest] = segments;
  const child = (name: string) => (base === "." ? name : `${base}/${name}`);
  if (head === "**") {
    if (depth > 6) return [];
    const here = matchFolders(ctx, base, rest, depth);
    const deeper = ctx.list(base).filter((n) => n !== "node_modules" && !n.startsWith(".") && ctx.list(child(n)).length > 0);
    return [...here, ...deeper.flatMap((n) => matchFolders(ctx, child(n), segments, depth + 1))];
  }
  if (!/[*?[]/.test(head)) return ctx.exists(child(head)) ? matchFolders(ctx, child(head), rest, depth) : [];
  const re = new RegExp(
    `^${head
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]")}$`,
  );
  return ctx
    .list(base)
    .filter((n) => re.test(n) && n !== "node_modules")
    .flatMap((n) => matchFolders(ctx, child(n), rest, depth));
}
