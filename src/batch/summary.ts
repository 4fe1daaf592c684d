// How many files of a batch ended in each status: the reports and the review page count the same way.
import type { FileResult, FileStatus } from "./process-file.js";

export function summarize(results: readonly FileResult[]): Record<FileStatus | "files", number> {
  const counts = { files: results.length, changed: 0, unchanged: 0, refused: 0, skipped: 0, error: 0, internal: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
