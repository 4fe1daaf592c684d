// What npm, yarn and pnpm read at install time: package.json, the lockfiles and configuration present,
// workspace package.json files with their paths, `file:`/`link:` packages and patches; install hooks that
// may read other files are refused.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { join, type Collector, type Needs } from "./collector.js";
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
];
const NODE_DIRS = [".yarn", "patches"];
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
  const npmrc = c.ctx.read(c.path(".npmrc") ?? "") ?? "";
  const scriptsRun = !step.args.includes("--ignore-scripts") && !/^\s*ignore-scripts\s*=\s*true\s*$/m.test(npmrc);
  const packages: { dir: string; text: string }[] = [{ dir: c.dir, text: root.text }];
  const rootJson = parseJson(root.text);
  if (rootJson === null) return { ok: false, reason: `\`${c.path("package.json")}\` is not valid JSON` };
  const patterns = workspacePatterns(rootJson, c.ctx.read(c.path("pnpm-workspace.yaml") ?? ""));
  if (!Array.isArray(patterns)) return { ok: false, reason: patterns.reason };
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
    if (pkg === null) return { ok: false, reason: `\`${name}\` is not valid JSON` };
    if (scriptsRun) {
      for (const hook of LIFECYCLE) {
        const script = pkg.scripts?.[hook];
        if (typeof script !== "string" || /^(npx\s+)?patch-package(\s|$)/.test(script.trim())) continue;
        return {
          ok: false,
          reason: `\`${name}\` runs a \`${hook}\` script (\`${script}\`) during the install, which may read the sources; add \`--ignore-scripts\` or move it to a later RUN`,
        };
      }
    }
    for (const field of DEPENDENCY_FIELDS) {
      const deps = pkg[field];
      if (!deps || typeof deps !== "object") continue;
      for (const [dep, spec] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof spec !== "string") continue;
        const local =
          /^(file|link|portal):(.+)$/.exec(spec) ??
          (/^patch:.*#(.+)$/.exec(spec) && [spec, "patch", spec.slice(spec.lastIndexOf("#") + 1).replace(/^~\//, "")]);
        if (!local) continue;
        const path = join(dir, local[2]);
        if (path === null || !c.ctx.exists(path))
          return { ok: false, reason: `\`${dep}\` depends on \`${spec}\`, which is not in the build context` };
        c.add(path);
        // A local package runs its own install hooks: check it like a workspace.
        const linked = c.ctx.read(join(path, "package.json") ?? "");
        if (linked !== null && !packages.some((p) => p.dir === path)) packages.push({ dir: path, text: linked });
      }
    }
    for (const patch of Object.values(pkg.pnpm?.patchedDependencies ?? {})) {
      const path = typeof patch === "string" ? join(dir, patch) : null;
      if (path === null || !c.ctx.exists(path)) return { ok: false, reason: `\`${name}\` names a patch that is not in the build context` };
      if (!c.paths.some((p) => path === p || path.startsWith(`${p}/`))) c.add(path);
    }
    if (dir !== c.dir) outputs.push(posix.relative(c.dir || ".", join(dir, "node_modules")!));
  }
  return c.done(outputs);
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
function workspacePatterns(pkg: PackageJson, pnpmYaml: string | null): string[] | { reason: string } {
  const patterns: string[] = [];
  const ws = pkg.workspaces;
  const list: unknown = Array.isArray(ws) ? ws : ws && typeof ws === "object" ? (ws as { packages?: unknown }).packages : [];
  if (!Array.isArray(list)) return { reason: "`package.json` has a `workspaces` field msb-opt does not understand" };
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
