// Merging consecutive RUNs of a stage into one `&&` chain, only when the merged shell fails exactly when one
// of the RUNs would have failed and every command sees the same shell state as before.
//
// Why the layout is exact (the shell in effect has no errexit; a stage whose SHELL has `-e` is left alone):
// - each RUN ran in a fresh shell and failed the build iff its exit status was non-zero; in `A && B` B runs
//   iff A's status is zero, and the status of the whole is the first non-zero one;
// - `a || b && c` is `(a || b) && c`, so a first RUN's and-or list joins as is; a later one that uses `||`
//   is grouped (`… && { a || b; }`), as is any `a; b` sequence (status of b, as in its own RUN);
// - a RUN that leaves state (cd, export, traps…) and is followed by another runs in `( … )`: the later RUN
//   never saw that state; `set -e` and `trap` are not isolated, as `-e` is ignored in the left of `&&`.
import {
  changed,
  commentsInContinuation,
  flagValue,
  stageIndex,
  type Dockerfile,
  type Instruction,
  type Stage,
} from "../../src/core/ir.js";
import { continuationLines, printFlag } from "../../src/core/print.js";
import { collapseBlanks, commentLines, scriptLines, trailingComment } from "./layout.js";
import { parseRun, shellInEffect } from "../../src/core/run-script.js";
import { pathEffects, type PathEffects } from "./path-effects.js";
import { hasBackground, shellHasErrexit, shellLoadsProfile, stateLeftBehind, topLevel, type StateItem } from "./shell-state.js";
import { MAX_SHELL_DEPTH, type ShellScript } from "../../src/core/shell.js";

export type MergeNoteId =
  | "merged"
  | "mergedIsolated"
  | "flagsDiffer"
  | "freshMount"
  | "heredoc"
  | "execForm"
  | "windowsEscape"
  | "nonPosixShell"
  | "parseError"
  | "tooDeep"
  | "noCommand"
  | "daemon"
  | "setErrexit"
  | "trap"
  | "replacesShell"
  | "hashedCommand"
  | "trailingComment"
  | "background"
  | "errexitShell"
  | "startupShell"
  | "ignored";

export interface MergeNote {
  readonly kind: "change" | "refusal";
  readonly line: number;
  readonly id: MergeNoteId;
  readonly data: Readonly<Record<string, string | number>>;
}

type Analysis =
  | { readonly ok: false; readonly id: MergeNoteId; readonly data: Readonly<Record<string, string>> }
  | {
      readonly ok: true;
      readonly script: ShellScript;
      readonly state: readonly StateItem[];
      readonly background: boolean;
      readonly comment: boolean;
      readonly effects: PathEffects;
    };
type Readable = Extract<Analysis, { ok: true }>;

const POSIX_SHELLS = /(^|\/)(sh|bash|ash|dash)$/;

function analyze(df: Dockerfile, stage: Stage, instr: Instruction): Analysis {
  const no = (id: MergeNoteId, data: Record<string, string> = {}): Analysis => ({ ok: false, id, data });
  if (instr.heredocs.length > 0) return no("heredoc");
  if (instr.exec) return no("execForm");
  if (df.escape !== "\\") return no("windowsEscape");
  const shell = shellInEffect(df, stage, instr);
  if (!shell || !POSIX_SHELLS.test(shell[0] ?? "")) return no("nonPosixShell", { shell: (shell ?? ["?"]).join(" ") });
  const parsed = parseRun(df, stage, instr);
  if (!parsed.ok) return no(parsed.tooDeep ? "tooDeep" : "parseError", { depth: String(MAX_SHELL_DEPTH) });
  return reading(parsed.script, shell[0]) ?? no("noCommand");
}

/**
 * What a script does, by the shell that runs it: worked out once per parsed script object, which the shell
 * parser shares between the RUNs of a file and the files of a batch (the same RUN in many Dockerfiles).
 * Null when the script runs no command.
 */
function reading(parsed: ShellScript, shell: string): Readable | null {
  let byShell = readings.get(parsed);
  if (!byShell) readings.set(parsed, (byShell = new Map()));
  let known = byShell.get(shell);
  if (known === undefined) {
    const script = collapseBlanks(parsed);
    known =
      topLevel(script).statements.length === 0
        ? null
        : {
            ok: true,
            script,
            state: stateLeftBehind(script),
            background: hasBackground(script),
            comment: trailingComment(script) !== "",
            effects: pathEffects(script, shell),
          };
    byShell.set(shell, known);
  }
  return known;
}
const readings = new WeakMap<ShellScript, Map<string, Readable | null>>();

const list = (items: readonly string[]) => [...new Set(items)].join(", ");

/**
 * The stage's body with mergeable RUNs merged, and the notes saying what was merged or why not. A RUN the
 * user protected (`# msb-opt ignore=merge-run`) stays on its own, and the RUNs around it merge apart.
 */
export function mergeRuns(
  df: Dockerfile,
  stage: Stage,
  isIgnored: (instr: Instruction) => boolean = () => false,
): { body: readonly Instruction[]; notes: MergeNote[] } {
  const notes: MergeNote[] = [];
  const cache = new Map<Instruction, Analysis>();
  const get = (i: Instruction) => cache.get(i) ?? cache.set(i, analyze(df, stage, i)).get(i)!;
  const body: Instruction[] = [];
  let i = 0;
  while (i < stage.body.length) {
    const first = stage.body[i];
    const group = [first];
    let j = i + 1;
    while (first.keyword === "RUN" && j < stage.body.length && stage.body[j].keyword === "RUN") {
      const protectedRun = [group[group.length - 1], stage.body[j]].find(isIgnored);
      const refusal = protectedRun
        ? { kind: "refusal" as const, line: protectedRun.line, id: "ignored" as const, data: {} }
        : (blocker(df, stage, group[group.length - 1], stage.body[j], get) ?? staleLookup(group, stage.body[j], get));
      if (refusal) {
        if (!notes.some((n) => sameRefusal(n, refusal))) notes.push(refusal);
        break;
      }
      group.push(stage.body[j++]);
    }
    if (group.length === 1) {
      body.push(first);
      i++;
      continue;
    }
    body.push(mergeGroup(df, group, get));
    const data = { count: group.length, lines: groupLines(group) };
    const isolated = group.slice(0, -1).filter((g) => (get(g) as Readable).state.length > 0);
    if (isolated.length === 0) notes.push({ kind: "change", line: first.line, id: "merged", data });
    else {
      const what = list(isolated.flatMap((g) => (get(g) as Readable).state.map((s) => s.what)));
      const lines = isolated.map((g) => g.line);
      const which = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(", ")} and ${lines[lines.length - 1]}`;
      notes.push({ kind: "change", line: first.line, id: "mergedIsolated", data: { ...data, isolated: which, what } });
    }
    i = j;
  }
  return { body: body.length === stage.body.length ? stage.body : body, notes };
}

/**
 * The merged RUNs by line (`lines 5, 7`). A RUN an earlier pass added (split-stages' `npm prune`) carries the line
 * of the step it follows: it is named by its command, not by that line a second time.
 */
function groupLines(group: readonly Instruction[]): string {
  const own = new Map<number, Instruction>();
  for (const g of group) if (!own.has(g.line) || (own.get(g.line)?.raw === null && g.raw !== null)) own.set(g.line, g);
  const lines = [...own.keys()];
  const named = `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`;
  const added = group
    .filter((g) => own.get(g.line) !== g)
    .map((g) => {
      const [head, ...rest] = g.args
        .replace(/\\\r?\n/g, " ")
        .trim()
        .split(/\s*(?:&&|\|\||;)\s*/);
      return `\`${head.replace(/\s+/g, " ")}${rest.length > 0 ? " …" : ""}\``;
    });
  if (added.length === 0) return named;
  return `${named} and the RUN${added.length > 1 ? "s" : ""} ${added.join(", ")} an earlier pass added`;
}

/** Reasons that hold for every RUN of a stage or file: said once. */
const WIDE = new Set<MergeNoteId>(["windowsEscape", "nonPosixShell", "errexitShell", "startupShell"]);

/**
 * One note per RUN and reason; a shell or escape that blocks every RUN of the stage is said once. (An exec-form
 * RUN between two RUNs blocks both of its pairs.)
 */
function sameRefusal(a: MergeNote, b: MergeNote): boolean {
  if (a.id !== b.id) return false;
  return a.line === b.line || (WIDE.has(a.id) && a.data.shell === b.data.shell);
}

/** Why `next` cannot join the group that ends with `prev`, or null. */
function blocker(df: Dockerfile, stage: Stage, prev: Instruction, next: Instruction, get: (i: Instruction) => Analysis): MergeNote | null {
  const refuse = (line: number, id: MergeNoteId, data: Record<string, string | number>): MergeNote => ({ kind: "refusal", line, id, data });
  const flags = (i: Instruction) => i.flags.map(printFlag).sort().join(" ");
  if (flags(prev) !== flags(next)) {
    const differing = [...new Set([...prev.flags, ...next.flags].map((f) => f.name))].filter(
      (n) => flagValue(prev, n) !== flagValue(next, n),
    );
    return refuse(next.line, "flagsDiffer", { other: prev.line, flags: differing.map((n) => `--${n}`).join("`, `") });
  }
  // Each RUN gets its own empty tmpfs and its own copy of a writable bind mount: merged, the later commands
  // would see what the earlier ones wrote there.
  const fresh = next.flags.find(
    (f) =>
      f.name === "mount" &&
      /(^|,)type=(tmpfs|bind)(,|$)/.test(f.value ?? "") &&
      (/tmpfs/.test(f.value ?? "") || /(^|,)(rw|readwrite)(=true)?(,|$)/.test(f.value ?? "")),
  );
  if (fresh) return refuse(next.line, "freshMount", { other: prev.line, mount: fresh.value ?? "" });
  for (const instr of [prev, next]) {
    const a = get(instr);
    if (!a.ok) return refuse(instr.line, a.id, { ...a.data, other: instr === prev ? next.line : prev.line });
  }
  const shell = shellInEffect(df, stage, next);
  if (shell && shellHasErrexit(shell)) return refuse(next.line, "errexitShell", { other: prev.line, shell: shell.join(" ") });
  const startup = startupVariable(df, stage);
  if ((shell && shellLoadsProfile(shell)) || startup) {
    return refuse(next.line, "startupShell", { other: prev.line, shell: startup ? `ENV ${startup}` : `SHELL ${(shell ?? []).join(" ")}` });
  }
  const a = get(prev) as Readable;
  const b = get(next) as Readable;
  if (a.comment) return refuse(prev.line, "trailingComment", { other: next.line });
  if (a.background || b.background)
    return refuse((a.background ? prev : next).line, "background", { other: (a.background ? next : prev).line });
  const blocking = a.state.find((s) => s.blocker !== undefined);
  if (blocking?.blocker) return refuse(prev.line, blocking.blocker, { other: next.line, command: blocking.what });
  if (a.effects.replacesShell) return refuse(next.line, "replacesShell", { other: prev.line, command: a.effects.replacesShell });
  return null;
}

/**
 * A command of `next` that the merged shell would find where it found it before a RUN of the group put a
 * program on PATH (shells remember the first lookup); in its own RUN, a fresh shell finds the new one.
 * Installs whose program names are unknown (`pip install`, `make install`, `curl … | sh`) count for every name.
 */
function staleLookup(group: readonly Instruction[], next: Instruction, get: (i: Instruction) => Analysis): MergeNote | null {
  const b = get(next) as Readable;
  if (b.effects.rehashes) return null;
  const effects = group.map((g) => (get(g) as Readable).effects);
  for (const name of b.effects.runs) {
    // Looked up first in RUN `k`: an install in RUN `k` (maybe after the lookup) or later leaves it stale.
    const k = effects.findIndex((e) => e.runs.has(name));
    const m = k < 0 ? -1 : effects.findIndex((e, i) => i >= k && e.installer !== null && e.installs(name));
    if (m >= 0)
      return {
        kind: "refusal",
        line: next.line,
        id: "hashedCommand",
        data: { other: group[m].line, command: effects[m].installer ?? "", name },
      };
  }
  return null;
}

/** `ENV BASH_ENV=…` or `ENV SHELLOPTS=…` in the stage or a stage it is built FROM: bash reads them at every start. */
function startupVariable(df: Dockerfile, stage: Stage): string | null {
  for (const instr of stage.body) {
    const m = instr.keyword === "ENV" ? /(?:^|\s)(BASH_ENV|SHELLOPTS)[=\s]/.exec(instr.args) : null;
    if (m) return m[1];
  }
  const parent = stageIndex(df, stage.base.raw, df.stages.indexOf(stage));
  return parent >= 0 ? startupVariable(df, df.stages[parent]) : null;
}

function mergeGroup(df: Dockerfile, group: readonly Instruction[], get: (i: Instruction) => Analysis): Instruction {
  const lines: string[] = [];
  const comments: string[] = [];
  group.forEach((instr, k) => {
    const a = get(instr) as Readable;
    const isolate = k < group.length - 1 && a.state.length > 0;
    const own = scriptLines(a.script, k === 0 ? "first" : "later", isolate);
    lines.push(...own.map((l, n) => (k > 0 && n === 0 ? `&& ${l}` : l)));
    if (k > 0) comments.push(...commentLines(instr.leading));
    comments.push(...commentsInContinuation(instr));
  });
  const comment = trailingComment((get(group[group.length - 1]) as Readable).script);
  if (comment) lines[lines.length - 1] += ` ${comment}`;
  const leading = group[0].leading + comments.map((c) => c.replace(/\n$/, df.newline)).join("");
  return changed(group[0], { args: continuationLines(lines, df.escape), leading });
}
