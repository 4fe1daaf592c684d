// MSB_OPT_BATCH_TRACE=1: one line on standard error per phase of a batch, from the main thread and each worker,
// with the milliseconds since the process started and the process's CPU time, to see where a batch waits or
// repeats work (issue 20). Off by default; costs one property read per call then.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { threadId } from "node:worker_threads";

export const TRACE_ENV = "MSB_OPT_BATCH_TRACE";

const on = Boolean(process.env[TRACE_ENV]);

/**
 * Write `phase` with the time since start, the CPU time of the process and of this thread (V8 compiles and
 * collects on helper threads: the difference), and `detail`.
 */
export function trace(phase: string, detail = ""): void {
  if (!on) return;
  const cpu = process.cpuUsage();
  const ms = (n: number) => n.toFixed(0).padStart(6);
  const who = threadId === 0 ? "main" : `worker ${threadId}`;
  process.stderr.write(
    `msb-opt trace ${ms(performance.now())} ms  cpu ${ms((cpu.user + cpu.system) / 1000)} ms  thread ${ms(threadCpuMs("thread-self"))} ms  ${who.padEnd(9)} ${phase}${detail ? ` ${detail}` : ""}\n`,
  );
}

/** This thread's id in /proc (to find it in `traceThreads`'s list), else "". */
export const threadTid = (): string => {
  try {
    return readlinkSync("/proc/thread-self").split("/").pop() ?? "";
  } catch {
    return "";
  }
};

/** User and system CPU milliseconds of a thread (`thread-self`, `self/task/TID`) from /proc; NaN elsewhere. */
function threadCpuMs(which: string): number {
  try {
    const stat = readFileSync(`/proc/${which}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

export const tracing = (): boolean => on;

/**
 * CPU time of each thread of the process (Linux /proc: the main thread, the workers, whose ids their "loaded"
 * line gives, V8's compiler and collector helpers, libuv's pool): what a second worker adds, and where.
 */
export function traceThreads(): void {
  if (!on) return;
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return;
  }
  const threads = tasks
    .map((tid) => ({ tid, ms: threadCpuMs(`self/task/${tid}`) }))
    .filter((t) => t.ms > 0)
    .sort((a, b) => b.ms - a.ms);
  for (const { tid, ms } of threads) trace("thread cpu", `${tid === String(process.pid) ? "main" : tid}: ${ms} ms`);
}
