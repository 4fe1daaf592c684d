// Run a batch: files are optimized in worker threads (or in this thread for --jobs 1), results come back
// in file order, and `onResult` sees each one as soon as it is ready (for progress).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { processFile, type BatchPassOptions, type FileResult, type FileTask } from "./process-file.js";

/** Files per message to a worker: large enough to amortise messaging, small enough to balance load. */
const CHUNK = 32;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function runBatch(
  tasks: readonly FileTask[],
  options: BatchPassOptions,
  jobs: number,
  onResult: (result: FileResult) => void = () => {},
): Promise<FileResult[]> {
  const workerFile = new URL("./batch-worker.js", import.meta.url);
  const workers = Math.min(jobs, Math.ceil(tasks.length / CHUNK));
  // Under the TypeScript sources (tests) there is no built worker file: run in this thread.
  if (workers <= 1 || workerFile.protocol !== "file:" || !existsSync(fileURLToPath(workerFile))) {
    const results: FileResult[] = [];
    for (const task of tasks) {
      const result = await processFile(task, options);
      results.push(result);
      onResult(result);
    }
    return results;
  }
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(workerFile));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) return resolve();
              const id = next;
              next += CHUNK;
              worker.postMessage({ id, tasks: tasks.slice(id, id + CHUNK), options });
            };
            worker.on("message", (msg: { id: number; results: FileResult[] }) => {
              msg.results.forEach((r, i) => {
                results[msg.id + i] = r;
                onResult(r);
              });
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
