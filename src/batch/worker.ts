// Worker thread of a batch: optimizes the files it is sent, a chunk at a time.
import { parentPort } from "node:worker_threads";
import { loadShell } from "../core/shell.js";
import { workerDiesOn } from "./fault.js";
import { processFile, type BatchRunOptions, type FileTask } from "./process-file.js";
import { threadTid, trace, tracing } from "./trace.js";

interface Job {
  readonly id: number;
  readonly tasks: readonly FileTask[];
  readonly options: BatchRunOptions;
}

// Load the grammar before the first job arrives (the pipeline awaits the same promise, and reports its failure).
trace("loaded", `thread ${threadTid()}`);
loadShell().then(
  () => trace("grammar loaded"),
  () => {},
);

/** A job is done: bin/code-cache.js has been told that the functions a job needs are compiled. */
let warm = false;

// Jobs run one after the other in the order they came (the pool sends the next before this one is done).
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (job: Job) => {
  queue = queue.then(() => run(job));
});

/** When the last job's result was posted: the time from then to the next job's start is waiting. */
let idleSince = performance.now();

async function run(job: Job): Promise<void> {
  const start = performance.now();
  const results = [];
  for (const task of job.tasks) {
    if (workerDiesOn(job.options.injectFault, task.display)) process.exit(70); // a test's stand-in for a crash
    results.push(await processFile(task, job.options));
  }
  parentPort?.postMessage({ id: job.id, results });
  if (tracing()) {
    const end = performance.now();
    trace("job", `${job.tasks.length} files, ${(end - start).toFixed(0)} ms busy, ${(start - idleSince).toFixed(0)} ms waiting before`);
    idleSince = end;
  }
  // The functions a job compiles are now compiled: bin/code-cache.js may write them to its cache (once).
  if (!warm) (process as NodeJS.EventEmitter).emit("msb-opt:warm");
  warm = true;
}
