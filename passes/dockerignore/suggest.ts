// Which `.dockerignore` entries a build context should have, from its ecosystem and what the Dockerfile
// rebuilds, and which of them would hide a file that a COPY/ADD needs (checked with BuildKit's matching).
import { posix } from "node:path";
import { ignoreFileOf, type BuildContext } from "../../src/core/context.js";
import { isIgnored, parseDockerignore, type IgnorePattern } from "../../src/core/dockerignore.js";
import { allInstructions, type Dockerfile, type Instruction } from "../../src/core/ir.js";
import { gitReader } from "./git-readers.js";

export interface Suggestion {
  readonly pattern: string;
  /** Why, for the note: "Node", "build output", … */
  readonly why: string;
}

export interface Refused {
  readonly pattern: string;
  readonly reason: string;
}

const INSTALLS_NODE = /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm (install|i)\b|bun install\b)/;
const INSTALLS_PYTHON = /\b(pip3? install|poetry install|uv (sync|pip install)|pipenv install)\b/;
const BUILDS =
  /\b(npm run build|yarn build|pnpm( run)? build|tsc\b|vite build|next build|go build|mvn\b[^&|;]*\b(package|install|verify)\b|gradle\w*\b[^&|;]*\b(build|assemble|jar)\b|cargo build)\b/;
const BUILD_DIRS = ["dist", "build", "out", ".next"];

/** Candidate entries for this build, before checking them against the COPY sources. */
export function candidates(df: Dockerfile, ctx: BuildContext): { suggestions: Suggestion[]; refused: Refused[] } {
  const runs = [...allInstructions(df)]
    .filter((i) => i.keyword === "RUN")
    .map((i) => i.args)
    .join("\n");
  const suggestions: Suggestion[] = [];
  const refused: Refused[] = [];
  // Only a context that holds the repository needs the closer look.
  const readsGit = ctx.exists(".git")
    ? gitReader(df, ctx, copiesWholeContext(df))
    : /\bgit\b/.test(runs)
      ? "a RUN calls `git`, which may read the repository"
      : null;
  if (readsGit) refused.push({ pattern: ".git", reason: readsGit });
  else suggestions.push({ pattern: ".git", why: "version control" });
  const node = ctx.exists("package.json");
  if (node && INSTALLS_NODE.test(runs)) suggestions.push({ pattern: "node_modules", why: "Node: the image installs its own" });
  else if (node && ctx.exists("node_modules"))
    refused.push({
      pattern: "node_modules",
      reason: "no RUN installs the Node packages, so the image may use the context's `node_modules`",
    });
  const python = ["requirements.txt", "pyproject.toml", "setup.py", "Pipfile"].some((f) => ctx.exists(f));
  if (python) {
    suggestions.push({ pattern: "**/__pycache__", why: "Python bytecode" }, { pattern: "**/*.py[co]", why: "Python bytecode" });
    if (INSTALLS_PYTHON.test(runs)) suggestions.push({ pattern: ".venv", why: "Python: the image installs its own" });
  }
  if (BUILDS.test(runs)) {
    // A folder counts as build output only when .gitignore says it is generated: a committed `dist` may be what the image runs.
    const gitignored = parseDockerignore(ctx.read(".gitignore") ?? "");
    const dirs = [...BUILD_DIRS, ...(ctx.exists("pom.xml") || ctx.exists("Cargo.toml") ? ["target"] : [])].filter((d) => ctx.exists(d));
    const built = builtDirs(runs, ctx);
    for (const dir of dirs) {
      // Gitignored but not written by this build, and shipped by a COPY: an artefact made outside the Dockerfile
      // (a client CI prebuilt into `build/`), which the image may need.
      const input = !built.has(dir) && shipsFolder(df, dir);
      if (isIgnored(gitignored, dir) && !input) suggestions.push({ pattern: dir, why: "build output the Dockerfile rebuilds" });
      else if (isIgnored(gitignored, dir))
        refused.push({
          pattern: dir,
          reason: `no RUN of this Dockerfile is known to write it and a COPY puts it in the image, so it may be output made outside the build (a CI artefact) that the image needs; add it to .dockerignore yourself if the build makes it`,
        });
      else
        refused.push({
          pattern: dir,
          reason: `\`.gitignore\` does not list it, so it may be source rather than build output; add it to .gitignore or .dockerignore if the build makes it`,
        });
    }
  }
  // A log that a COPY puts in the image may be data the app reads (c32: server.js prints `debug.log`).
  const shipped = shippedLog(df, ctx);
  if (shipped === null) suggestions.push({ pattern: "**/*.log", why: "logs" });
  else {
    refused.push({ pattern: "**/*.log", reason: shipped });
    if (node) suggestions.push(...TOOL_LOGS.map((p) => ({ pattern: `**/${p}`, why: "logs a package manager writes when it fails" })));
  }
  // The app may read a `.env` that `COPY .` puts in the image: excluding it would change what the image does.
  const envFiles = ctx.list(".").filter((n) => n.startsWith(".env"));
  if (envFiles.length > 0 && copiesWholeContext(df))
    refused.push({
      pattern: ".env*",
      reason: `\`COPY .\` puts \`${envFiles[0]}\` in the image, where the app may read it; if it holds secrets, exclude it yourself and pass them at run time`,
    });
  else suggestions.push({ pattern: ".env*", why: "local secrets" });
  return { suggestions, refused };
}

/** Does a COPY or ADD of the context put the folder `dir` (or all of it, through `.`) in the image? */
function shipsFolder(df: Dockerfile, dir: string): boolean {
  return contextSources(df).some(({ clean }) => clean === "." || clean === dir || clean === `${dir}/` || clean === `${dir}/.`);
}

/**
 * The context folders (first path segment) that the build's RUNs are known to write: a compiler's or framework's
 * output folder (tsconfig's `outDir`, vite's and webpack's `dist`, Next's `.next`, create-react-app's `build`,
 * cargo's and Maven's `target`, Gradle's `build`), or one named by an output option, also inside the package.json
 * scripts the RUNs run.
 */
export function builtDirs(runs: string, ctx: BuildContext): Set<string> {
  const scripts = packageScripts(ctx);
  const texts = [runs];
  for (let i = 0; i < texts.length && texts.length < 20; i++)
    for (const m of texts[i].matchAll(/\b(?:npm|yarn|pnpm|bun)(?:\s+run(?:-script)?)?\s+([\w:.-]+)/g))
      if (typeof scripts[m[1]] === "string" && !texts.includes(scripts[m[1]] as string)) texts.push(scripts[m[1]] as string);
  const text = texts.join("\n");
  const dirs = new Set<string>();
  const add = (path: string | null | undefined) => {
    const first = (path ?? "").replace(/^\.\//, "").split("/")[0];
    if (first && first !== "." && first !== "..") dirs.add(first);
  };
  for (const m of text.matchAll(/--(?:outDir|out-dir|outdir|dist-dir|output-path)[=\s]+["']?([^\s"'&;|]+)/g)) add(m[1]);
  for (const m of text.matchAll(/--outfile[=\s]+["']?([^\s"'&;|]+)/g)) add(m[1].includes("/") ? m[1] : null);
  for (const m of text.matchAll(/\bgo build\b[^&|;\n]*\s-o\s+["']?([^\s"'&;|]+)/g)) add(m[1].includes("/") ? m[1] : null);
  for (const m of text.matchAll(/\bbabel\b[^&|;\n]*\s-d\s+["']?([^\s"'&;|]+)/g)) add(m[1]);
  if (/\btsc\b/.test(text)) {
    const project = /\btsc\b[^&|;\n]*\s(?:-p|--project)\s+["']?([^\s"'&;|]+)/.exec(text)?.[1];
    add(
      tsOutDir(ctx, project ? (project.endsWith(".json") ? project : `${project.replace(/\/$/, "")}/tsconfig.json`) : "tsconfig.json", 0),
    );
  }
  if (/\b(vite build|vue-cli-service build|ng build|nest build|parcel build)\b/.test(text))
    add(configOutDir(ctx, /^vite\.config\./) ?? "dist");
  if (/\bwebpack\b/.test(text)) add("dist");
  if (/\bnext build\b/.test(text)) add(".next");
  if (/\bnext export\b/.test(text) || /output:\s*["']export["']/.test(configText(ctx, /^next\.config\./))) add("out");
  if (/\breact-scripts build\b/.test(text)) add("build");
  if (/\b(cargo build|mvn\b[^&|;\n]*\b(package|install|verify))\b/.test(text)) add("target");
  if (/\bgradle\w*\b[^&|;\n]*\b(build|assemble|jar)\b/.test(text)) add("build");
  return dirs;
}

function packageScripts(ctx: BuildContext): Record<string, unknown> {
  try {
    const pkg = JSON.parse(ctx.read("package.json") ?? "{}") as { scripts?: Record<string, unknown> };
    return pkg && typeof pkg.scripts === "object" && pkg.scripts !== null ? pkg.scripts : {};
  } catch {
    return {};
  }
}

/** `compilerOptions.outDir` of a tsconfig (comments and trailing commas allowed), following a relative `extends`. */
function tsOutDir(ctx: BuildContext, path: string, depth: number): string | null {
  const text = ctx.read(path.replace(/^\.\//, ""));
  if (text === null || depth > 3) return null;
  try {
    const json = JSON.parse(text.replace(/\/\*[\s\S]*?\*\/|(?<![:"\w])\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1")) as {
      extends?: unknown;
      compilerOptions?: { outDir?: unknown };
    };
    const base = posix.dirname(path);
    const own = json.compilerOptions?.outDir;
    if (typeof own === "string") return posix.join(base, own);
    if (typeof json.extends === "string" && json.extends.startsWith(".")) {
      const next = posix.join(base, json.extends);
      return tsOutDir(ctx, next.endsWith(".json") ? next : `${next}.json`, depth + 1);
    }
  } catch {
    return null;
  }
  return null;
}

/** The text of the context's root config files whose names match. */
function configText(ctx: BuildContext, name: RegExp): string {
  return ctx
    .list(".")
    .filter((n) => name.test(n))
    .map((n) => ctx.read(n) ?? "")
    .join("\n");
}

/** An `outDir` a root config file sets (`build: { outDir: "public/app" }`). */
function configOutDir(ctx: BuildContext, name: RegExp): string | null {
  return /\boutDir\s*:\s*["'`]([^"'`]+)/.exec(configText(ctx, name))?.[1] ?? null;
}

/** Logs npm (before 5), yarn 1 and lerna write in the project when a command fails: no app reads them. */
const TOOL_LOGS = ["npm-debug.log*", "yarn-error.log*", "lerna-debug.log*"];
const TOOL_LOG = /^(npm-debug|yarn-error|lerna-debug)\.log/;
const LOG = parseDockerignore("**/*.log");
/** Bounded: past this many context entries (outside node_modules and .git) the walk stops and answers "may ship". */
const MAX_WALK = 20000;

/**
 * Why `**\/*.log` must stay out: a context log (outside node_modules and .git, not a package manager's failure
 * log, not hidden by the user's ignore file) that a COPY or ADD of the context puts in the image; or null.
 */
function shippedLog(df: Dockerfile, ctx: BuildContext): string | null {
  const copies = contextSources(df);
  if (copies.length === 0) return null;
  const user = parseDockerignore(ctx.read(ignoreFileOf(ctx)) ?? "");
  // A log a COPY names itself is refused by `checkedSuggestions`, which says so.
  const named = new Set(copySources(df, ctx));
  const shippedBy = (path: string) =>
    copies.find(({ clean }) => {
      if (clean === "." || path === clean || path.startsWith(`${clean}/`)) return true;
      if (!/[*?[]/.test(clean)) return false;
      const pattern = parseDockerignore(clean);
      return isIgnored(pattern, path);
    });
  const queue = ["."];
  let seen = 0;
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    for (const name of ctx.list(dir)) {
      if (++seen > MAX_WALK)
        return `the build context is too large to check each log file against the COPY sources; list the logs the image does not need yourself`;
      const path = dir === "." ? name : `${dir}/${name}`;
      if (ctx.list(path).length > 0) {
        if (name !== "node_modules" && name !== ".git") queue.push(path);
        continue;
      }
      if (!isIgnored(LOG, path) || TOOL_LOG.test(name) || isIgnored(user, path) || named.has(path)) continue;
      const copy = shippedBy(path);
      if (copy)
        return `\`COPY ${copy.src}\` puts \`${path}\` in the image, where the app may read it; list the logs the image does not need yourself`;
    }
  }
  return null;
}

function copiesWholeContext(df: Dockerfile): boolean {
  return [...allInstructions(df)].some(
    (i) =>
      (i.keyword === "COPY" || i.keyword === "ADD") &&
      !i.flags.some((f) => f.name === "from") &&
      sourcesOf(i).some((s) => /^(\.\/?|\/)$/.test(s)),
  );
}

/** Context-relative paths the COPY/ADD sources of the file name (wildcards expanded against the context). */
export function copySources(df: Dockerfile, ctx: BuildContext): string[] {
  return contextSources(df)
    .filter(({ clean }) => clean !== ".")
    .flatMap(({ clean }) => (/[*?[]/.test(clean) ? expand(clean, ctx) : [clean]));
}

/** The context sources of every COPY and ADD (no URL, no other stage), as written and context-relative. */
function contextSources(df: Dockerfile): { src: string; clean: string }[] {
  const out: { src: string; clean: string }[] = [];
  for (const instr of allInstructions(df)) {
    if ((instr.keyword !== "COPY" && instr.keyword !== "ADD") || instr.heredocs.length > 0) continue;
    if (instr.flags.some((f) => f.name === "from")) continue;
    for (const src of sourcesOf(instr)) {
      if (/^[a-z]+:\/\//i.test(src) || src.startsWith("git@")) continue;
      const clean =
        src
          .replace(/^(\.\/)+/, "")
          .replace(/^\/+/, "")
          .replace(/\/+$/, "") || ".";
      out.push({ src, clean });
    }
  }
  return out;
}

function sourcesOf(instr: Instruction): string[] {
  if (instr.exec) return instr.exec.slice(0, -1);
  const words = instr.args
    .replace(/\\\r?\n/g, " ")
    .trim()
    .split(/\s+/);
  return words.slice(0, -1);
}

/** Context paths a wildcard source matches, one folder level at a time. */
function expand(pattern: string, ctx: BuildContext): string[] {
  let paths = ["."];
  for (const part of pattern.split("/")) {
    const re = parseDockerignore(part)[0]?.regex;
    const next: string[] = [];
    for (const dir of paths) {
      const names = /[*?[]/.test(part) ? ctx.list(dir).filter((n) => re?.test(n)) : [part];
      for (const n of names) next.push(dir === "." ? n : `${dir}/${n}`);
    }
    paths = next;
  }
  return paths;
}

/**
 * The suggestions to add to an existing `.dockerignore` (text, or null): those it does not have yet, that
 * hide no COPY source it did not hide already and that would not override one of the user's `!` exceptions.
 */
export function checkedSuggestions(
  existing: string | null,
  suggestions: readonly Suggestion[],
  sources: readonly string[],
): { add: Suggestion[]; refused: Refused[] } {
  const user: IgnorePattern[] = parseDockerignore(existing ?? "");
  const present = new Set((existing ?? "").split(/\r?\n/).map((l) => l.trim()));
  const add: Suggestion[] = [];
  const refused: Refused[] = [];
  for (const s of suggestions) {
    if (present.has(s.pattern) || present.has(`/${s.pattern}`)) continue;
    const own = parseDockerignore(s.pattern);
    const next = [...user, ...own];
    const hidden = sources.find((src) => isIgnored(next, src) && !isIgnored(user, src));
    if (hidden) {
      refused.push({ pattern: s.pattern, reason: `a COPY or ADD needs \`${hidden}\`` });
      continue;
    }
    const exception = user.find((p) => p.exception && isIgnored(own, p.pattern));
    if (exception) {
      refused.push({ pattern: s.pattern, reason: `added after it, it would override the exception \`!${exception.pattern}\`` });
      continue;
    }
    add.push(s);
  }
  return { add, refused };
}
