// Where a batch's results go: in place (atomic), a mirror tree, or nowhere (dry run).
import { mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { encodeText } from "../core/bytes.js";
import { writeFileAtomically } from "../io/atomic-write.js";
import type { FileResult } from "./process-file.js";

/**
 * Replace each changed file atomically (through symbolic links). A file that cannot be written becomes an
 * `error` result, and so does a second, different rewrite of a file already written under another name (a link).
 */
export function writeInPlace(results: readonly FileResult[]): FileResult[] {
  const written = new Map<string, { text: string; by: string }>();
  return results.map((r) => {
    if (r.status !== "changed" || r.output === null) return r;
    try {
      // As root, the permission check would pass: honour the file's own write bits instead.
      if ((statSync(r.path).mode & 0o222) === 0) throw new Error("the file is read-only");
      const writes = [...(r.output !== r.original ? [{ path: r.path, text: r.output }] : [])];
      for (const f of r.files) writes.push({ path: join(r.context, f.path), text: f.after });
      for (const w of writes) {
        const earlier = written.get(realPath(w.path));
        if (earlier && earlier.text !== w.text) throw new Error(`it is the same file as ${earlier.by}, which was rewritten differently`);
      }
      for (const w of writes) {
        // encodeText writes bytes that were not UTF-8 in the input back as the same bytes.
        writeFileAtomically(w.path, encodeText(w.text));
        written.set(realPath(w.path), { text: w.text, by: r.display });
      }
      return r;
    } catch (err) {
      return { ...r, status: "error", error: { line: null, message: `not written: ${(err as Error).message}` } };
    }
  });
}

/** Write every optimized file (unchanged ones too) under `outDir`, at its display path. */
export function writeOutDir(results: readonly FileResult[], outDir: string): FileResult[] {
  return results.map((r) => {
    if (r.output === null) return r;
    const target = join(outDir, r.display.replace(/^\/+/, "").replace(/^(\.\.\/)+/, ""));
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomically(target, encodeText(r.output));
      return r;
    } catch (err) {
      return { ...r, status: "error", error: { line: null, message: `not written to ${target}: ${(err as Error).message}` } };
    }
  });
}

/** One unified diff for the whole batch, applicable with `git apply` from the current folder. */
export function combinedDiff(results: readonly FileResult[]): string {
  return results.map((r) => r.diff).join("");
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
