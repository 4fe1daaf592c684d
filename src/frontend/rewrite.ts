// The frontend's call into the library: `optimize()` with the dialect of the inner frontend, the fetched
// build context, and the user's options. Knows nothing of gRPC; `fetch` is how missing files arrive.
import { noContext, type BuildContext } from "../core/context.js";
import type { Note } from "../core/pass.js";
import { optimize, type OptimizeResult } from "../core/pipeline.js";
import { loadShell, parseWithTreeSitter } from "../core/shell.js";
import { dialectDirective, type Dialect } from "./dialect.js";
import type { FrontendOptions } from "./options.js";

export { parseFrontendOptions } from "./settings.js";

export interface RewriteInput {
  readonly text: string;
  readonly filename: string;
  readonly dialect: Dialect;
  readonly options: FrontendOptions;
  /** The build's date (YYYY-MM-DD): how old the bundled catalog is when it pins offline. */
  readonly today?: string;
}

/** A context that records what it could not answer; `fetchMissing` fetches those paths and listings. */
export interface DemandContext extends BuildContext {
  readonly misses: ReadonlySet<string>;
  readonly listMisses: ReadonlySet<string>;
}

export type FetchMissing = (request: { paths: string[]; listings: string[] }) => Promise<void>;

export interface Rewrite {
  /** The Dockerfile to hand on: the optimized text, or the original when msb-opt left it alone. */
  readonly output: string;
  readonly changes: readonly Note[];
  readonly refusals: readonly Note[];
  /** Why the file was left as it was, when optimize could not run. */
  readonly skipped?: string;
}

const DIRECTIVE = /^(#[ \t]*)([A-Za-z][A-Za-z0-9]*)([ \t]*=[ \t]*)(.*?)([ \t]*)$/;

/** The parser directives at the top of the file, with their line index (0-based). */
function directiveLines(lines: readonly string[]): { index: number; name: string }[] {
  const found: { index: number; name: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].replace(/\r$/, ""));
    if (!m) break;
    found.push({ index: i, name: m[2].toLowerCase() });
  }
  return found;
}

/**
 * The core gates new constructs on the file's `# syntax=` line. Ours names msb-opt, which the core cannot
 * know, so while the passes run the line says what the inner frontend really accepts; the user's line is
 * put back afterwards (the inner frontend does not read it: `cmdline` is set). Line numbers do not move.
 */
export function withDialectDirective(text: string, dialect: Dialect): { text: string; restore: (output: string) => string } {
  const lines = text.split("\n");
  const syntax = directiveLines(lines).find((d) => d.name === "syntax");
  if (!syntax) return { text, restore: (output) => output };
  const original = lines[syntax.index];
  const cr = original.endsWith("\r") ? "\r" : "";
  lines[syntax.index] = `# syntax=${dialectDirective(dialect)}${cr}`;
  return {
    text: lines.join("\n"),
    restore(output) {
      const out = output.split("\n");
      const line = directiveLines(out).find((d) => d.name === "syntax");
      if (line) out[line.index] = original;
      else out.unshift(original); // never happens under syntaxDirective "never"; keep the user's line anyway
      return out.join("\n");
    },
  };
}

/**
 * Run the passes, fetching missing context files between runs (at most `rounds` fetches, then as without
 * a context). `optimizer` is the library's `optimize`; tests pass a stand-in that reads files.
 */
export async function rewrite(
  input: RewriteInput,
  context: DemandContext,
  fetchMissing: FetchMissing,
  { rounds = 3, optimizer = optimize }: { rounds?: number; optimizer?: typeof optimize | undefined } = {},
): Promise<Rewrite> {
  const { text, restore } = withDialectDirective(input.text, input.dialect);
  const { inner: _inner, fallback: _fallback, unapplied, ...settings } = input.options;
  if (unapplied !== undefined) return { output: input.text, changes: [], refusals: [], skipped: unapplied };
  const run = (ctx: BuildContext = context): Promise<OptimizeResult> =>
    optimizer(text, {
      ...settings,
      filename: input.filename,
      context: ctx,
      syntaxDirective: "never",
      // A pin made at build time is remade on every build, so it adds no reproducibility, while a pin
      // from the bundled catalog can name an older image than the tag does today: pin only when asked.
      pin: settings.pin ?? "none",
      offline: true, // the frontend runs with no network; BuildKit would have to resolve for us
      today: input.today,
    });
  let result: OptimizeResult;
  try {
    result = await run();
    for (let round = 0; round < rounds && context.misses.size + context.listMisses.size > 0; round++) {
      await fetchMissing({ paths: [...context.misses].sort(), listings: [...context.listMisses].sort() });
      result = await run();
    }
    if (context.misses.size + context.listMisses.size > 0) {
      // Still incomplete: better to plan as for a build without a context (passes then only move what
      // the Dockerfile names) than from a partial view of it.
      result = await run(noContext);
    }
  } catch (err) {
    // A file the core cannot read is handed on as it is: the inner frontend reports its own error, with
    // the user's line numbers.
    return { output: input.text, changes: [], refusals: [], skipped: (err as Error).message };
  }
  if (result.output === text) return { output: input.text, changes: result.changes, refusals: result.refusals };
  return { output: restore(result.output), changes: result.changes, refusals: result.refusals };
}

/**
 * A script only tree-sitter parses (the fast path declines it). The first tree-sitter parse of a process
 * compiles the grammar's functions it reaches (V8 compiles WebAssembly lazily): with the grammar's load,
 * 100-300 ms that a file needing the grammar paid after it had arrived over the gateway.
 */
export const WARM_UP_SCRIPT = [
  "#!/bin/sh",
  "set -eu",
  'for f in "$@"; do',
  '  case "$f" in',
  "    *.txt) printf '%s\\n' \"${f%.txt}\" | tr a-z A-Z ;;",
  '    *) echo "$(basename "$f")" >&2 ;;',
  "  esac",
  "done",
  "",
].join("\n");

/**
 * Load the shell grammar and parse WARM_UP_SCRIPT with it while the gateway's first round trips are under
 * way, so that the user's file finds it ready. (The passes' code comes compiled from the code cache; running
 * them on a file here cost more than it saved.) Never fails.
 */
export function warmUp(): Promise<void> {
  return loadShell()
    .then(() => parseWithTreeSitter(WARM_UP_SCRIPT).delete())
    .then(
      () => undefined,
      () => undefined,
    );
}

/** The vertex name the user sees in the build output. */
export function summary(r: Rewrite): string {
  if (r.skipped) return `[msb-opt] left the Dockerfile unchanged: ${r.skipped}`;
  const declined = r.refusals.length > 0 ? ` (${r.refusals.length} declined)` : "";
  if (r.changes.length === 0) return `[msb-opt] no changes${declined}`;
  const byPass = new Map<string, number>();
  for (const c of r.changes) byPass.set(c.pass, (byPass.get(c.pass) ?? 0) + 1);
  const parts = [...byPass].map(([pass, n]) => (n > 1 ? `${pass} ×${n}` : pass));
  const s = r.changes.length === 1 ? "" : "s";
  return `[msb-opt] ${r.changes.length} change${s}: ${parts.join(", ")}${declined}`;
}
