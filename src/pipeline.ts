// Parse → passes in canonical order → syntax directive → print → diff. The one entry point that the CLI,
// batch and the BuildKit frontend all call.
import { PASSES } from "../passes/index.js";
import { noContext, type BuildContext } from "./context.js";
import { unifiedDiff } from "./diff.js";
import { allInstructions, type Dockerfile } from "./ir.js";
import { parseDockerfile } from "./parse.js";
import { formatMessage, type Note, type Options, type Pass, type PassContext } from "./pass.js";
import { printDockerfile } from "./print.js";
import { loadShell } from "./shell.js";
import { allowsConstruct, withSyntaxDirective } from "./syntax.js";

export interface OptimizeOptions extends Partial<Options> {
  /** Run only these pass ids (canonical order is kept). */
  readonly passes?: readonly string[];
  /** Skip these pass ids. */
  readonly skip?: readonly string[];
  readonly context?: BuildContext;
  /** The path shown in the diff headers. */
  readonly filename?: string;
}

export interface OptimizeResult {
  readonly output: string;
  /** Changes made, by line. */
  readonly changes: readonly Note[];
  /** Changes declined, with the reason and what the user can do. */
  readonly refusals: readonly Note[];
  readonly diff: string;
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

export async function optimize(text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> {
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
    return { output: text, changes: [], refusals, diff: "" };
  }
  const opts: Options = { syntaxDirective: "auto", ...options };
  if (passes.length > 0 && [...allInstructions(input)].some((i) => i.keyword === "RUN" || i.keyword === "ONBUILD")) {
    await loadShell();
  }
  deepFreeze(input);

  const notes: Note[] = [];
  let df: Dockerfile = input;
  for (const pass of passes) {
    let changes = 0;
    const ctx: PassContext = {
      options: opts,
      context: options.context ?? noContext,
      input,
      report(line, id, data) {
        changes++;
        notes.push({ pass: pass.id, line, kind: "change", message: formatMessage(pass.messages[id], data) });
      },
      decline(line, id, data) {
        notes.push({ pass: pass.id, line, kind: "refusal", message: formatMessage(pass.messages[id], data) });
      },
      canUse: (construct) => allowsConstruct(input, opts.syntaxDirective, construct),
    };
    const prepared = pass.prepare ? await pass.prepare(df, ctx) : undefined;
    const next = pass.run(df, ctx, prepared);
    if ((next === df) !== (changes === 0)) {
      throw new Error(`pass ${pass.id} broke its contract: it ${next === df ? "returned its input but reported changes" : "changed the file without reporting it"}`);
    }
    df = deepFreeze(next);
  }

  const { dockerfile: final, raisedTo } = withSyntaxDirective(input, df, opts.syntaxDirective);
  if (raisedTo) {
    notes.push({ pass: "syntax", line: 1, kind: "change", message: `Set the syntax directive to \`${raisedTo}\` so that BuildKit accepts the new constructs.` });
  }
  const output = final === input ? text : printDockerfile(final);
  const byLine = (a: Note, b: Note) => a.line - b.line;
  return {
    output,
    changes: notes.filter((n) => n.kind === "change").sort(byLine),
    refusals: notes.filter((n) => n.kind === "refusal").sort(byLine),
    diff: unifiedDiff(text, output, filename),
  };
}

/** Freeze the IR so that a pass that mutates its input fails loudly instead of corrupting output. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
