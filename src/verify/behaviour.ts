// What an image does, observed from outside: every exposed TCP port answers each `--http-path` (status and
// body, after a bounded readiness wait that polls fast), the HEALTHCHECK command's exit code in the running
// container (also without ports: then it is retried until it passes, within a bound), or a short
// `docker run IMAGE ARGS` (exit code and output). `--env` is passed to every container.
import { type Docker, httpGet, type ImageConfig } from "./docker.js";
import { type Reason, reason } from "./messages.js";

export interface Behaviour {
  readonly http: readonly { readonly port: number; readonly path: string; readonly status: number; readonly body: string }[];
  /** Exit code of the HEALTHCHECK command, null when there is none or nothing runs. */
  readonly health: number | null;
  readonly run: { readonly args: readonly string[]; readonly code: number; readonly output: string } | null;
  readonly error: string | null;
}

export interface BehaviourOptions {
  readonly smoke?: readonly string[];
  readonly httpPaths?: readonly string[];
  readonly env?: readonly string[];
  /** Bound of the readiness wait per image (default 30 s). */
  readonly readyMs?: number;
  /**
   * The server container already started (named `name`) with these ports published, before the image's
   * config was read: used when the config exposes exactly these, else removed and started again.
   */
  readonly early?: { readonly ports: readonly number[]; readonly started: ReturnType<Docker["serve"]> };
  /** The observation is no longer wanted: the readiness and HEALTHCHECK waits end at once. */
  readonly signal?: AbortSignal;
  /** Events of the observation, for verify's trace. */
  readonly mark?: (event: string) => void;
}

export async function observe(
  docker: Docker,
  image: string,
  config: ImageConfig,
  name: string,
  options: BehaviourOptions,
): Promise<Behaviour> {
  const ports = Object.keys(config.ExposedPorts ?? {})
    .filter((p) => p.endsWith("/tcp"))
    .map((p) => Number(p.split("/")[0]))
    .sort((a, b) => a - b);
  const none: Behaviour = { http: [], health: null, run: null, error: null };
  const health = healthArgv(config);
  const readyMs = options.readyMs ?? 30_000;
  if (options.smoke || (ports.length === 0 && !health)) {
    if (options.early) await discard(docker, options.early.started, name);
    const args = options.smoke ?? [];
    const r = await docker.run(image, args, { name, timeoutMs: 60_000, env: options.env });
    // A client killed at the time limit leaves its container running.
    if (r.code === 128 || r.code === 137) docker.removeContainer(name);
    return { ...none, run: { args, code: r.code, output: `${r.stdout}${r.stderr}`.trim() } };
  }
  const early = options.early;
  const reuse = early !== undefined && early.ports.join() === ports.join();
  if (early && !reuse) await discard(docker, early.started, name);
  const serve = () => docker.serve(image, { name, ports, env: options.env, network: ports.length === 0 ? "none" : undefined });
  let started = reuse ? await early.started : await serve();
  const mark = options.mark ?? (() => {});
  mark(`server started${"host" in started && started.host ? ` at ${started.host}` : ""}`);
  try {
    if ("error" in started) return { ...none, error: started.error };
    const paths = options.httpPaths && options.httpPaths.length > 0 ? options.httpPaths : ["/"];
    const deadline = Date.now() + readyMs;
    const http: Behaviour["http"][number][] = [];
    // On the engine's bridge (no published ports), the container's own address; a refused or accepted
    // connection shows the way there works.
    let routed = false;
    for (const port of ports) {
      for (const path of paths) {
        let last = "";
        let answer: { status: number; body: string } | null = null;
        // Poll every 20 ms for the first second (a small server is up within tens of ms of its start; a refused
        // connection costs little), then every 100 ms, within the bound.
        const polling = Date.now();
        while (!answer) {
          const address = started.host ?? "127.0.0.1";
          const host = started.hostPorts.get(port)!;
          try {
            answer = await httpGet(`http://${address}:${host}${path}`, 3000);
            routed = true;
          } catch (err) {
            const { code, connected } = err as { code?: string; connected?: boolean };
            if (connected || code === "ECONNREFUSED" || code === "ECONNRESET") routed = true;
            else if (started.host && !routed) {
              // No way to the bridge from here after all: published on 127.0.0.1 and started again.
              mark(`no route to ${started.host} (${String(err)}): ports published`);
              docker.unroutable();
              await docker.removeContainerNow(name);
              const again = await serve();
              if ("error" in again) return { ...none, error: again.error };
              started = again;
              continue;
            }
            // The host port is picked at random per run (the address too on the bridge): the error names the
            // image's own port on 127.0.0.1 instead.
            last = String(err).replaceAll(`${address}:${host}`, `127.0.0.1:${port}`);
            if (Date.now() >= deadline || options.signal?.aborted) break;
            await sleep(Date.now() - polling < 1000 ? 20 : 100);
          }
        }
        mark(`${answer ? "answered" : "no answer"} on ${port} ${path}`);
        http.push(answer ? { port, path, ...answer } : { port, path, status: 0, body: `no answer (${last})` });
      }
    }
    if (!health) return { ...none, http };
    // With ports, the server answered: the HEALTHCHECK runs once. Without, it runs until it passes, the
    // container stops, or the bound passes (the program may still be starting).
    const healthDeadline = ports.length > 0 ? 0 : Date.now() + Math.min(readyMs, 15_000);
    let code: number | null = null;
    for (let attempt = 0; ; attempt++) {
      code = (await docker.execIn(name, health, 30_000))?.code ?? null;
      mark(`HEALTHCHECK exit ${code}`);
      if (code === 0 || code === null || Date.now() >= healthDeadline || options.signal?.aborted) break;
      await sleep(Math.min(50 * 2 ** attempt, 500));
    }
    if (ports.length > 0) return { ...none, http, health: code };
    // A program that already ended: its exit code and output are compared as a run.
    const end = await docker.containerEnd(name);
    if (end?.running !== false) return { ...none, health: code };
    return { ...none, health: code, run: { args: [], code: end.exitCode, output: `${end.stdout}${end.stderr}`.trim() } };
  } finally {
    docker.removeContainer(name);
  }
}

/** Remove a container started ahead for nothing (also one that failed to start): its name must be free again. */
async function discard(docker: Docker, started: Promise<unknown>, name: string): Promise<void> {
  await started;
  await docker.removeContainerNow(name);
}

/** The HEALTHCHECK's command as argv for `docker exec`, or null when there is none (or `NONE`). */
function healthArgv(config: ImageConfig): string[] | null {
  const test = (config.Healthcheck as { Test?: string[] } | null)?.Test ?? [];
  if (test[0] === "CMD") return test.slice(1);
  if (test[0] === "CMD-SHELL") return ["/bin/sh", "-c", test[1] ?? ""];
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Dates and clock times, which differ between any two runs of one image (pm2's log lines, a server's `now`,
 * Nest's `12/4/2026, 2:05:33 PM`), process ids in log lines (Nest's `[Nest] 19  -`, `pid=19`, node's warnings'
 * `(node:19)`), which depend on how many processes started before, and sub-second durations: compared as
 * placeholders.
 */
const TIMESTAMP =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:\s?[AP]M)?\b/g;
const PROCESS_ID = /(\[\w+\] )\d+(?= +- )|(\bpid\b[=:\s]+|\((?:node|nodejs):)\d+/gi;
/** Sub-second durations (Nest's `+71ms`, a logger's `in 15 ms`): how long a step took varies from run to run. */
const ELAPSED = /\+?\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns)\b/g;
const masked = (text: string) => text.replace(TIMESTAMP, "<time>").replace(PROCESS_ID, "$1$2<pid>").replace(ELAPSED, "<elapsed>");
const same = (a: string, b: string) => a === b || masked(a) === masked(b);

/** One sentence for each way the optimized image behaves differently. */
export function compareBehaviour(before: Behaviour, after: Behaviour): Reason[] {
  if (before.error) return [reason("difference", "exercise", { detail: before.error.slice(0, 300) })];
  const out: Reason[] = [];
  const answer = (a: { status: number; body: string } | undefined) =>
    a
      ? a.status === 0
        ? a.body.slice(0, 120)
        : `HTTP ${a.status} ${JSON.stringify(a.body.slice(0, 80))}`
      : after.error
        ? `an error (${after.error.slice(0, 160)})`
        : "nothing";
  for (const h of before.http) {
    const other = after.http.find((x) => x.port === h.port && x.path === h.path);
    if (!other || other.status !== h.status || !same(other.body, h.body))
      out.push(reason("difference", "http", { path: h.path, port: h.port, before: answer(h), after: answer(other) }));
  }
  if (before.health !== after.health)
    out.push(reason("difference", "healthcheck", { before: String(before.health ?? "-"), after: String(after.health ?? "-") }));
  if (before.run && after.run && (before.run.code !== after.run.code || !same(before.run.output, after.run.output))) {
    const show = (r: NonNullable<Behaviour["run"]>) => `${r.code} with ${JSON.stringify(r.output.slice(0, 80))}`;
    out.push(reason("difference", "run", { args: before.run.args.join(" "), before: show(before.run), after: show(after.run) }));
  }
  return out;
}
