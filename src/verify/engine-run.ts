// What verify runs in containers, on the engine's socket (engine-api.ts) instead of a client start-up per call: a
// short `docker run` (create, start, wait, logs), a command in a running container (`docker exec`: the
// HEALTHCHECK), a container's state and its logs. Each answers as the docker CLI would (exit code, stdout then
// stderr), so both images are compared alike whichever way they ran.
import type { IncomingMessage } from "node:http";
import { apiMessage, type EngineApi } from "./engine-api.js";

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The exit code the docker CLI gives when killed at its time limit (no code of its own). */
export const TIMED_OUT = 128;

/**
 * `docker run --rm --network=none [--env …] IMAGE ARGS`: the container's exit code and output; the container is
 * left for the caller to remove (`name`). A container that cannot start answers as `docker run` does: 127 for a
 * program not found, 126 for one that cannot run, 125 otherwise, with the engine's message.
 */
export async function runOnApi(
  api: EngineApi,
  image: string,
  args: readonly string[],
  options: { name: string; env?: readonly string[]; timeoutMs: number },
): Promise<Ran> {
  const name = encodeURIComponent(options.name);
  const created = await api.call("POST", `/containers/create?name=${name}`, {
    Image: image,
    ...(args.length > 0 ? { Cmd: args } : {}),
    Env: options.env ?? [],
    HostConfig: { NetworkMode: "none" },
  });
  if (created.status !== 201) return { code: 125, stdout: "", stderr: `docker: Error response from daemon: ${apiMessage(created)}.\n` };
  const started = await api.call("POST", `/containers/${name}/start`);
  if (started.status !== 204) {
    const message = apiMessage(started);
    return { code: startFailureCode(message), stdout: "", stderr: `docker: Error response from daemon: ${message}.\n` };
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const waited = await api.call("POST", `/containers/${name}/wait`, undefined, signal);
    if (waited.status !== 200) return { code: 125, stdout: "", stderr: apiMessage(waited) };
    const code = (JSON.parse(waited.body) as { StatusCode: number }).StatusCode;
    return { code, ...(await logsOnApi(api, options.name)) };
  } catch (err) {
    // Still running at the time limit: what it wrote so far, as from a client killed then.
    if (signal.aborted) return { code: TIMED_OUT, ...(await logsOnApi(api, options.name)) };
    throw err;
  }
}

/** The docker CLI's exit code for a container that did not start (cli/command/container/run.go). */
export function startFailureCode(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/i.test(message)) return 127;
  if (/permission denied|cannot execute binary file/i.test(message)) return 126;
  return 125;
}

/**
 * `docker exec CONTAINER ARGV`: its exit code and output; null when the container is not running or is gone. At
 * the time limit: TIMED_OUT (the command may still run in the container, as after a killed client).
 */
export async function execOnApi(api: EngineApi, container: string, argv: readonly string[], timeoutMs: number): Promise<Ran | null> {
  const created = await api.call("POST", `/containers/${encodeURIComponent(container)}/exec`, {
    Cmd: argv,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (created.status === 404 || created.status === 409) return null;
  if (created.status !== 201) return { code: 126, stdout: "", stderr: apiMessage(created) };
  const id = (JSON.parse(created.body) as { Id: string }).Id;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // The engine hands the connection over to the command's output, closed when it ends.
    const res = await api.open("POST", `/exec/${id}/start`, { Detach: false, Tty: false }, signal);
    if (res.statusCode !== 200)
      return { code: 126, stdout: "", stderr: apiMessage({ status: res.statusCode ?? 0, body: await text(res) }) };
    const output = await demux(res);
    if (signal.aborted) return { code: TIMED_OUT, stdout: "", stderr: `timed out after ${timeoutMs} ms` };
    const inspected = await api.call("GET", `/exec/${id}/json`);
    const state = JSON.parse(inspected.body) as { ExitCode: number | null; Running: boolean };
    return { code: state.Running ? TIMED_OUT : (state.ExitCode ?? 126), ...output };
  } catch (err) {
    if (signal.aborted) return { code: TIMED_OUT, stdout: "", stderr: `timed out after ${timeoutMs} ms` };
    throw err;
  }
}

/** A container's state (`docker inspect`): running, and its exit code; null when it is gone. */
export async function stateOnApi(api: EngineApi, container: string): Promise<{ running: boolean; exitCode: number } | null> {
  const answer = await api.call("GET", `/containers/${encodeURIComponent(container)}/json`);
  if (answer.status !== 200) return null;
  const state = (JSON.parse(answer.body) as { State: { Running: boolean; ExitCode: number } }).State;
  return { running: state.Running, exitCode: state.ExitCode };
}

/** `docker logs CONTAINER`: what it wrote to stdout and to stderr. */
export async function logsOnApi(api: EngineApi, container: string): Promise<{ stdout: string; stderr: string }> {
  const res = await api.open("GET", `/containers/${encodeURIComponent(container)}/logs?stdout=1&stderr=1`);
  if (res.statusCode !== 200) return { stdout: "", stderr: apiMessage({ status: res.statusCode ?? 0, body: await text(res) }) };
  return demux(res);
}

/**
 * The engine's multiplexed stream of a container without a terminal: frames of an 8-byte header (stream 1
 * stdout, 2 stderr; big-endian length at 4) and their bytes.
 */
export async function demux(stream: AsyncIterable<Buffer>): Promise<{ stdout: string; stderr: string }> {
  const out: Buffer[][] = [[], [], []];
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      out[buf[0] === 2 ? 2 : 1].push(buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
  }
  return { stdout: Buffer.concat(out[1]).toString("utf8"), stderr: Buffer.concat(out[2]).toString("utf8") };
}

async function text(res: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of res) body += chunk;
  return body;
}
