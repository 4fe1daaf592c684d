// The files an install step reads, found in the build context: never a path that is not there (COPY of a
// missing file fails the build). The context given here already hides what `.dockerignore` excludes.
import { posix } from "node:path";
import { contextPath, type BuildContext } from "../../../src/core/context.js";
import { dotnetManifests } from "./dotnet.js";
import { isLocalRequirement, type InstallStep } from "../install-commands.js";
import { nodeManifests } from "./node.js";

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
  /^(pom\.xml|mvnw|\.mvn|.*\.(cs|fs|vb)proj|.*\.sln|Directory\.(Build|Packages)\.(props|targets)|nuget\.config|global\.json|packages\.lock\.json|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|\.pnpmfile\.cjs|\.yarn|patches|.*requirements.*\.txt|.*constraints.*\.txt|pyproject\.toml|poetry\.(lock|toml)|Pipfile(\.lock)?|uv\.(lock|toml)|\.python-version|go\.(mod|sum)|Gemfile(\.lock)?|\.bundle|composer\.(json|lock)|auth\.json)$/i;

const SAMPLE_NAMES = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "requirements.txt",
  "requirements-dev.txt",
  "constraints.txt",
  "pyproject.toml",
  "poetry.lock",
  "Pipfile",
  "Pipfile.lock",
  "uv.lock",
  "go.mod",
  "go.sum",
  "Gemfile",
  "Gemfile.lock",
  "composer.json",
  "composer.lock",
];

/** Is this file name (or glob such as `package*.json`) a dependency manifest? */
export function isManifestName(name: string): boolean {
  if (!/[*?[]/.test(name)) return MANIFEST_NAMES.test(name);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return SAMPLE_NAMES.some((n) => re.test(n));
}

export const join = (dir: string, path: string) => contextPath(posix.join(dir || ".", path));

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
      return python(
        c,
        "pyproject.toml",
        ["uv.lock", "uv.toml", ".python-version"],
        /^\s*\[tool\.uv\.workspace\]|\bpath\s*=|workspace\s*=\s*true/m,
      );
    case "poetry": {
      // Some Poetry versions check that the readme exists even with --no-root; it is cheap to bring.
      const readme = /^\s*readme\s*=\s*["']([^"']+)["']/m.exec(c.ctx.read(c.path("pyproject.toml") ?? "") ?? "")?.[1];
      return python(c, "pyproject.toml", ["poetry.lock", "poetry.toml", ...(readme ? [readme] : [])], /\bpath\s*=|develop\s*=\s*true/);
    }
    case "pipenv":
      return python(c, "Pipfile", ["Pipfile.lock"], /\bpath\s*=|editable\s*=\s*true/);
    case "go": {
      const mod = c.require("go.mod");
      if (!mod.ok) return mod;
      if (c.has("go.work")) return { ok: false, reason: "the module is part of a `go.work` workspace, whose modules need their sources" };
      if (/=>\s*(\.{1,2}\/|\/)/.test(mod.text))
        return { ok: false, reason: "`go.mod` replaces a module with a local folder, which `go mod download` reads" };
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
      // `ruby file: ".ruby-version"` reads that file.
      for (const m of gemfile.text.matchAll(/\bfile:\s*["']([^"']+)["']/g)) {
        if (!c.has(m[1])) return { ok: false, reason: `the Gemfile reads \`${m[1]}\`, which is not in the build context` };
        c.optional(m[1]);
      }
      return c.done(["vendor/bundle"]);
    }
    case "composer": {
      const json = c.require("composer.json");
      if (!json.ok) return json;
      if (/"type"\s*:\s*"path"/.test(json.text))
        return { ok: false, reason: "`composer.json` has a `path` repository, which needs its sources" };
      c.optional("composer.lock", "auth.json");
      return c.done(["vendor"]);
    }
    case "maven": {
      const pom = c.require("pom.xml");
      if (!pom.ok) return pom;
      if (/<modules>/.test(pom.text))
        return { ok: false, reason: "`pom.xml` is a multi-module build, whose modules `go-offline` cannot resolve without their sources" };
      if (/<relativePath>\s*[^<\s]/.test(pom.text)) return { ok: false, reason: "`pom.xml` names a parent POM by a relative path" };
      c.optional("mvnw", ".mvn");
      for (const file of step.files) c.optional(file);
      return c.done([]);
    }
    case "dotnet":
      return dotnetManifests(step, c);
  }
}

const missing = (path: string) => `the build context has no \`${path}\` (or .dockerignore excludes it)`;

/** Gathers existing paths relative to the install folder. */
export class Collector {
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
    if (p === null || text === null) return { ok: false, reason: missing(p ?? name) };
    this.add(p);
    return { ok: true, text };
  }
  /**
   * Collect `start` and, breadth first, every file they include: `includes` reads one file's text and
   * returns the context paths it names, or why they cannot be followed.
   */
  follow(
    start: readonly string[],
    includes: (file: string, text: string) => readonly string[] | { reason: string },
  ): { ok: true } | { ok: false; reason: string } {
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (this.paths.includes(file)) continue;
      const text = this.ctx.read(file);
      if (text === null) return { ok: false, reason: missing(file) };
      this.add(file);
      const next = includes(file, text);
      if ("reason" in next) return { ok: false, reason: next.reason };
      queue.push(...next);
    }
    return { ok: true };
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
  if (local.test(main.text))
    return { ok: false, reason: `\`${manifest}\` names a local path or workspace dependency, which needs its sources` };
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
  const followed = c.follow(queue, (file, text) => {
    const parsed = requirementReferences(text);
    if (!parsed.ok) return { reason: `\`${file}\` ${parsed.reason}` };
    const refs: string[] = [];
    for (const ref of parsed.files) {
      const rel = join(posix.dirname(file), ref);
      if (rel === null || ref.startsWith("/")) return { reason: `\`${file}\` includes \`${ref}\`, outside the build context` };
      refs.push(rel);
    }
    return refs;
  });
  return followed.ok ? c.done([]) : followed;
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
      else if ((opt === "-e" || opt === "--editable") && isLocalRequirement(value))
        return { ok: false, reason: `installs the local path \`${value}\`` };
      else if ((opt === "-f" || opt === "--find-links") && !/^[a-z]+:\/\//i.test(value))
        return { ok: false, reason: `finds packages in the local folder \`${value}\`` };
      continue;
    }
    if (line.startsWith("-")) continue;
    if (isLocalRequirement(line.split(/\s*;/)[0])) return { ok: false, reason: `installs the local path \`${line}\`` };
  }
  return { ok: true, files };
}
