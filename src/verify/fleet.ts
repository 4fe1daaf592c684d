// A fleet of builders for `batch --verify`: one docker client per endpoint (`DOCKER_HOST` as unix://, tcp://
// with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, ssh://, or a `docker context` name), a queue the endpoints take apps
// from (each app's builds on one endpoint, so that they share its cache), and a journal of finished apps
// (append-only JSON lines) that lets an interrupted run continue without rebuilding them.
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { Docker, type DockerSetup } from "./docker.js";

export interface Endpoint {
  /** As the user named it (URL or context name). */
  readonly name: string;
  readonly docker: Docker;
}

/** One docker client per endpoint; an empty list means the environment's own (DOCKER_HOST, current context). */
export function endpoints(hosts: readonly string[], setup: DockerSetup): Endpoint[] {
  if (hosts.length === 0) return [{ name: setup.env?.DOCKER_HOST ?? "default", docker: new Docker(setup) }];
  return [...new Set(hosts)].map((host) => {
    const env = { ...setup.env };
    if (/^[a-z]+:\/\//.test(host)) {
      env.DOCKER_HOST = host;
      delete env.DOCKER_CONTEXT;
    } else {
      env.DOCKER_CONTEXT = host;
      delete env.DOCKER_HOST;
    }
    return { name: host, docker: new Docker({ ...setup, env }) };
  });
}

/** What the journal keeps of one verified app. */
export interface JournalEntry {
  readonly key: string;
  readonly path: string;
  readonly endpoint: string;
  readonly equivalent: boolean;
  readonly verdict: string;
  /** The first difference, when not equivalent. */
  readonly why: string | null;
  readonly seconds: number;
}

/** The same file, rewrite and settings give the same key: a changed file is verified again. */
export function journalKey(path: string, original: string, output: string, settings: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([path, original, output, settings]))
    .digest("hex")
    .slice(0, 24);
}

export class Journal {
  private readonly done = new Map<string, JournalEntry>();

  constructor(private readonly file: string | null) {
    if (!file || !existsSync(file)) return;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      try {
        const entry = JSON.parse(line) as JournalEntry;
        if (entry.key) this.done.set(entry.key, entry);
      } catch {
        // A line cut short by an interrupted run: that app is verified again.
      }
    }
  }

  get(key: string): JournalEntry | undefined {
    return this.done.get(key);
  }

  /** One line, one write(2) call with O_APPEND: a line is whole or absent. */
  add(entry: JournalEntry): void {
    this.done.set(entry.key, entry);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}

/** Run `work` over `items` with one worker per endpoint; each item runs wholly on the endpoint that took it. */
export async function spread<T, R>(
  items: readonly T[],
  fleet: readonly Endpoint[],
  work: (item: T, endpoint: Endpoint) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    fleet.map(async (endpoint) => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], endpoint);
      }
    }),
  );
  return out;
}

/** `3/8 verified, ETA 2m10s`: the wall time so far per finished app (the endpoints' parallelism included). */
export function eta(done: number, total: number, elapsedSeconds: number): string {
  if (done === 0) return `${done}/${total} verified`;
  const left = Math.ceil((total - done) * (elapsedSeconds / done));
  const m = Math.floor(left / 60);
  return `${done}/${total} verified, ETA ${m > 0 ? `${m}m` : ""}${left % 60}s`;
}
