// Parse → passes in canonical order → syntax directive → print → diff. The one entry point that the CLI,
// batch and the BuildKit frontend all call.
import { posix } from "node:path";
import { PASSES } from "../../passes/index.js";
import { noContext, type BuildContext } from "./context.js";
import { unifiedDiff } from "./diff.js";
import { allInstructions, type Dockerfile } from "./ir.js";
import { parseDockerfile } from "./parse.js";
import { readIgnores, violatedIgnore, type Ignores } from "./ignores.js";
import { formatMessage, type Note, type Options, type Intended, type Pass, type PassContext, type ProposedFile } from "./pass.js";
import { printDockerfile } from "./print.js";
import { loadShell, withShellScope } from "./shell.js";
import { allowsConstruct, withSyntaxDirective } from "./syntax.js";

export interface OptimizeOptions extends Partial<Options> {
  /** Run only these pass ids (canonical order is kept). */
  readonly passes?: readonly string[];
  /** Skip these pass ids. */
  readonly skip?: readonly string[];
  readonly context?: BuildContext;
  /** The path shown in the diff headers (proposed context files are shown beside it). */
  readonly filename?: string;
}

export interface OptimizeResult {
  readonly output: string;
  /** Changes made, by line. */
  readonly changes: readonly Note[];
  /** Changes declined, with the reason and what the user can do. */
  readonly refusals: readonly Note[];
  /** The Dockerfile's diff, then one section per proposed file. */
  readonly diff: string;
  /** Build-context files the passes propose to write (not written by `optimize`). */
  readonly files: readonly ProposedFile[];
  /** Differences between the images that the passes intend (read by `msb-opt verify`). */
  readonly intended?: readonly Intended[];
}

/** The passes an option set selects, in canonical order; unknown ids are an error. */
export function selectPasses(options: Pick<OptimizeOptions, "passes" | "skip"> = {}): Pass[] {
  const known = new Set(PASSES.map((p) => p.id));
  for (const id of [...(options.passes ?? []), ...(options.skip ?? [])]) {
    if (!known.has(id)) throw new UnknownPassError(id, [...known]);
  }
  return PASSES.filter((p) => (!options.passes || options.passes.includes(p.id)) && !options.skip?.includes(p.id));
}

export class UnknownPassError extends Error {
  constructor(id: string, known: string[]) {
    super(`unknown pass "${id}" (known: ${known.join(", ")})`);
    this.name = "UnknownPassError";
  }
}

export function optimize(text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  return withShellScope(() => optimizeInScope(text, options));
}

async function optimizeInScope(text: string, options: OptimizeOptions): Promise<OptimizeResult> {
  const filename = options.filename ?? "Dockerfile";
  const passes = selectPasses(options);
  const { dockerfile: input, unsupported } = parseDockerfile(text);
  if (unsupported.length > 0) {
    const refusals = unsupported.map((u) => ({
      pass: "parse",
      line: u.line,
      kind: "refusal" as const,
      message: `Left the file unchanged: it has ${u.reason}, which msb-opt cannot rewrite safely; simplify that line to let the passes run.`,
    }));
    return { output: text, changes: [], refusals, diff: "", files: [] };
  }
  const opts: Options = { syntaxDirective: "auto", ...options };
  if (passes.length > 0 && [...allInstructions(input)].some((i) => i.keyword === "RUN" || i.keyword === "ONBUILD")) {
    await loadShell();
  }
  deepFreeze(input);

  const notes: Note[] = [];
  const ignores = readIgnores(
    input,
    PASSES.map((p) => p.id),
  );
  for (const u of ignores.unknown) {
    notes.push({
      pass: "ignore",
      line: u.line,
      kind: "refusal",
      message: `Found no pass \`${u.id}\` to ignore; \`msb-opt --list-passes\` names them.`,
    });
  }
  const files = new Map<string, ProposedFile>();
  const intended: Intended[] = [];
  let df: Dockerfile = input;
  for (const pass of passes) {
    const passNotes: Note[] = [];
    const passIntended: Intended[] = [];
    let changes = 0;
    const ctx: PassContext = {
      options: opts,
      context: options.context ?? noContext,
      input,
      report(line, id, data) {
        changes++;
        passNotes.push({ pass: pass.id, line, kind: "change", message: formatMessage(pass.messages[id], data) });
      },
      decline(line, id, data) {
        passNotes.push({ pass: pass.id, line, kind: "refusal", message: formatMessage(pass.messages[id], data) });
      },
      canUse: (construct) => allowsConstruct(input, opts.syntaxDirective, construct),
      isIgnored: (instr) => ignores.global.has(pass.id) || Boolean(ignores.local.get(instr)?.passes.has(pass.id)),
      proposeFile(path, content, line, id, data) {
        const context = options.context ?? noContext;
        const before = files.get(path)?.before ?? context.read(path);
        if (content === before) return;
        files.set(path, { path, before, after: content });
        passNotes.push({ pass: pass.id, line, kind: "change", message: formatMessage(pass.messages[id], data) });
      },
      intend: (kind, detail) => passIntended.push({ pass: pass.id, kind, detail }),
    };
    const prepared = pass.prepare ? await pass.prepare(df, ctx) : undefined;
    const next = pass.run(df, ctx, prepared);
    if ((next === df) !== (changes === 0)) {
      throw new Error(
        `pass ${pass.id} broke its contract: it ${next === df ? "returned its input but reported changes" : "changed the file without reporting it"}`,
      );
    }
    const skipped = skippedByIgnore(pass.id, df, next, ignores, passNotes);
    if (skipped) {
      notes.push(skipped);
      continue;
    }
    notes.push(...passNotes);
    if (next !== df) intended.push(...passIntended);
    df = deepFreeze(next);
  }

  const { dockerfile: final, raisedTo } = withSyntaxDirective(input, df, opts.syntaxDirective);
  if (raisedTo) {
    notes.push({
      pass: "syntax",
      line: 1,
      kind: "change",
      message: `Set the syntax directive to \`${raisedTo}\` so that BuildKit accepts the new constructs.`,
    });
  }
  const output = final === input ? text : printDockerfile(final);
  const byLine = (a: Note, b: Note) => a.line - b.line;
  return {
    output,
    changes: notes.filter((n) => n.kind === "change").sort(byLine),
    refusals: notes.filter((n) => n.kind === "refusal").sort(byLine),
    diff:
      unifiedDiff(text, output, filename) +
      [...files.values()]
        .map((f) => unifiedDiff(f.before ?? "", f.after, posix.join(posix.dirname(filename), f.path), f.before === null))
        .join(""),
    files: [...files.values()],
    ...(intended.length > 0 ? { intended } : {}),
  };
}

/** A note when an ignore comment forbids what the pass did; the pass's result is then dropped. */
function skippedByIgnore(id: string, before: Dockerfile, after: Dockerfile, ignores: Ignores, passNotes: readonly Note[]): Note | null {
  if (before === after) return null;
  const first = (passNotes.find((n) => n.kind === "change")?.message ?? "").replace(/\.$/, "");
  const count = passNotes.filter((n) => n.kind === "change").length;
  const globalLine = ignores.global.get(id);
  if (globalLine !== undefined) {
    return {
      pass: id,
      line: globalLine,
      kind: "refusal",
      message: `Skipped ${count} change${count === 1 ? "" : "s"} because of \`# msb-opt global ignore=${id}\` (the first: ${first}).`,
    };
  }
  const present = new Set(allInstructions(before));
  const protectedInstrs = [...ignores.local].filter(([instr, e]) => e.passes.has(id) && present.has(instr)).map(([instr]) => instr);
  const hit = violatedIgnore(before, after, protectedInstrs);
  if (!hit) return null;
  const line = ignores.local.get(hit)!.line;
  return {
    pass: id,
    line: hit.line,
    kind: "refusal",
    message: `Skipped ${count} change${count === 1 ? " because it" : "s because they"} would touch or move this instruction, which \`# msb-opt ignore=${id}\` on line ${line} protects (the first: ${first}).`,
  };
}

/** Freeze the IR so that a pass that mutates its input fails loudly instead of corrupting output. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
