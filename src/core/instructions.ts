// Small typed readers of single instructions that several passes need: COPY/ADD operands, the working
// folder at a point of a stage, the variables an ENV or ARG declares.
import { posix } from "node:path";
import type { Instruction } from "./ir.js";
import { joinContinuations } from "./run-script.js";

/** The source words and destination of a COPY or ADD (shell or JSON form), or null when unreadable or a heredoc. */
export function copyOperands(instr: Instruction): { readonly sources: readonly string[]; readonly dest: string } | null {
  if ((instr.keyword !== "COPY" && instr.keyword !== "ADD") || instr.heredocs.length > 0) return null;
  const text = joinContinuations(instr.args).trim();
  let words: string[];
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === "string")) return null;
      words = parsed as string[];
    } catch {
      return null;
    }
  } else words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/**
 * A WORKDIR's path as Docker reads it: one word, with the quotes around it removed (`WORKDIR '/app'` is `/app`).
 * `literal`: it was single-quoted, so Docker expands no variable in it.
 */
export function workdirPath(args: string): { path: string; literal: boolean } {
  const text = joinContinuations(args).trim();
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  return quoted ? { path: quoted[2], literal: quoted[1] === "'" } : { path: text, literal: false };
}

/** The absolute working folder before body[index], from the stage's WORKDIRs; null when unknown (base image's, or a variable). */
export function workdirAt(body: readonly Instruction[], index: number): string | null {
  let dir: string | null = null;
  for (let k = 0; k < index; k++) {
    if (body[k].keyword !== "WORKDIR") continue;
    const { path: arg, literal } = workdirPath(body[k].args);
    if (arg.includes("$") && !literal) dir = null;
    else if (arg.startsWith("/")) dir = posix.normalize(arg);
    else dir = dir === null ? null : posix.join(dir, arg);
  }
  return dir === null ? null : dir.replace(/(.)\/+$/, "$1");
}

/** One variable of an ENV or ARG: `value` is null for an ARG without a default. */
export interface DeclaredVariable {
  readonly name: string;
  readonly value: string | null;
}

/** The variables an ENV or ARG declares, with quotes removed; null when the syntax is not one this reads. */
export function declaredVariables(instr: Instruction): DeclaredVariable[] | null {
  if (instr.keyword !== "ENV" && instr.keyword !== "ARG") return null;
  const text = joinContinuations(instr.args).trim();
  if (instr.keyword === "ENV" && /^[A-Za-z_]\w*\s+[^=\s]/.test(text) && !/^[A-Za-z_]\w*=/.test(text)) {
    const [, name, value] = /^(\S+)\s+(.*)$/.exec(text)!; // legacy `ENV NAME value with spaces`
    return [{ name, value: value.trim() }];
  }
  const out: DeclaredVariable[] = [];
  const pair = /([A-Za-z_]\w*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?(?:\s+|$)/y;
  while (pair.lastIndex < text.length) {
    const m = pair.exec(text);
    if (!m) return null;
    const raw = m[2];
    if (raw === undefined && instr.keyword === "ENV") return null;
    const value =
      raw === undefined
        ? null
        : raw.startsWith('"')
          ? raw.slice(1, -1).replace(/\\(.)/g, "$1")
          : raw.startsWith("'")
            ? raw.slice(1, -1)
            : raw;
    out.push({ name: m[1], value });
  }
  return out;
}
