// One Dockerfile of a batch: read, optimize, classify. Never throws: a file that cannot be read or parsed becomes
// an `error` result, a bug in msb-opt an `internal` one (told apart everywhere: a bug asks for a report).
import { readFileSync } from "node:fs";
import { decodeBytes } from "../core/bytes.js";
import { fsContext, watchFailures } from "../core/context.js";
import { DockerfileError } from "../core/parse.js";
import type { Note, ProposedFile } from "../core/pass.js";
import { optimize, type OptimizeOptions } from "../core/pipeline.js";
import { ISSUES_URL } from "../io/version.js";
import { catalogWithFault } from "./fault.js";

/**
 * changed / unchanged / refused: optimized; skipped: found but not processed (a symbolic link out of the tree);
 * error: bad input (unreadable, does not parse); internal: a bug in msb-opt met while processing the file.
 */
export type FileStatus = "changed" | "unchanged" | "refused" | "skipped" | "error" | "internal";

export interface FileError {
  readonly line: number | null;
  readonly message: string;
  /** Internal errors: the stack, shown only with --debug. */
  readonly stack?: string;
}

export interface FileTask {
  /** Absolute path of the Dockerfile. */
  readonly path: string;
  /** Absolute path of its build context. */
  readonly context: string;
  /** How reports and diffs name the file. */
  readonly display: string;
  /** Settings for this file (its config file and the CLI flags), over the batch's defaults. */
  readonly options?: BatchPassOptions;
}

export interface FileResult extends FileTask {
  readonly status: FileStatus;
  readonly original: string | null;
  readonly output: string | null;
  /** Empty unless the batch asked for diffs (`withDiffs`). */
  readonly diff: string;
  readonly changes: readonly Note[];
  readonly refusals: readonly Note[];
  /** Build-context files the passes propose (context-relative paths). */
  readonly files: readonly ProposedFile[];
  readonly error: FileError | null;
}

/** Options that cross to worker threads: plain data only (the context and the pass catalog are made per file). */
export type BatchPassOptions = Omit<OptimizeOptions, "context" | "filename" | "catalog">;

/** The batch-wide options: the files' pass options, whether to make diffs, and a test seam. */
export interface BatchRunOptions extends BatchPassOptions {
  /**
   * Work out each file's diff (for --diff and the html report): a twentieth of a file's run, and code each worker
   * compiles again, that a batch which prints no diff does not need.
   */
  readonly withDiffs?: boolean;
  /** Tests only: the id of a pass to make throw (see fault.ts). */
  readonly injectFault?: string;
}

const empty = { original: null, output: null, diff: "", changes: [], refusals: [], files: [] };

/** The result of a file whose processing met a bug in msb-opt. */
export function internalResult(task: FileTask, err: unknown, original: string | null = null): FileResult {
  const what = (err as Error)?.message ?? String(err);
  const message = `internal error in msb-opt (a bug, not a problem with this file): ${what}; please report it at ${ISSUES_URL} with the file (--debug adds the stack)`;
  const stack = (err as Error)?.stack;
  return { ...task, ...empty, original, status: "internal", error: { line: null, message, ...(stack ? { stack } : {}) } };
}

export async function processFile(task: FileTask, options: BatchRunOptions): Promise<FileResult> {
  const { injectFault, withDiffs, ...passOptions } = options;
  let text: string;
  try {
    text = decodeBytes(readFileSync(task.path));
  } catch (err) {
    return { ...task, ...empty, status: "error", error: { line: null, message: `cannot read: ${(err as Error).message}` } };
  }
  const unreadable = new Map<string, string>();
  const context = watchFailures(fsContext(task.context, task.path), (path, why) => unreadable.set(path, why));
  try {
    const result = await optimize(text, {
      ...passOptions,
      ...task.options,
      context,
      filename: task.display,
      catalog: catalogWithFault(injectFault, task.display),
    });
    if (unreadable.size > 0) {
      // Cannot check: the passes that needed the unreadable part declined; nothing of this file is written.
      const [path, why] = [...unreadable][0];
      const what = path === "." ? "its build context" : `\`${path}\` in its build context`;
      const message = `cannot check: msb-opt could not read ${what} (${why}), so the passes that need it declined; make it readable and run again`;
      const { changes, refusals } = result;
      return { ...task, ...empty, original: text, changes, refusals, status: "error", error: { line: null, message } };
    }
    const status: FileStatus =
      result.output !== text || result.files.length > 0 ? "changed" : result.refusals.length > 0 ? "refused" : "unchanged";
    return {
      ...task,
      status,
      original: text,
      output: result.output,
      diff: withDiffs ? result.diff : "",
      changes: result.changes,
      refusals: result.refusals,
      files: result.files,
      error: null,
    };
  } catch (err) {
    if (!(err instanceof DockerfileError)) return internalResult(task, err, text);
    return { ...task, ...empty, original: text, status: "error", error: { line: err.line, message: err.message } };
  }
}
