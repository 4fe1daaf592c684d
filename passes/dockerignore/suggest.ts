// Which `.dockerignore` entries a build context should have, from its ecosystem and what the Dockerfile
// rebuilds, and which of them would hide a file that a COPY/ADD needs (checked with BuildKit's matching).
import type { BuildContext } from "../../src/core/context.js";
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
    for (const dir of dirs) {
      if (isIgnored(gitignored, dir)) suggestions.push({ pattern: dir, why: "build output the Dockerfile rebuilds" });
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

/** Logs npm (before 5), yarn 1 and lerna write in the project when a command fails: no app reads them. */
const TOOL_LOGS = ["npm-debug.log*", "yarn-error.log*", "lerna-debug.log*"];
const TOOL_LOG = /^(npm-debug|yarn-error|lerna-debug)\.log/;
const LOG = parseDockerignore("**/*.log");
/** Bounded: past this many context entries (outside node_modules and .git) the walk stops and answers "may ship". */
const MAX_WALK = 20000;

/**
 * Why `**\/*.log` must stay out: a context log (outside node_modules and .git, not a package manager's failure
 * log, not hidden by the user's `.dockerignore`) that a COPY or ADD of the context puts in the image; or null.
 */
function shippedLog(df: Dockerfile, ctx: BuildContext): string | null {
  const copies = contextSources(df);
  if (copies.length === 0) return null;
  const user = parseDockerignore(ctx.read(".dockerignore") ?? "");
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
