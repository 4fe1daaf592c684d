// What an image does, observed from outside: every exposed TCP port answers each `--http-path` (status and
// body, after a bounded readiness wait), the HEALTHCHECK command's exit code in the running container, or a
// short `docker run IMAGE ARGS` (exit code and output). `--env` is passed to every container.
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
  if (options.smoke || ports.length === 0) {
    const args = options.smoke ?? [];
    const r = await docker.run(image, args, { timeoutMs: 60_000, env: options.env });
    return { ...none, run: { args, code: r.code, output: `${r.stdout}${r.stderr}`.trim() } };
  }
  const started = await docker.serve(image, { name, ports, env: options.env });
  try {
    if ("error" in started) return { ...none, error: started.error };
    const paths = options.httpPaths && options.httpPaths.length > 0 ? options.httpPaths : ["/"];
    const deadline = Date.now() + (options.readyMs ?? 30_000);
    const http: Behaviour["http"][number][] = [];
    for (const port of ports) {
      const host = started.hostPorts.get(port)!;
      for (const path of paths) {
        let last = "";
        let answer: { status: number; body: string } | null = null;
        do {
          try {
            answer = await httpGet(`http://127.0.0.1:${host}${path}`, 3000);
          } catch (err) {
            last = String(err);
            await new Promise((r) => setTimeout(r, 300));
          }
        } while (!answer && Date.now() < deadline);
        http.push(answer ? { port, path, ...answer } : { port, path, status: 0, body: `no answer (${last})` });
      }
    }
    const test = (config.Healthcheck as { Test?: string[] } | null)?.Test ?? [];
    let health: number | null = null;
    if (test[0] === "CMD" || test[0] === "CMD-SHELL") {
      const argv = test[0] === "CMD" ? test.slice(1) : ["/bin/sh", "-c", test[1] ?? ""];
      health = (await docker.exec(["exec", name, ...argv], { timeoutMs: 30_000 })).code;
    }
    return { ...none, http, health };
  } finally {
    await docker.exec(["rm", "-f", name]);
  }
}

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
    if (!other || other.status !== h.status || other.body !== h.body)
      out.push(reason("difference", "http", { path: h.path, port: h.port, before: answer(h), after: answer(other) }));
  }
  if (before.health !== after.health)
    out.push(reason("difference", "healthcheck", { before: String(before.health ?? "-"), after: String(after.health ?? "-") }));
  if (before.run && after.run && (before.run.code !== after.run.code || before.run.output !== after.run.output)) {
    const show = (r: NonNullable<Behaviour["run"]>) => `${r.code} with ${JSON.stringify(r.output.slice(0, 80))}`;
    out.push(reason("difference", "run", { args: before.run.args.join(" "), before: show(before.run), after: show(after.run) }));
  }
  return out;
}
