// Inline control, the way hadolint users write it:
//   # msb-opt ignore=merge-run,pin-tags     on the line(s) directly above an instruction: that instruction only
//   # msb-opt global ignore=split-stages    anywhere: the whole file
// `all` or `*` names every pass. A comment that asks msb-opt to ignore but names no pass it can read
// (`# MSB-OPT-IGNORE`, `# msb-opt ignore`, `# msb-opt-ignore merge-run`) protects from every pass, as a bare
// `# noqa`, `# nosec` or `// eslint-disable-next-line` does: the user's "leave this alone" wins, with a note.
// The pipeline enforces them: a pass whose result would touch or move a protected instruction is dropped
// for this file, and the notes say so.
import { allInstructions, type Dockerfile, type Instruction } from "./ir.js";

// Read in any case, with `:` or blanks after the name and `=`, `:` or blanks after `ignore`: `# MSB-OPT
// IGNORE=merge-run`, `# msb-opt: ignore=pin-tags`, `# msb-opt ignore merge-run` all mean the same.
const IGNORE = /^\s*#\s*msb-opt(?:\s*:\s*|\s+)(global\s+)?ignore(?:\s*[=:]\s*|\s+)([\w*-]+(?:[\s,]+[\w*-]+)*)[\s,]*$/i;
/** A comment that starts with the name (or joins it to `ignore`, as other linters spell it): meant for msb-opt,
 * so one it cannot read gets a note. */
const MENTION = /^\s*#\s*(?:msb-opt(?![\w-])|msb[-_]?opt[-_]ignore\b)/i;
/** Of those, one that asks to ignore (`ignore` as a word or joined to the name), and whether for the whole file. */
const ASKS_IGNORE = /^\s*#\s*msb[-_]?opt(?:[-_\s:]+(global)\b)?[-_\s:]*ignore(?![a-z])/i;
/** Ids that name every pass. */
const EVERY = new Set(["all", "*"]);

/** What the pipeline says about ignore comments, by id. */
export const IGNORE_MESSAGES = {
  unknownPass: "Found no pass `{id}` to ignore; `msb-opt --list-passes` names them.",
  unreadable:
    "Did not read this comment as an ignore comment, although it starts with `msb-opt`: write `# msb-opt ignore=<pass>,<pass>` above an instruction, or `# msb-opt global ignore=<pass>` for the whole file.",
  globalOff: "Did not run {pass}: `# msb-opt global ignore={pass}` turns it off for this file.",
  skipped:
    "Skipped {count} {changes} would touch or move this instruction, which `# msb-opt ignore={pass}` on line {line} protects (the first: {first}).",
  skippedEvery:
    "Skipped {count} {changes} would touch or move this instruction, which the comment on line {line} protects from every pass (the first: {first}).",
  bare: "Read this comment as protecting the instruction below from every pass: it asks msb-opt to ignore but names no pass it can read; write `# msb-opt ignore=<pass>,<pass>` to protect it from some passes only.",
  bareGlobal:
    "Read this comment as turning every pass off for this file: it asks msb-opt to ignore but names no pass it can read; write `# msb-opt global ignore=<pass>,<pass>` to turn some passes off only.",
  bareDetached:
    "Did not read this comment as an ignore comment: it protects nothing, because no instruction follows directly below it; put it on the line right above the instruction.",
  globalAll: "Ran no pass: the comment on line {line} turns every pass off for this file.",
} as const;

export interface Ignores {
  /** pass id → line of the global ignore comment. */
  readonly global: ReadonlyMap<string, number>;
  /** instruction → pass ids it is protected from, with the comment's line. */
  readonly local: ReadonlyMap<Instruction, { readonly passes: ReadonlySet<string>; readonly line: number }>;
  /** Ids in ignore comments that name no pass. */
  readonly unknown: readonly { readonly line: number; readonly id: string }[];
  /** Comments that start with `msb-opt` but are no ignore comment msb-opt can read. */
  readonly unreadable: readonly { readonly line: number; readonly text: string }[];
  /**
   * Comments that ask msb-opt to ignore but name no pass it can read, taken as naming every pass, with the
   * message id of their note (`bare`, `bareGlobal`, or `bareDetached` when they protect nothing).
   */
  readonly bare: readonly { readonly line: number; readonly id: "bare" | "bareGlobal" | "bareDetached" }[];
  /** The line of a global ignore of every pass (`all`, `*` or a bare one), or null. */
  readonly everyGlobal: number | null;
}

export function readIgnores(df: Dockerfile, knownPasses: readonly string[]): Ignores {
  const global = new Map<string, number>();
  const protectedInstrs = new Map<Instruction, { passes: Set<string>; line: number }>();
  const unknown: { line: number; id: string }[] = [];
  const unreadable: { line: number; text: string }[] = [];
  const bare: { line: number; id: "bare" | "bareGlobal" | "bareDetached" }[] = [];
  let everyGlobal: number | null = null;
  const take = (comment: string, line: number): { global: boolean; ids: string[]; bare: boolean } | null => {
    const m = IGNORE.exec(comment);
    if (!m) {
      if (!MENTION.test(comment)) return null;
      const asks = ASKS_IGNORE.exec(comment);
      if (asks) return { global: Boolean(asks[1]), ids: [...knownPasses], bare: true };
      unreadable.push({ line, text: comment.trim() });
      return null;
    }
    const ids = m[2]
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => id.toLowerCase());
    if (ids.some((id) => EVERY.has(id))) return { global: Boolean(m[1]), ids: [...knownPasses], bare: false };
    for (const id of ids) if (!knownPasses.includes(id)) unknown.push({ line, id });
    return { global: Boolean(m[1]), ids: ids.filter((id) => knownPasses.includes(id)), bare: false };
  };
  const scan = (block: string, firstLine: number, instr: Instruction | null) => {
    // Every ignore comment names msb-opt: a block without the name (most of them) holds none.
    if (!/msb[-_]?opt/i.test(block)) return;
    const lines = block.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    // Only the comment lines directly above the instruction (no blank line between) protect it.
    let directlyAbove = lines.length;
    while (directlyAbove > 0 && /^\s*#/.test(lines[directlyAbove - 1])) directlyAbove--;
    lines.forEach((text, i) => {
      const found = take(text, firstLine + i);
      if (!found) return;
      const local = !found.global && instr !== null && i >= directlyAbove;
      if (found.bare) bare.push({ line: firstLine + i, id: found.global ? "bareGlobal" : local ? "bare" : "bareDetached" });
      if (found.global && found.ids.length === knownPasses.length) everyGlobal ??= firstLine + i;
      if (found.global) for (const id of found.ids) if (!global.has(id)) global.set(id, firstLine + i);
      if (local && instr) {
        const entry = protectedInstrs.get(instr) ?? { passes: new Set<string>(), line: firstLine + i };
        for (const id of found.ids) entry.passes.add(id);
        protectedInstrs.set(instr, entry);
      }
    });
  };
  let last: Instruction | null = null;
  for (const instr of allInstructions(df)) {
    if (/msb[-_]?opt/i.test(instr.leading)) scan(instr.leading, instr.line - (instr.leading.split("\n").length - 1), instr);
    last = instr;
  }
  // The trailing text starts after the last instruction's last line (its lines counted once, not each RUN's).
  const lastLine = last ? last.line + (last.raw ?? "").split("\n").length - 1 : df.directives.length;
  scan(df.trailing, lastLine + 1, null);
  return { global, local: protectedInstrs, unknown, unreadable, bare, everyGlobal };
}

/**
 * The passes an instruction is protected from: its own ignore comment, or that of the instruction it
 * stems from. A pass that derives an instruction (split-stages' runtime FROM from the original FROM) gives
 * it the original's line and keyword, so an ignore holds through every pass and every stage made from it.
 */
export function protectedFrom(ignores: Ignores, instr: Instruction): ReadonlySet<string> | null {
  const own = ignores.local.get(instr);
  if (own) return own.passes;
  for (const [original, entry] of ignores.local) {
    if (original.line === instr.line && original.keyword === instr.keyword) return entry.passes;
  }
  return null;
}

/** The ignore comment's line for a protected instruction (or the one it stems from). */
export function ignoreLine(ignores: Ignores, instr: Instruction): number | null {
  for (const [original, entry] of ignores.local) {
    if (original === instr || (original.line === instr.line && original.keyword === instr.keyword)) return entry.line;
  }
  return null;
}

/**
 * The first protected instruction that `after` touches or moves, relative to `before`: it is gone
 * (changed or merged away), it left its stage, or an instruction that existed before crossed it.
 */
export function violatedIgnore(before: Dockerfile, after: Dockerfile, protectedInstrs: readonly Instruction[]): Instruction | null {
  if (before === after) return null;
  const existed = new Set(allInstructions(before));
  for (const p of protectedInstrs) {
    const was = before.stages.find((s) => s.from === p || s.body.includes(p));
    const now = after.stages.find((s) => s.from === p || s.body.includes(p));
    if (!was) {
      if (!after.globalArgs.includes(p)) return p;
      continue;
    }
    // Its stage with another FROM is the same stage when only that FROM line was rewritten (pin-tags): same
    // place, same line, no stage added or removed.
    const sameStage =
      now !== undefined &&
      (now.from === was.from ||
        (after.stages.length === before.stages.length &&
          after.stages.indexOf(now) === before.stages.indexOf(was) &&
          now.from.line === was.from.line));
    if (!sameStage) return p;
    const beforeP = new Set(was.body.slice(0, Math.max(0, was.body.indexOf(p))));
    const nowIndex = now.body.indexOf(p);
    const nowBefore = now.body.slice(0, Math.max(0, nowIndex)).filter((i) => existed.has(i));
    const nowAfter = now.body.slice(nowIndex + 1).filter((i) => existed.has(i));
    if (nowBefore.some((i) => !beforeP.has(i)) || nowAfter.some((i) => beforeP.has(i))) return p;
  }
  return null;
}
