// reorder-copy: copy the dependency manifests before the install and the sources after it, so that a
// source edit no longer invalidates the install layer.
//
//   COPY . .                 →   COPY package.json package-lock.json ./
//   RUN npm ci                   RUN npm ci
//                                COPY . .
//
// The install then sees only its manifests instead of every file, so the pass proves from the build
// context (with .dockerignore applied) that it needs nothing else: no install hooks, no local path
// dependencies, no generated files. It only reorders install steps that the Dockerfile already has.
import { posix } from "node:path";
import { contextPath, type BuildContext } from "../../src/core/context.js";
import { isManifestName, manifestsFor } from "./manifests/collector.js";
import { withDockerignore } from "../../src/core/dockerignore.js";
import { buildWithoutDependencyStep, classifyRun, type InstallStep } from "./install-commands.js";
import { instruction, withStage, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass, type PassContext } from "../../src/core/pass.js";
import { joinContinuations, parseRun } from "../../src/core/run-script.js";
import { simpleCommands } from "../../src/core/shell.js";

const messages = {
  reordered: "Copied {manifests} before `{install}` and moved {moved} after it, so that a source edit no longer re-runs the install.",
  movedOnly:
    "Moved {moved} after `{install}`, which needs only the manifests copied before it, so that a source edit no longer re-runs the install.",
  noContext:
    "Left `{install}` after {moved}: without the build context msb-opt cannot see which manifests exist or whether the install reads other files; run msb-opt with the Dockerfile's folder (or `--context`).",
  refused: "Left `{install}` after {moved}: {reason}.",
  noDependencyStep:
    "Left `{build}` after {moved}: it downloads its dependencies as part of the build, so every source edit downloads them again; add {advice} (msb-opt only reorders steps, it does not add them).",
  noDockerignore:
    "The build context has no `.dockerignore`, so `{copy}` sends everything (node_modules, .git, build output) to the builder and any change there re-runs the steps after it; add a `.dockerignore`.",
} as const;
type MessageId = keyof typeof messages;
type Ctx = PassContext<MessageId>;

/** Instructions that neither read nor write files, so COPYs may move across them. */
const INERT = new Set(["ENV", "ARG", "LABEL", "EXPOSE", "USER", "WORKDIR"]);
const MOVABLE_FLAGS = new Set(["chown", "chmod", "link"]);

export default definePass({
  id: "reorder-copy",
  title: "Copy dependency manifests before the install",
  rationale:
    "`COPY . .` before `RUN npm ci` (or yarn, pnpm, pip, poetry, pipenv, uv, go mod download, bundle, composer, mvn dependency:go-offline, dotnet restore) makes every source edit re-run the install. Copying the manifests first and the sources after keeps the install layer cached. The pass reads the build context (with .dockerignore) to copy only files that exist and refuses when the install may read other files; it reorders existing steps and never adds one.",
  messages,
  run(df, ctx) {
    const view = withDockerignore(ctx.context);
    let out = df;
    df.stages.forEach((stage, index) => {
      out = withStage(out, index, rewriteStage(df, stage, ctx, view));
    });
    suggestDockerignore(df, ctx);
    return out;
  },
});

interface Copy {
  readonly instr: Instruction;
  /** Context-relative sources (null for one outside the context or that expands a variable). */
  readonly sources: readonly (string | null)[];
  readonly dest: string;
  /** `COPY . <dest>`: the whole context. */
  readonly whole: boolean;
}

/** A COPY or ADD from the build context (no `--from`, no heredoc), split into sources and destination. */
function contextCopy(instr: Instruction): Copy | null {
  if ((instr.keyword !== "COPY" && instr.keyword !== "ADD") || instr.heredocs.length > 0) return null;
  if (instr.flags.some((f) => f.name === "from")) return null;
  const text = joinContinuations(instr.args);
  let words: string[];
  if (text.startsWith("[")) {
    try {
      words = JSON.parse(text) as string[];
    } catch {
      return null;
    }
  } else words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.slice(0, -1).some((s) => /^(https?|git):\/\/|^git@|\.git(#|$)/.test(s))) return null;
  const dest = words[words.length - 1];
  const sources = words.slice(0, -1).map((s) => (s.includes("$") || /^[a-z]+:\/\//i.test(s) ? null : contextPath(s)));
  return { instr, sources, dest, whole: sources.length === 1 && sources[0] === "." };
}

const copyLabel = (c: Copy) => `\`${c.instr.keyword} ${joinContinuations(c.instr.args)}\``;
const listLabel = (copies: readonly Copy[]) => copies.map(copyLabel).join(" and ");

function rewriteStage(df: Dockerfile, stage: Stage, ctx: Ctx, view: BuildContext): Stage {
  let body = stage.body;
  let installedBefore = false;
  for (let i = 0; i < body.length; i++) {
    const run = body[i];
    if (run.keyword !== "RUN") continue;
    const parsed = parseRun(df, stage, run);
    if (!parsed.ok) continue;
    if (run.flags.some((f) => f.name === "mount" && /(^|,)type=bind(,|$)/.test(f.value ?? "") && !/(^|,)from=/.test(f.value ?? "")))
      continue;
    const commands = simpleCommands(parsed.script);
    const kind = classifyRun(commands);
    if (kind.kind === "none") {
      if (!installedBefore) adviseDependencyStep(body, i, commands, ctx);
      continue;
    }
    // A later install of the project itself (`uv sync` after `uv sync --no-install-project`) needs the sources.
    const earlierInstall = installedBefore;
    installedBefore ||= kind.steps.length > 0;
    // The instructions right above the install that only copy from the context or are inert.
    let start = i;
    while (start > 0 && (contextCopy(body[start - 1]) || INERT.has(body[start - 1].keyword))) start--;
    const isSuspect = (c: Copy) => c.whole || !c.sources.some((s) => s !== null && isManifestName(posix.basename(s)));
    // Manifest copies above a WORKDIR belong to another folder: the region starts after that WORKDIR.
    const workdir = body
      .slice(start, i)
      .map((x) => x.keyword)
      .lastIndexOf("WORKDIR");
    if (workdir >= 0 && !body.slice(start, start + workdir).some((x) => contextCopy(x) && isSuspect(contextCopy(x)!))) start += workdir + 1;
    const copies = body
      .slice(start, i)
      .map(contextCopy)
      .filter((c): c is Copy => c !== null);
    const suspects = copies.filter(isSuspect);
    if (suspects.length === 0) continue;
    const install = kind.steps.length > 0 ? kind.steps.map((s) => s.command).join("` and `") : firstInstallWord(run);
    const moved = listLabel(suspects);
    if (kind.kind === "refuse") {
      if (earlierInstall) continue;
      ctx.decline(run.line, "refused", { install, moved, reason: kind.reason });
      continue;
    }
    if (!ctx.context.available) {
      ctx.decline(run.line, "noContext", { install, moved });
      continue;
    }
    const result = plan(body, start, i, copies, kind.steps, view, ctx);
    if ("reason" in result) {
      ctx.decline(run.line, "refused", { install, moved: listLabel(result.moved ?? suspects), reason: result.reason });
      continue;
    }
    body = result.body;
    i = result.next - 1;
  }
  return body === stage.body ? stage : { ...stage, body };
}

/** After `COPY . .`, a `go build` (cargo, mvn, gradle, dotnet) with no dependency step before it: say what to add. */
function adviseDependencyStep(body: readonly Instruction[], index: number, commands: ReturnType<typeof simpleCommands>, ctx: Ctx): void {
  const build = buildWithoutDependencyStep(commands);
  if (!build || !ctx.context.available) return;
  let start = index;
  while (start > 0 && (contextCopy(body[start - 1]) || INERT.has(body[start - 1].keyword))) start--;
  const whole = body
    .slice(start, index)
    .map(contextCopy)
    .find((c) => c?.whole);
  if (!whole) return;
  const present = build.manifest.startsWith("*")
    ? ctx.context.list(".").some((n) => n.endsWith(build.manifest.slice(1)))
    : ctx.context.exists(build.manifest);
  if (present) ctx.decline(body[index].line, "noDependencyStep", { build: build.command, moved: copyLabel(whole), advice: build.advice });
}

function firstInstallWord(run: Instruction): string {
  return joinContinuations(run.args).split(/\s*(&&|;|\|\|)\s*/)[0];
}

type Plan = { body: readonly Instruction[]; next: number } | { reason: string; moved?: readonly Copy[] };

/** Rewrite body[start..runIndex] so that the install sees only its manifests, or say why not. */
function plan(
  body: readonly Instruction[],
  start: number,
  runIndex: number,
  copies: readonly Copy[],
  steps: readonly InstallStep[],
  view: BuildContext,
  ctx: Ctx,
): Plan {
  const run = body[runIndex];
  const wholes = copies.filter((c) => c.whole);
  const cwd = workdirAt(body, runIndex);
  // A WORKDIR between a COPY and the install changes what a relative destination means.
  const lastWorkdir = body
    .slice(0, runIndex)
    .map((x) => x.keyword)
    .lastIndexOf("WORKDIR");
  const shifted = copies.find((c) => body.indexOf(c.instr) < lastWorkdir && !c.dest.startsWith("/"));
  if (shifted) return { reason: `a WORKDIR between ${copyLabel(shifted)} and the install changes where its relative destination points` };
  // Where the context root landed relative to the folder the install runs in.
  let dir = "";
  let contextRoot: string | null = cwd;
  if (wholes.length > 0) {
    const dests = new Set(wholes.map((c) => normalizeDest(c.dest, cwd)));
    if (dests.size > 1) return { reason: "the stage copies the whole context to several places" };
    const dest = [...dests][0];
    if (dest === null)
      return {
        reason: `msb-opt cannot tell where \`${wholes[0].dest}\` is relative to the folder the install runs in; use a literal path`,
      };
    if (dest === ".") dir = "";
    else if (cwd === null)
      return { reason: `msb-opt cannot tell whether the install runs in \`${wholes[0].dest}\`; add a \`WORKDIR\` before the COPY` };
    else if (cwd !== null && (cwd === dest || cwd.startsWith(`${dest === "/" ? "" : dest}/`))) dir = posix.relative(dest, cwd);
    else return { reason: `the install runs in \`${cwd ?? "?"}\`, not in \`${wholes[0].dest}\` where the sources are copied` };
    contextRoot = dest === "." ? cwd : dest;
  }
  const paths: string[] = [];
  const outputs: string[] = [];
  for (const step of steps) {
    const needs = manifestsFor(step, view, dir, contextRoot);
    if (!needs.ok) return { reason: needs.reason };
    for (const p of needs.paths) if (!paths.includes(p)) paths.push(p);
    outputs.push(...needs.outputs);
  }
  const provides = (c: Copy) => c.sources.some((s) => s !== null && expand(view, s).some((p) => paths.includes(p)));
  const moved = copies.filter((c) => c.whole || !provides(c));
  if (moved.length === 0) return { body, next: runIndex + 1 };
  const first = body.indexOf(moved[0].instr);
  const firstWhole = wholes.length > 0 ? body.indexOf(wholes[0].instr) : runIndex;
  for (let k = firstWhole; k < runIndex; k++) {
    const instr = body[k];
    const copy = contextCopy(instr);
    if (copy && !moved.some((m) => m.instr === instr)) {
      return { reason: `${copyLabel(copy)} comes after the sources and would have to move above them; put it before them`, moved };
    }
  }
  for (const c of moved) {
    const bad = c.instr.flags.find((f) => !MOVABLE_FLAGS.has(f.name));
    if (bad) return { reason: `${copyLabel(c)} has \`--${bad.name}\`, which msb-opt does not move`, moved };
    if (/\$/.test(c.instr.args) || c.instr.flags.some((f) => f.value?.includes("$")))
      return { reason: `${copyLabel(c)} uses a variable; use a literal path`, moved };
    if (c.sources.some((s) => s === null)) return { reason: `${copyLabel(c)} copies a path msb-opt cannot check`, moved };
    const overwritten = outputs.find((o) => c.sources.some((s) => s === "." || o === s || o.startsWith(`${s}/`)));
    if (overwritten)
      return {
        reason: `the build context has \`${overwritten}\`, which ${copyLabel(c)} would copy over what the install wrote; add it to .dockerignore`,
        moved,
      };
    if (!c.whole) {
      const needed = paths.find((p) => c.sources.some((s) => s !== null && (p === s || p.startsWith(`${s}/`) || s.startsWith(`${p}/`))));
      if (needed) return { reason: `${copyLabel(c)} also brings \`${needed}\`, which the install reads`, moved };
      if (c.sources.some((s) => s !== null && /[*?[]/.test(s)))
        return { reason: `${copyLabel(c)} uses a wildcard, which may also match manifests; name the files`, moved };
      if (normalizeDest(c.dest, cwd) === "." && c.sources.some((s) => s !== null && view.list(s).length > 0)) {
        return {
          reason: `${copyLabel(c)} copies a folder's contents into the working folder, where the install reads its manifests; copy that folder's manifests first`,
          moved,
        };
      }
    }
  }
  // Manifests the moved `COPY .` provided and no earlier COPY did.
  const earlier =
    dir !== ""
      ? []
      : body
          .slice(start, first)
          .map(contextCopy)
          .filter((c): c is Copy => c !== null && normalizeDest(c.dest, cwd) === ".");
  const already = new Set(earlier.flatMap((c) => c.sources.flatMap((s) => (s === null ? [] : expand(view, s)))));
  const fresh = wholes.length > 0 ? paths.filter((p) => !already.has(p)) : [];
  if (fresh.some((p) => /\s/.test(p))) return { reason: "a manifest's path has blanks", moved };
  const newCopies = manifestCopies(fresh, moved.find((c) => c.whole)!, view);
  const head = moved[0].instr;
  const blank = /^(\s*\n)*/.exec(head.leading)?.[0] ?? "";
  const stay = body.slice(first, runIndex).filter((instr) => !moved.some((m) => m.instr === instr));
  const placed = newCopies.map((c, n) => (n === 0 ? { ...c, leading: blank } : c));
  const after = moved.map((m, n) =>
    n === 0 && placed.length > 0 ? { ...m.instr, leading: m.instr.leading.slice(blank.length) } : m.instr,
  );
  const next = [...body.slice(0, first), ...placed, ...stay, run, ...after];
  const install = steps.map((s) => s.command).join("` and `");
  const movedText = listLabel(moved);
  if (placed.length > 0) {
    ctx.report(head.line, "reordered", {
      manifests: newCopies.map((c) => `\`${joinContinuations(c.args).split(" ").slice(0, -1).join(" ")}\``).join(", "),
      install,
      moved: movedText,
    });
  } else {
    ctx.report(head.line, "movedOnly", { install, moved: movedText });
  }
  return { body: [...next, ...body.slice(runIndex + 1)], next: next.length };
}

/** COPY instructions for manifests: files of one folder together, each folder on its own. */
function manifestCopies(paths: readonly string[], whole: Copy | undefined, view: BuildContext): Instruction[] {
  if (!whole || paths.length === 0) return [];
  const flags = whole.instr.flags;
  const base = whole.dest === "." || whole.dest === "./" ? "./" : whole.dest.replace(/\/*$/, "/");
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const folder = view.exists(p) && view.read(p) === null;
    const target = folder ? p : posix.dirname(p);
    const key = target === "." ? "" : target;
    const group = folder ? `dir:${p}` : key;
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  return [...groups].map(([group, sources]) => {
    const sub = group.startsWith("dir:") ? group.slice(4) : group;
    const dest = sub === "" ? base : `${base}${sub}/`;
    return instruction("COPY", [...sources, dest].join(" "), { flags, line: whole.instr.line });
  });
}

/** A source path expanded against the context when it has a wildcard in its last part. */
function expand(view: BuildContext, source: string): string[] {
  const name = posix.basename(source);
  if (!/[*?[]/.test(name)) return [source];
  const folder = posix.dirname(source);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return view
    .list(folder)
    .filter((n) => re.test(n))
    .map((n) => (folder === "." ? n : `${folder}/${n}`));
}

/** The absolute working folder at body[index] from the stage's WORKDIRs, or null when unknown. */
function workdirAt(body: readonly Instruction[], index: number): string | null {
  let dir: string | null = null;
  for (let k = 0; k < index; k++) {
    if (body[k].keyword !== "WORKDIR") continue;
    const arg = joinContinuations(body[k].args).trim();
    if (arg.includes("$")) dir = null;
    else if (arg.startsWith("/")) dir = posix.normalize(arg);
    else dir = dir === null ? null : posix.join(dir, arg);
  }
  return dir === null ? null : dir.replace(/(.)\/+$/, "$1");
}

/** "." for the working folder itself, else an absolute path; null when unknown. */
function normalizeDest(dest: string, cwd: string | null): string | null {
  if (dest.includes("$")) return null;
  if (dest.startsWith("/")) {
    const abs = posix.normalize(dest).replace(/(.)\/+$/, "$1");
    return cwd !== null && abs === cwd ? "." : abs;
  }
  const rel = posix.normalize(dest).replace(/\/+$/, "");
  if (rel === "." || rel === "") return ".";
  return cwd === null ? null : posix.join(cwd, rel);
}

function suggestDockerignore(df: Dockerfile, ctx: Ctx): void {
  if (!ctx.context.available || ctx.context.exists(".dockerignore")) return;
  for (const stage of df.stages) {
    const whole = stage.body.map(contextCopy).find((c) => c?.whole);
    if (whole) {
      ctx.decline(whole.instr.line, "noDockerignore", { copy: `${whole.instr.keyword} ${joinContinuations(whole.instr.args)}` });
      return;
    }
  }
}
