// One folder per msb-opt process for what verify keeps on disk while it runs: today the original bytes of the
// source file it edits for the warm-rebuild measurement. Removed (edits restored) on a normal exit and on
// SIGINT/SIGTERM; a run killed outright (SIGKILL) leaves its folder, which the next run finds by its process id
// (no longer alive) or its age, and cleans: edits restored, folder removed.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface RunRootOptions {
  /** The folder that holds every run's folder (e.g. `<tmp>/msb-opt-verify`). */
  readonly base: string;
  readonly pid: number;
  /** Is a process with this id still running? */
  readonly alive: (pid: number) => boolean;
  readonly now: number;
  /** A folder older than this is stale whatever its process id says (pids are reused). Default one day. */
  readonly maxAgeMs?: number;
}

interface EditRecord {
  readonly file: string;
  /** The text the edit added: the file is restored only while it still holds it. */
  readonly marker: string;
}

export class RunRoot {
  private edits = 0;

  private constructor(readonly dir: string) {}

  /** Clean the folders of dead runs, then make this run's own. */
  static open(options: RunRootOptions): RunRoot {
    sweepStale(options);
    const dir = join(options.base, `${options.pid}-${options.now}`);
    mkdirSync(dir, { recursive: true });
    return new RunRoot(dir);
  }

  /** Keep `original` (the bytes of `file` before an edit that adds `marker`); returns the function that drops it. */
  saveEdit(file: string, original: Buffer, marker: string): () => void {
    const name = join(this.dir, `edit-${this.edits++}`);
    writeFileSync(`${name}.bytes`, original);
    writeFileSync(`${name}.json`, JSON.stringify({ file, marker } satisfies EditRecord));
    return () => {
      rmSync(`${name}.json`, { force: true });
      rmSync(`${name}.bytes`, { force: true });
    };
  }

  /** Restore any edit still recorded, then remove the folder. */
  remove(): void {
    restoreEdits(this.dir);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Restore the edits recorded in the folders of runs that are gone, and remove those folders; returns them. */
export function sweepStale(options: RunRootOptions): string[] {
  if (!existsSync(options.base)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(options.base)) {
    const m = /^(\d+)-(\d+)$/.exec(name);
    const dir = join(options.base, name);
    if (!m) continue;
    const age = options.now - Math.min(Number(m[2]), statSync(dir).mtimeMs);
    if (Number(m[1]) === options.pid || (options.alive(Number(m[1])) && age < (options.maxAgeMs ?? 86_400_000))) continue;
    restoreEdits(dir);
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function restoreEdits(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    try {
      const record = JSON.parse(readFileSync(join(dir, name), "utf8")) as EditRecord;
      const original = readFileSync(join(dir, name.replace(/\.json$/, ".bytes")));
      if (existsSync(record.file) && readFileSync(record.file, "utf8").includes(record.marker)) writeFileSync(record.file, original);
    } catch {
      // A record cut short: the edit had not been made yet.
    }
  }
}
