// Run a batch: files are optimized in worker threads (or in this thread for --jobs 1), results come back
// in file order, and `onResult` sees each one as soon as it is ready (for progress).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import { trace, traceThreads } from "./trace.js";
import { internalResult, processFile, type BatchRunOptions, type FileResult, type FileTask } from "./process-file.js";

/** Files per message to a worker: large enough to amortise messaging, small enough to balance load. */
const CHUNK = 32;
/** Jobs sent to a worker before its first reply. */
const IN_FLIGHT = 2;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * How to start a worker of the built CLI: the worker bundle beside it (dist/batch-worker.cjs), run by bin/code-cache.js
 * with a V8 code cache like the CLI itself (no ES module loader, no parse and compile of the bundle per worker).
 * Null under the TypeScript sources (tests), where files run in this thread.
 */
function workerBoot(): string | null {
  const bundle = new URL("./batch-worker.cjs", import.meta.url);
  const runner = new URL("../bin/code-cache.js", import.meta.url);
  if (bundle.protocol !== "file:" || !existsSync(fileURLToPath(bundle)) || !existsSync(fileURLToPath(runner))) return null;
  const [b, r] = [fileURLToPath(bundle), fileURLToPath(runner)].map((p) => JSON.stringify(p));
  return `require(${r}).runBundle(${b}, { worker: true });`;
}

const startWorker = (boot: string) => new Worker(boot, { eval: true });

/**
 * A batch's V8 flags (process-wide, set before any worker compiles: their code cache is made under them). Every
 * worker compiles the pipeline's hot code for itself, so its TurboFan time is paid once per worker:
 * - no inlining: the largest functions (parseText with dockerfile-ast's parser inside) were compiled again after
 *   each deopt, up to 9 times; over the corpus, --single-threaded CPU 4.75 -> 3.9 s with one worker;
 * - a 6 times larger interrupt budget: a function is optimized after more of it has run, so lukewarm ones never
 *   are; over the corpus, CPU 3.7 -> 3.15 s (1 worker) and 4.6 -> 3.75 s (2), and still less over 4 copies.
 * bin/code-cache.js sets both back before it makes the CLI's own cache.
 */
function batchFlags(): void {
  v8.setFlagsFromString("--no-turbo-inlining --interrupt-budget=400000");
}

/**
 * Workers started ahead, while the caller walks the tree: each spends a while loading the bundle and the
 * shell grammar, which then overlaps the walk instead of delaying the first file. Unreferenced until taken,
 * so that an error before the batch starts does not keep the process alive.
 */
const warm: Worker[] = [];
export function warmUpWorkers(jobs: number): void {
  batchFlags();
  const boot = workerBoot();
  if (!boot || jobs <= 1) return;
  while (warm.length < jobs) {
    const worker = startWorker(boot);
    worker.unref();
    // One that dies before it is taken leaves the pool (a fresh one is started in its place then).
    worker.once("exit", () => warm.includes(worker) && warm.splice(warm.indexOf(worker), 1));
    warm.push(worker);
  }
}

export async function runBatch(
  tasks: readonly FileTask[],
  options: BatchRunOptions,
  jobs: number,
  onResult: (result: FileResult) => void = () => {},
): Promise<FileResult[]> {
  batchFlags();
  const boot = workerBoot();
  const workers = Math.min(jobs, Math.ceil(tasks.length / CHUNK));
  trace("batch", `${tasks.length} files, ${workers} workers`);
  if (workers <= 1 || !boot) {
    for (const w of warm.splice(0)) void w.terminate();
    const results: FileResult[] = [];
    for (const task of tasks) {
      const result = await processFile(task, options);
      results.push(result);
      onResult(result);
    }
    traceThreads();
    return results;
  }
  const results: FileResult[] = new Array(tasks.length);
  // Chunks shrink towards the end (a quarter of each worker's share of what is left, at most CHUNK), so that
  // the workers run out of files together instead of one finishing a last full chunk alone.
  let next = 0;
  const retries: Job[] = [];
  const nextJob = (): Job | undefined => {
    if (retries.length > 0) return retries.shift();
    if (next >= tasks.length) return undefined;
    const size = Math.max(1, Math.min(CHUNK, Math.ceil((tasks.length - next) / (workers * 4))));
    const job = { id: next, tasks: tasks.slice(next, next + size), alone: false };
    next += size;
    return job;
  };
  const live = new Set<Worker>();
  const done = (id: number, r: FileResult) => {
    results[id] = r;
    onResult(r);
  };
  /**
   * A worker that takes jobs until none are left; when it dies, a fresh one takes over. Two jobs are in flight
   * per worker, so that it starts the next as soon as it has posted a result instead of waiting for the reply.
   */
  const serve = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = warm.shift() ?? startWorker(boot);
      worker.ref();
      live.add(worker);
      const inFlight: Job[] = [];
      let dead = false;
      const send = () => {
        while (inFlight.length < IN_FLIGHT) {
          const job = nextJob();
          if (!job) break;
          inFlight.push(job);
          worker.postMessage({ id: job.id, tasks: job.tasks, options });
        }
        if (inFlight.length === 0) resolve();
      };
      // A crash no try/catch in processFile saw (out of memory, an exception thrown outside the pipeline's
      // promise): the job it was on is retried a file at a time, and a file that kills a worker alone is an
      // internal error; the jobs sent after it had not started and go back as they were.
      const die = (err: unknown) => {
        if (dead) return;
        dead = true;
        live.delete(worker);
        void worker.terminate();
        const [current, ...waiting] = inFlight.splice(0);
        if (current?.alone) done(current.id, internalResult(current.tasks[0], err));
        else if (current) current.tasks.forEach((t, i) => retries.push({ id: current.id + i, tasks: [t], alone: true }));
        retries.unshift(...waiting);
        serve().then(resolve);
      };
      worker.on("message", (msg: { id: number; results: FileResult[] }) => {
        if (msg.id === 0 || msg.results.length + msg.id === tasks.length)
          trace("result", `files ${msg.id}..${msg.id + msg.results.length}`);
        const k = inFlight.findIndex((j) => j.id === msg.id);
        if (k >= 0) inFlight.splice(k, 1);
        msg.results.forEach((r, i) => done(msg.id + i, r));
        send();
      });
      worker.on("error", die);
      worker.on("exit", (code) => {
        if (inFlight.length > 0) die(new Error(`the worker thread stopped with exit code ${code}`));
      });
      send();
    });
  try {
    await Promise.all(Array.from({ length: workers }, serve));
  } finally {
    traceThreads(); // before the workers end, while their threads are listed
    await Promise.all([...live, ...warm.splice(0)].map((w) => w.terminate()));
  }
  return results;
}

interface Job {
  readonly id: number;
  readonly tasks: readonly FileTask[];
  /** A retry of one file after its worker died. */
  readonly alone: boolean;
}
