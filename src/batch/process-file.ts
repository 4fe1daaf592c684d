// One Dockerfile of a batch: read, optimize, classify. Never throws: a bad file becomes an `error` result.
import { readFileSync } from "node:fs";
import { decodeBytes } from "../core/bytes.js";
import { fsContext } from "../core/context.js";
import { DockerfileError } from "../core/parse.js";
import type { Note, ProposedFile } from "../core/pass.js";
import { optimize, type OptimizeOptions } from "../core/pipeline.js";

export type FileStatus = "changed" | "unchanged" | "refused" | "error";

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
  readonly diff: string;
  readonly changes: readonly Note[];
  readonly refusals: readonly Note[];
  /** Build-context files the passes propose (context-relative paths). */
  readonly files: readonly ProposedFile[];
  readonly error: { readonly line: number | null; readonly message: string } | null;
}

/** Options that cross to worker threads: plain data only (the context is made per file). */
export type BatchPassOptions = Omit<OptimizeOptions, "context" | "filename">;

export async function processFile(task: FileTask, options: BatchPassOptions): Promise<FileResult> {
  const empty = { original: null, output: null, diff: "", changes: [], refusals: [], files: [] };
  let text: string;
  try {
    text = decodeBytes(readFileSync(task.path));
  } catch (err) {
    return { ...task, ...empty, status: "error", error: { line: null, message: `cannot read: ${(err as Error).message}` } };
  }
  try {
    const result = await optimize(text, { ...options, ...task.options, context: fsContext(task.context), filename: task.display });
    const status: FileStatus =
      result.output !== text || result.files.length > 0 ? "changed" : result.refusals.length > 0 ? "refused" : "unchanged";
    return {
      ...task,
      status,
      original: text,
      output: result.output,
      diff: result.diff,
      changes: result.changes,
      refusals: result.refusals,
      files: result.files,
      error: null,
    };
  } catch (err) {
    const line = err instanceof DockerfileError ? err.line : null;
    const message =
      err instanceof DockerfileError ? err.message : `internal error, please report it: ${(err as Error)?.message ?? String(err)}`;
    return { ...task, ...empty, original: text, status: "error", error: { line, message } };
  }
}
