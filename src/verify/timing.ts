// Where verify's wall time goes: each phase's own duration in milliseconds (phases overlap when they run at
// once: the original's observation runs while the optimized side builds), and the whole run's.
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

  constructor(private readonly now: () => number = Date.now) {
    this.start = now();
  }

  /** Run `work` and add its duration to `phase` (also when it throws). */
  async measure<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const t0 = this.now();
    try {
      return await work();
    } finally {
      this.add(phase, this.now() - t0);
    }
  }

  add(phase: Phase, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + Math.round(ms));
  }

  /** Phases in the order they were first recorded, and `total`: the wall time since this object was made. */
  report(): Readonly<Record<string, number>> {
    return { ...Object.fromEntries(this.phases), total: Math.round(this.now() - this.start) };
  }
}
