// Where verify's wall time goes: each phase's own duration in milliseconds (phases overlap when they run at
// once: the original's observation runs while the optimized side builds), and the whole run's. With a `trace`,
// also a timeline: when each phase started and ended, and the events `mark` names (off by default).
export type Phase =
  | "optimize"
  | "buildOriginal"
  | "buildOptimized"
  | "inspect"
  | "exportOriginal"
  | "exportOptimized"
  | "readBase"
  | "checkOriginal"
  | "exportOriginalWhole"
  | "runOriginal"
  | "runOptimized"
  | "compare"
  | "rebuild"
  | "bisect"
  | "cleanup";

export class Timings {
  private readonly start: number;
  private readonly phases = new Map<Phase, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly trace?: (line: string) => void,
  ) {
    this.start = now();
  }

  /** Run `work` and add its duration to `phase` (also when it throws). */
  async measure<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const t0 = this.now();
    this.mark(`${phase} starts`);
    try {
      return await work();
    } finally {
      this.add(phase, this.now() - t0);
      this.mark(`${phase} ends (${Math.round(this.now() - t0)} ms)`);
    }
  }

  /** A moment of the timeline, for the trace only. */
  mark(event: string): void {
    this.trace?.(`${String(Math.round(this.now() - this.start)).padStart(6)} ms  ${event}`);
  }

  add(phase: Phase, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + Math.round(ms));
  }

  /** Phases in the order they were first recorded, and `total`: the wall time since this object was made. */
  report(): Readonly<Record<string, number>> {
    return { ...Object.fromEntries(this.phases), total: Math.round(this.now() - this.start) };
  }
}
