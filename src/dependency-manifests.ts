// The files an install step reads, found in the build context: never a path that is not there (COPY of a
// missing file fails the build). The context given here already hides what `.dockerignore` excludes.
import { posix } from "node:path";
import { contextPath, type BuildContext } from "./context.js";
import { isLocalRequirement, type InstallStep } from "./install-commands.js";

export type Needs =
  | {
      readonly ok: true;
      /** Context-relative files and folders the install reads, in the order to copy them. */
      readonly paths: readonly string[];
      /** Context paths the install writes (node_modules, .venv…): a later `COPY .` must not bring them. */
      readonly outputs: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** File names that are dependency manifests in some ecosystem; used when there is no context to read. */
export const MANIFEST_NAMES =
  /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|\.pnpmfile\.cjs|\.yarn|patches|.*requirements.*\.txt|.*constraints.*\.txt|pyproject\.toml|poetry\.(lock|toml)|Pipfile(\.lock)?|uv\.(lock|toml)|\.python-version|go\.(mod|sum)|Gemfile(\.lock)?|\.bundle|composer\.(json|lock)|auth\.json)$/;

const SAMPLE_NAMES = [
  "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "requirements.txt", "requirements-dev.txt",
  "constraints.txt", "pyproject.toml", "poetry.lock", "Pipfile", "Pipfile.lock", "uv.lock", "go.mod", "go.sum", "Gemfile", "Gemfile.lock",
  "composer.json", "composer.lock",
];

/** Is this file name (or glob such as `package*.json`) a dependency manifest? */
export function isManifestName(name: string): boolean {
  if (!/[*?[]/.test(name)) return MANIFEST_NAMES.test(name);
  const re = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return SAMPLE_NAMES.some((n) => re.test(n));
}

const join = (dir: string, path: string) => contextPath(posix.join(dir || ".", path));

/**
 * What `step` reads when it runs in the context folder `dir` ("" for the root). `contextRoot` is the
 * absolute image path the context root was copied to, when known (for `-r /app/requirements.txt`).
 */
export function manifestsFor(step: InstallStep, ctx: BuildContext, dir: string, contextRoot: string | null): Needs {
  const c = new Collector(ctx, dir);
  switch (step.ecosystem) {
    case "npm":
    case "yarn":
    case "pnpm":
      return nodeManifests(step, c);
    case "pip":
      return pipManifests(step, c, contextRoot);
    case "uv":
      if (step.files.length > 0) return pipManifests(step, c, contextRoot);
      return python(c, "pyproject.toml", ["uv.lock", "uv.toml", ".python-version"], /^\s*\[tool\.uv\.workspace\]|\bpath\s*=|workspace\s*=\s*true/m);
    case "poetry":
      return python(c, "pyproject.toml", ["poetry.lock", "poetry.toml"], /\bpath\s*=|develop\s*=\s*true/);
    case "pipenv":
      return python(c, "Pipfile", ["Pipfile.lock"], /\bpath\s*=|editable\s*=\s*true/);
    case "go": {
      const mod = c.require("go.mod");
      if (!mod.ok) return mod;
      if (c.has("go.work")) return { ok: false, reason: "the module is part of a `go.work` workspace, whose modules need their sources" };
      if (/=>\s*(\.{1,2}\/|\/)/.test(mod.text)) return { ok: false, reason: "`go.mod` replaces a module with a local folder, which `go mod download` reads" };
      c.optional("go.sum");
      return c.done([]);
    }
    case "bundler": {
      const gemfile = c.require("Gemfile");
      if (!gemfile.ok) return gemfile;
      if (/^\s*(gemspec|eval_gemfile)\b|\bpath:|:path\s*=>/m.test(gemfile.text)) {
        return { ok: false, reason: "the Gemfile uses `gemspec`, a local `path:` or `eval_gemfile`, which need the sources" };
      }
      c.optional("Gemfile.lock", ".bundle", "vendor/cache");
      return c.done(["vendor/bundle"]);
    }
    case "composer": {
      const json = c.require("composer.json");
      if (!json.ok) return json;
      if (/"type"\s*:\s*"path"/.test(json.text)) return { ok: false, reason: "`composer.json` has a `path` repository, which needs its sources" };
      c.optional("composer.lock", "auth.json");
      return c.done(["vendor"]);
    }
  }
}

/** Gathers existing paths relative to the install folder. */
class Collector {
  readonly paths: string[] = [];
  constructor(
    readonly ctx: BuildContext,
    readonly dir: string,
  ) {}
  path(name: string): string | null {
    return join(this.dir, name);
  }
  has(name: string): boolean {
    const p = this.path(name);
    return p !== null && this.ctx.exists(p);
  }
  add(path: string): void {
    if (!this.paths.includes(path)) this.paths.push(path);
  }
  require(name: string): { ok: true; text: string } | { ok: false; reason: string } {
    const p = this.path(name);
    const text = p === null ? null : this.ctx.read(p);
    if (p === null || text === null) return { ok: false, reason: `the build context has no \`${p ?? name}\` (or .dockerignore excludes it)` };
    this.add(p);
    return { ok: true, text };
  }
  optional(...names: string[]): void {
    for (const name of names) {
      const p = this.path(name);
      if (p !== null && this.ctx.exists(p)) this.add(p);
    }
  }
  done(outputs: string[]): Needs {
    const out = outputs.map((o) => this.path(o)).filter((p): p is string => p !== null && this.ctx.exists(p));
    return { ok: true, paths: this.paths, outputs: out };
  }
}

function python(c: Collector, manifest: string, extras: string[], local: RegExp): Needs {
  const main = c.require(manifest);
  if (!main.ok) return main;
  if (local.test(main.text)) return { ok: false, reason: `\`${manifest}\` names a local path or workspace dependency, which needs its sources` };
  c.optional(...extras);
  return c.done([".venv"]);
}

function pipManifests(step: InstallStep, c: Collector, contextRoot: string | null): Needs {
  const queue: string[] = [];
  for (const file of step.files) {
    let rel: string | null;
    if (file.startsWith("/")) {
      const root = contextRoot?.replace(/\/+$/, "");
      rel = root !== undefined && file.startsWith(`${root}/`) ? contextPath(file.slice(root.length + 1)) : null;
      if (rel === null) return { ok: false, reason: `\`${file}\` is not a path msb-opt can map to the build context` };
    } else rel = join(c.dir, file);
    if (rel === null) return { ok: false, reason: `\`${file}\` lies outside the build context` };
    queue.push(rel);
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (c.paths.includes(file)) continue;
    const text = c.ctx.read(file);
    if (text === null) return { ok: false, reason: `the build context has no \`${file}\` (or .dockerignore excludes it)` };
    c.add(file);
    const parsed = requirementReferences(text);
    if (!parsed.ok) return { ok: false, reason: `\`${file}\` ${parsed.reason}` };
    for (const ref of parsed.files) {
      const rel = join(posix.dirname(file), ref);
      if (rel === null || ref.startsWith("/")) return { ok: false, reason: `\`${file}\` includes \`${ref}\`, outside the build context` };
      queue.push(rel);
    }
  }
  return c.done([]);
}

/** The `-r`/`-c` files a requirements file includes, or why it needs the sources. */
export function requirementReferences(text: string): { ok: true; files: string[] } | { ok: false; reason: string } {
  const files: string[] = [];
  const lines = text.replace(/\\\r?\n/g, "").split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const m = /^(-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links)(?:\s*=\s*|\s+|(?<=^-[rcef]))(\S+)/.exec(line);
    if (m) {
      const [, opt, value] = m;
      if (value.includes("$")) return { ok: false, reason: `uses a variable in \`${line}\`` };
      if (opt === "-r" || opt === "--requirement" || opt === "-c" || opt === "--constraint") files.push(value);
      else if ((opt === "-e" || opt === "--editable") && isLocalRequirement(value)) return { ok: false, reason: `installs the local path \`${value}\`` };
      else if ((opt === "-f" || opt === "--find-links") && !/^[a-z]+:\/\//i.test(value)) return { ok: false, reason: `finds packages in the local folder \`${value}\`` };
      continue;
    }
    if (line.startsWith("-")) continue;
    if (isLocalRequirement(line.split(/\s*;/)[0])) return { ok: false, reason: `installs the local path \`${line}\`` };
  }
  return { ok: true, files };
}

// ---- npm, yarn, pnpm ----

const NODE_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmfile.cjs"];
const NODE_DIRS = [".yarn", "patches"];
const LIFECYCLE = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "resolutions", "overrides"];

interface PackageJson {
  readonly scripts?: Record<string, unknown>;
  readonly workspaces?: unknown;
  readonly pnpm?: { readonly patchedDependencies?: Record<string, unknown> };
  readonly [field: string]: unknown;
}

function nodeManifests(step: InstallStep, c: Collector): Needs {
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
        const local = /^(file|link|portal):(.+)$/.exec(spec) ?? (/^patch:.*#(.+)$/.exec(spec) && [spec, "patch", spec.slice(spec.lastIndexOf("#") + 1).replace(/^~\//, "")]);
        if (!local) continue;
        const path = join(dir, local[2]);
        if (path === null || !c.ctx.exists(path)) return { ok: false, reason: `\`${dep}\` depends on \`${spec}\`, which is not in the build context` };
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
  const re = new RegExp(`^${head.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  return ctx.list(base).filter((n) => re.test(n) && n !== "node_modules").flatMap((n) => matchFolders(ctx, child(n), rest, depth));
}
