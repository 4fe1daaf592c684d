// The intermediate representation every pass reads and returns.
//
// It is lossless: an instruction that keeps its `raw` text prints exactly as it was read, together with
// the comment and blank lines above it (`leading`) and its own line ending (`eol`). A pass that changes an
// instruction builds a new one without `raw`, and the printer writes it in the canonical style.
// Everything is readonly: passes return new objects and share the parts they did not change.

/** A `--name=value` flag (value null for a bare `--link`). */
export interface Flag {
  readonly name: string;
  readonly value: string | null;
}

/** The body of a heredoc (`<<EOF` … `EOF`) attached to RUN, COPY or ADD. */
export interface Heredoc {
  readonly name: string;
  /** The delimiter was quoted (`<<'EOF'`): no expansion in the body. */
  readonly quoted: boolean;
  /** `<<-EOF`: leading tabs are stripped from the body. */
  readonly stripTabs: boolean;
  /** The lines between the opening line and the delimiter, each ending in "\n". */
  readonly body: string;
}

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, … */
  readonly keyword: string;
  readonly flags: readonly Flag[];
  /**
   * The arguments after the flags as they print: may hold line continuations (escape char + "\n").
   * For heredoc instructions, only the text of the opening line (e.g. `<<EOF` or `python3 <<'PY'`).
   */
  readonly args: string;
  /** Exec (JSON) form of RUN/CMD/ENTRYPOINT/SHELL…, parsed with JSON.parse; null for shell form. */
  readonly exec: readonly string[] | null;
  readonly heredocs: readonly Heredoc[];
  /** Comment and blank lines directly above, verbatim with their line endings. */
  readonly leading: string;
  /** 1-based line in the input where the instruction starts; for new instructions, the line they stem from. */
  readonly line: number;
  /** Original text from keyword to the end of the last line (no line ending); null prints canonically. */
  readonly raw: string | null;
  /** Original line ending ("\n", "\r\n" or "" at end of file); null uses the file's. */
  readonly eol: string | null;
}

/** An image reference split into parts; `raw` is what the FROM line says. */
export interface ImageRef {
  readonly raw: string;
  readonly registry: string | null;
  /** Repository path without registry, e.g. `library/node` is given as `node`. */
  readonly name: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

export interface Stage {
  readonly from: Instruction;
  readonly base: ImageRef;
  /** `AS name`, as written (BuildKit compares it case-insensitively). */
  readonly name: string | null;
  readonly platform: string | null;
  /** The instructions after FROM, up to the next FROM. */
  readonly body: readonly Instruction[];
}

/** A parser directive line at the top of the file (`# syntax=…`, `# escape=…`, `# check=…`). */
export interface Directive {
  readonly name: string;
  readonly value: string;
  /** Original text of the line; null prints canonically as `# name=value`. */
  readonly raw: string | null;
  readonly eol: string | null;
}

export interface Dockerfile {
  readonly bom: boolean;
  /** The file's dominant line ending, used for new lines. */
  readonly newline: "\n" | "\r\n";
  readonly escape: "\\" | "`";
  readonly directives: readonly Directive[];
  /** ARG instructions before the first FROM. */
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** Comments and blank lines after the last instruction. */
  readonly trailing: string;
}

/** Build a new instruction; it prints canonically. */
export function instruction(keyword: string, args: string, init: Partial<Omit<Instruction, "keyword" | "args">> = {}): Instruction {
  return {
    keyword: keyword.toUpperCase(),
    flags: init.flags ?? [],
    args,
    exec: init.exec ?? null,
    heredocs: init.heredocs ?? [],
    leading: init.leading ?? "",
    line: init.line ?? 0,
    raw: null,
    eol: null,
  };
}

/**
 * A changed copy of an instruction, printed canonically from now on (keeps its comments and line). New
 * arguments are built from the words, which BuildKit reads without the comment lines inside a continuation:
 * those the new arguments lack go above the instruction, unless the patch sets `leading` itself.
 */
export function changed(instr: Instruction, patch: Partial<Omit<Instruction, "raw" | "eol">>): Instruction {
  const next = { ...instr, ...patch, raw: null, eol: null };
  const args = patch.args;
  if (args === undefined || args === instr.args || patch.leading !== undefined) return next;
  const lost = commentsInContinuation(instr).filter((c) => !args.includes(c.trim()));
  if (lost.length === 0) return next;
  const newline = instr.args.includes("\r\n") ? "\r\n" : "\n";
  return { ...next, leading: instr.leading + lost.map((c) => c.replace(/\n$/, newline)).join("") };
}

/**
 * The comment lines inside an instruction's continuation lines (its flags' too), trimmed, each ending in "\n";
 * a heredoc's body is not looked at.
 */
export function commentsInContinuation(instr: Pick<Instruction, "raw" | "args" | "heredocs">): string[] {
  return (instr.heredocs.length > 0 ? instr.args : (instr.raw ?? instr.args))
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => /^\s*#/.test(l))
    .map((l) => `${l.trimStart()}\n`);
}

/** The flag's value, or undefined when the instruction has no such flag. */
export function flagValue(instr: Instruction, name: string): string | null | undefined {
  return instr.flags.find((f) => f.name === name)?.value;
}

/** Every instruction of the file in order, FROMs included. */
export function* allInstructions(df: Dockerfile): Generator<Instruction> {
  yield* df.globalArgs;
  for (const stage of df.stages) {
    yield stage.from;
    yield* stage.body;
  }
}

/** A copy of the file with one stage replaced (same object when nothing changed). */
export function withStage(df: Dockerfile, index: number, stage: Stage): Dockerfile {
  if (df.stages[index] === stage) return df;
  const stages = df.stages.slice();
  stages[index] = stage;
  return { ...df, stages };
}

/** The index of the stage that a name (`FROM build`, `COPY --from=build`) refers to, or -1. */
export function stageIndex(df: Dockerfile, ref: string, before = df.stages.length): number {
  const lower = ref.toLowerCase();
  for (let i = 0; i < before; i++) if (df.stages[i].name?.toLowerCase() === lower) return i;
  if (/^\d+$/.test(ref) && Number(ref) < before) return Number(ref);
  return -1;
}
