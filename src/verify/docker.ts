// A small, generic Docker client for proofs with real builds: build an image, read its config and size,
// run it once or as a server, probe it over HTTP, compare two images' contracts, clean up.
// It shells out to the docker CLI (BuildKit on); callers choose the binary and environment, so this
// module never reads `process` (only the CLI does).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { type AddressInfo, createServer, type Server } from "node:net";
import { networkInterfaces, platform } from "node:os";
import { posix } from "node:path";
import {
  apiMessage,
  EngineApi,
  EngineUnreachable,
  isRegularFile,
  localSocket,
  onEngineBridge,
  refPath,
  type Served,
  SYSTEM_SOCKETS,
  serveOnApi,
} from "./engine-api.js";
import { execOnApi, logsOnApi, runOnApi, stateOnApi } from "./engine-run.js";
import { ImageFs, inWalkOrder, type Keep, readTar } from "./image-fs.js";

export interface DockerSetup {
  /** The docker client binary (e.g. from env MSB_DOCKER, default `docker`). */
  readonly bin: string;
  /** Environment for the client; DOCKER_BUILDKIT=1 is added. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Make the small calls (inspect, create, copy out, start, remove) on the local engine's socket when the client
   * would talk to it (engine-api.ts), default true; false: the CLI for everything.
   */
  readonly api?: boolean;
  /**
   * Reach servers at their address on the engine's bridge also through a socket other than the system engine's
   * (tests: a stand-in engine); the bridge is checked all the same (onEngineBridge).
   */
  readonly bridge?: boolean;
}

export interface Exec {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The parts of an image config that make up its contract. */
export interface ImageConfig {
  readonly Entrypoint: readonly string[] | null;
  readonly Cmd: readonly string[] | null;
  readonly Env: readonly string[] | null;
  readonly WorkingDir: string;
  readonly User: string;
  readonly ExposedPorts: Readonly<Record<string, unknown>> | null;
  readonly Volumes: Readonly<Record<string, unknown>> | null;
  readonly Healthcheck: unknown;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly StopSignal?: string;
  readonly Shell?: readonly string[] | null;
  readonly OnBuild?: readonly string[] | null;
}

export interface ImageInfo {
  readonly id: string;
  readonly size: number;
  /** Number of filesystem layers. */
  readonly layers: number;
  /** The layers' digests, base image's first (`RootFS.Layers`). */
  readonly rootLayers: readonly string[];
  readonly config: ImageConfig;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** The entrypoint of a container made only to read its file system: it is never started. */
const NOT_RUN = "/msb-opt-verify-not-run";

export class Docker {
  /** The local socket the client would talk to, before it is confirmed to be the same engine. */
  private readonly socket: EngineApi | null;
  private api: Promise<EngineApi | null> | null = null;
  private engineInfo: Promise<Exec> | null = null;
  /** Whether servers are reached at their address on the engine's bridge (onEngineBridge), asked with the socket. */
  private bridge: Promise<boolean> = Promise.resolve(false);
  /** A server on the bridge could not be reached from here: ports are published from then on. */
  private published = false;

  constructor(private readonly setup: DockerSetup) {
    const socket = setup.api === false ? null : localSocket(setup.bin, setup.env ?? {});
    this.socket = socket ? new EngineApi(socket) : null;
  }

  /** `docker info` (the engine's ID), asked once: whether an engine answers, and which. */
  info(): Promise<Exec> {
    this.engineInfo ??= this.exec(["info", "--format", "{{.ID}}"], { timeoutMs: 20_000 });
    return this.engineInfo;
  }

  /**
   * The engine's socket, when the engine there is the one the client talks to (the same engine ID: a wrapper
   * script or a client set up otherwise keeps the CLI); else null.
   */
  engineApi(): Promise<EngineApi | null> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(null);
    this.api ??= (async () => {
      const [cli, own] = await Promise.all([this.info(), socket.call("GET", "/info").catch(() => null)]);
      const id = own?.status === 200 ? (JSON.parse(own.body) as { ID?: string }).ID : undefined;
      const same = cli.code === 0 && id && cli.stdout.trim() === id;
      // Asked now, long before the first server starts.
      if (same && (SYSTEM_SOCKETS.has(socket.socketPath) || this.setup.bridge))
        this.bridge = onEngineBridge(socket, {
          platform: platform(),
          interfaces: networkInterfaces(),
          routes: () => readFileSync("/proc/net/route", "utf8"),
        }).catch(() => false);
      return same ? socket : null;
    })();
    return this.api;
  }

  /**
   * `work` on the engine's socket; undefined when there is none or it cannot be reached (then the CLI does this
   * and every later call, and says what is wrong).
   */
  private async viaApi<T>(work: (api: EngineApi) => Promise<T>): Promise<T | undefined> {
    const api = await this.engineApi();
    if (!api) return undefined;
    try {
      return await work(api);
    } catch (err) {
      if (!(err instanceof EngineUnreachable)) throw err;
      this.api = Promise.resolve(null);
      return undefined;
    }
  }

  /** Run the client; never throws for a non-zero exit. */
  exec(args: readonly string[], options: { input?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Exec> {
    return new Promise((resolve) => {
      const child = spawn(this.setup.bin, args, { env: { ...this.setup.env, DOCKER_BUILDKIT: "1" }, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : null;
      // Stopped on request: the client cancels its build on SIGTERM.
      const stop = () => child.kill("SIGTERM");
      if (options.signal?.aborted) stop();
      options.signal?.addEventListener("abort", stop, { once: true });
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}` }));
      child.on("close", (code) => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener("abort", stop);
        resolve({ code: code ?? 128, stdout, stderr });
      });
      // A client that exits before reading its input must not crash the process with EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input ?? "");
    });
  }

  /** Is a daemon reachable with this client? */
  async available(): Promise<boolean> {
    return (await this.info()).code === 0;
  }

  /**
   * Build `dockerfile` (a path) with `context` as build context and tag it; with `text`, the Dockerfile is that
   * text, read from standard input (`-f -`: no temporary file), and `dockerfile` is not read.
   */
  async build(options: {
    context: string;
    dockerfile: string;
    text?: string;
    tag: string;
    noCache?: boolean;
    buildArgs?: Readonly<Record<string, string>>;
    timeoutMs?: number;
    signal?: AbortSignal;
  }): Promise<Exec & { seconds: number }> {
    const start = Date.now();
    const buildArgs = Object.entries(options.buildArgs ?? {}).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`]);
    const args = [
      "build",
      "--progress=plain",
      ...(options.noCache ? ["--no-cache"] : []),
      ...buildArgs,
      "-f",
      options.text !== undefined ? "-" : options.dockerfile,
      "-t",
      options.tag,
      options.context,
    ];
    const result = await this.exec(args, { input: options.text, timeoutMs: options.timeoutMs ?? 900_000, signal: options.signal });
    return { ...result, seconds: (Date.now() - start) / 1000 };
  }

  async inspect(image: string): Promise<ImageInfo> {
    const info = (await this.inspectMany([image]))[0];
    if (!info) throw new Error(`docker image inspect ${image}: no such image`);
    return info;
  }

  /** Several images in one client call: each one's info in order, null for an image the engine lacks. */
  async inspectMany(images: readonly string[]): Promise<(ImageInfo | null)[]> {
    const answers = await this.viaApi((api) => Promise.all(images.map((i) => api.call("GET", `/images/${refPath(i)}/json`))));
    if (answers)
      return answers.map((a, i) => {
        if (a.status === 404) return null;
        if (a.status !== 200) throw new Error(`docker image inspect ${images[i]}: ${apiMessage(a)}`);
        return imageInfo(JSON.parse(a.body));
      });
    const r = await this.exec(["image", "inspect", ...images]);
    let found: RawImage[] = [];
    try {
      found = JSON.parse(r.stdout || "[]");
    } catch {
      throw new Error(`docker image inspect ${images.join(" ")}: ${r.stderr.trim()}`);
    }
    // The engine prints the images it has, in order, and an error for each missing one.
    const missing = new Set([...r.stderr.matchAll(/No such (?:image|object): (\S+)/gi)].map((m) => m[1]));
    // An answer that does not add up (an older engine's wording): ask for each image alone.
    if (images.length > 1 && found.length + missing.size !== images.length)
      return (await Promise.all(images.map((i) => this.inspectMany([i])))).map((x) => x[0]);
    const out: (ImageInfo | null)[] = [];
    let next = 0;
    for (const image of images) {
      if (missing.has(image) || next >= found.length) {
        out.push(null);
        continue;
      }
      out.push(imageInfo(found[next++]));
    }
    return out;
  }

  /** Run a container to completion and collect its output (`docker run --rm --network=none`). */
  async run(
    image: string,
    args: readonly string[] = [],
    options: { name?: string; timeoutMs?: number; env?: readonly string[] } = {},
  ): Promise<Exec> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    // `--env K` (no value) takes the client's own: only the CLI knows it. The socket's run needs a name to remove.
    const { name: named, env: vars = [] } = options;
    if (named && vars.every((e) => e.includes("="))) {
      const ran = await this.viaApi((api) => runOnApi(api, image, args, { name: named, env: vars, timeoutMs }));
      if (ran) {
        this.removeContainer(named);
        return ran;
      }
    }
    const name = named ? ["--name", named] : [];
    const env = vars.flatMap((e) => ["--env", e]);
    return this.exec(["run", "--rm", "--network=none", ...name, ...env, image, ...args], { timeoutMs });
  }

  /** `docker exec CONTAINER ARGV`; null when the container is not running or is gone. */
  async execIn(container: string, argv: readonly string[], timeoutMs: number): Promise<Exec | null> {
    const ran = await this.viaApi(async (api) => ({ ran: await execOnApi(api, container, argv, timeoutMs) }));
    if (ran) return ran.ran;
    const r = await this.exec(["exec", container, ...argv], { timeoutMs });
    return /is not running|No such container/i.test(r.stderr) ? null : r;
  }

  /** Whether a container still runs, its exit code, and its output so far (`docker logs`); null when it is gone. */
  async containerEnd(container: string): Promise<{ running: boolean; exitCode: number; stdout: string; stderr: string } | null> {
    const viaApi = await this.viaApi(async (api) => {
      const state = await stateOnApi(api, container);
      return { state: state && { ...state, ...(state.running ? { stdout: "", stderr: "" } : await logsOnApi(api, container)) } };
    });
    if (viaApi) return viaApi.state;
    const state = await this.exec(["inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", container]);
    if (state.code !== 0) return null;
    const [running, exit] = state.stdout.trim().split(" ");
    if (running !== "false") return { running: true, exitCode: 0, stdout: "", stderr: "" };
    const logs = await this.exec(["logs", container]);
    return { running: false, exitCode: Number(exit), stdout: logs.stdout, stderr: logs.stderr };
  }

  /** Start a server container with each of `ports` published on a free loopback port; the host ports by container port. */
  async serve(
    image: string,
    options: { name: string; ports: readonly number[]; env?: readonly string[]; network?: string },
  ): Promise<Served | { error: string }> {
    // `--env K` (no value) takes the client's own: only the CLI knows it.
    const onApi = (options.env ?? []).every((e) => e.includes("="));
    // On the engine's bridge, the container's own address: nothing to publish.
    const direct = onApi && options.ports.length > 0 && (await this.engineApi()) !== null && !this.published && (await this.bridge);
    // Host ports free here, chosen ahead: no `docker port` call after the start. Taken meanwhile (or free here
    // but not on the engine's host): the engine picks them and says which.
    const chosen = direct ? null : await freePorts(options.ports.length);
    if (onApi) {
      const served = await this.viaApi((api) => serveOnApi(api, image, options, chosen, direct));
      if (served) return served;
    }
    const env = (options.env ?? []).flatMap((e) => ["--env", e]);
    const network = options.network ? [`--network=${options.network}`] : [];
    const run = (publish: string[]) => this.exec(["run", "-d", "--name", options.name, ...network, ...publish, ...env, image]);
    if (chosen) {
      const started = await run(options.ports.flatMap((p, i) => ["-p", `127.0.0.1:${chosen[i]}:${p}`]));
      if (started.code === 0) return { hostPorts: new Map(options.ports.map((p, i) => [p, chosen[i]])) };
      if (!/port is already allocated|address already in use/i.test(started.stderr)) return { error: started.stderr.trim() };
      await this.removeContainerNow(options.name);
    }
    const started = await run(options.ports.flatMap((p) => ["-p", `127.0.0.1::${p}`]));
    if (started.code !== 0) return { error: started.stderr.trim() };
    if (options.ports.length === 0) return { hostPorts: new Map() };
    // One `docker port` call lists every mapping: `8000/tcp -> 127.0.0.1:49153`.
    const listed = await this.exec(["port", options.name]);
    const hostPorts = new Map<number, number>();
    for (const m of listed.stdout.matchAll(/^(\d+)\/tcp -> [^\n]*:(\d+)\s*$/gm))
      if (!hostPorts.has(Number(m[1]))) hostPorts.set(Number(m[1]), Number(m[2]));
    for (const p of options.ports) if (!hostPorts.has(p)) return { error: `no published port for ${p}: ${listed.stdout}${listed.stderr}` };
    return { hostPorts };
  }

  /**
   * A server served at its address on the bridge could not be reached from here (a firewall, a network the
   * check could not tell apart): this and later servers publish their ports on 127.0.0.1 instead.
   */
  unroutable(): void {
    this.published = true;
  }

  /**
   * Start a server container with `port` published on a free loopback port, GET `path` until it answers
   * (or `timeoutMs` passes), then remove the container.
   */
  async probeHttp(
    image: string,
    options: { port: number; path: string; name: string; timeoutMs?: number },
  ): Promise<HttpAnswer | { error: string }> {
    const started = await this.exec(["run", "-d", "--name", options.name, "-p", `127.0.0.1::${options.port}`, image]);
    if (started.code !== 0) return { error: started.stderr.trim() };
    try {
      const port = await this.exec(["port", options.name, `${options.port}/tcp`]);
      const hostPort = /:(\d+)\s*$/m.exec(port.stdout)?.[1];
      if (!hostPort) return { error: `no published port: ${port.stdout}${port.stderr}` };
      const deadline = Date.now() + (options.timeoutMs ?? 30_000);
      let last = "";
      while (Date.now() < deadline) {
        try {
          return await httpGet(`http://127.0.0.1:${hostPort}${options.path}`, 3000);
        } catch (err) {
          last = String(err);
          await new Promise((r) => setTimeout(r, 300));
        }
      }
      const logs = await this.exec(["logs", options.name]);
      return { error: `no answer (${last}); logs: ${logs.stdout}${logs.stderr}`.slice(0, 2000) };
    } finally {
      await this.exec(["rm", "-f", options.name]);
    }
  }

  /**
   * The image's file system, read from `docker export` of a container that is created, never started: no
   * shell or tool is needed inside the image.
   */
  async exportFs(image: string, keep: Keep): Promise<ImageFs | { error: string }> {
    const created = await this.createNotRun(image);
    if ("error" in created) return created;
    const { id } = created;
    try {
      const { fs, code, stderr } = await this.tarOf(id, null, keep);
      return code === 0 ? fs : { error: stderr.trim() };
    } finally {
      this.removeContainer(id);
    }
  }

  /**
   * Only `paths` of the image's file system (each with what is below it), each read with `docker cp`: a
   * fraction of a whole export when the image is a full toolchain and the app is small. A path the image
   * lacks is simply absent.
   */
  async exportPaths(image: string, paths: readonly string[], keep: Keep): Promise<ImageFs | { error: string }> {
    const created = await this.createNotRun(image);
    if ("error" in created) return created;
    const { id } = created;
    const fs = new ImageFs();
    const outermost = [...new Set(paths)].filter((p, _, all) => !all.some((q) => q !== p && (q === "/" || p.startsWith(`${q}/`))));
    try {
      // All at once: each `docker cp` is mostly the client's own start-up.
      const copies = await Promise.all(
        outermost.map((path) => {
          const folder = posix.dirname(path) === "/" ? "" : posix.dirname(path);
          return this.tarOf(id, path, keep, { fs, folder });
        }),
      );
      const failed = copies.find(({ code, stderr }) => code !== 0 && !/no such|could not find/i.test(stderr));
      return failed ? { error: failed.stderr.trim() } : inWalkOrder(fs.entries);
    } finally {
      this.removeContainer(id);
    }
  }

  /**
   * Which of `paths` are regular files in the image (symbolic links followed), each a stat of a created container:
   * nothing is copied. Null when that cannot be asked (no engine socket: the CLI has no stat) or is not answered.
   */
  async regularFiles(image: string, paths: readonly string[]): Promise<Map<string, boolean> | null> {
    if (!(await this.engineApi())) return null;
    const created = await this.createNotRun(image);
    if ("error" in created) return null;
    try {
      const answers = await this.viaApi((api) => Promise.all(paths.map((p) => isRegularFile(api, created.id, p))));
      if (!answers || answers.includes(null)) return null;
      return new Map(paths.map((p, i) => [p, answers[i] === true]));
    } finally {
      this.removeContainer(created.id);
    }
  }

  /** A container of `image` made only to read its file system (never started). */
  private async createNotRun(image: string): Promise<{ id: string } | { error: string }> {
    const made = await this.viaApi((api) => api.call("POST", "/containers/create", { Image: image, Entrypoint: [NOT_RUN] }));
    if (made) return made.status === 201 ? { id: (JSON.parse(made.body) as { Id: string }).Id } : { error: apiMessage(made) };
    const created = await this.exec(["create", "--entrypoint", NOT_RUN, image]);
    return created.code === 0 ? { id: created.stdout.trim() } : { error: created.stderr.trim() };
  }

  /**
   * Container `id`'s whole file system (`path` null: `docker export`) or `path` and what is below it (`docker
   * cp`), read as the tar streams (into `into` when given).
   */
  private async tarOf(id: string, path: string | null, keep: Keep, into?: { fs: ImageFs; folder: string }) {
    const read = await this.viaApi(async (api) => {
      const res = await api.open(
        "GET",
        path === null ? `/containers/${id}/export` : `/containers/${id}/archive?path=${encodeURIComponent(path)}`,
      );
      if (res.statusCode !== 200) {
        let body = "";
        for await (const chunk of res) body += chunk;
        return { fs: into?.fs ?? new ImageFs(), code: 1, stderr: apiMessage({ status: res.statusCode ?? 0, body }) };
      }
      try {
        return { fs: await readTar(res, keep, into), code: 0, stderr: "" };
      } catch (err) {
        return { fs: into?.fs ?? new ImageFs(), code: 1, stderr: `reading the engine's archive: ${String(err)}` };
      }
    });
    return read ?? this.tarOfCli(path === null ? ["export", id] : ["cp", `${id}:${path}`, "-"], keep, into);
  }

  /** The tar a docker command writes to stdout, read as it streams (into `into` when given). */
  private async tarOfCli(args: readonly string[], keep: Keep, into?: { fs: ImageFs; folder: string }) {
    const child = spawn(this.setup.bin, args, { env: { ...this.setup.env, DOCKER_BUILDKIT: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 128)));
    const fs = await readTar(child.stdout, keep, into);
    return { fs, code: await closed, stderr };
  }

  private readonly removals = new Set<Promise<unknown>>();
  /** The containers being removed that may still run: an image goes only once none of its containers runs. */
  private readonly stopping = new Set<Promise<unknown>>();

  /**
   * Remove a container in the background (nobody waits for it); `removeImages` waits for these. On the engine's
   * socket it is stopped first (a kill waits for the stop) and removed after, beside the removal of its image:
   * a forced image removal is held back only by a running container (a stopped one keeps the image's layers
   * until it is removed itself, then they go), and removing a server's container after its stop took a
   * further 10-100 ms.
   */
  removeContainer(name: string): void {
    const stopped = this.viaApi((api) => api.call("POST", `/containers/${encodeURIComponent(name)}/kill`)).catch(() => undefined);
    const done = stopped.then(() => this.removeContainerNow(name)).finally(() => this.removals.delete(done));
    this.removals.add(done);
    // Without the socket, removed as one `docker rm -f`: its image waits for the removal.
    const down = stopped.then((killed) => (killed && [204, 404, 409].includes(killed.status) ? undefined : done));
    const gone = down.finally(() => this.stopping.delete(gone));
    this.stopping.add(gone);
  }

  /** Remove a container (running or not; a missing one is no error) and wait for it. */
  async removeContainerNow(name: string): Promise<void> {
    const removed = await this.viaApi((api) => api.call("DELETE", `/containers/${encodeURIComponent(name)}?force=1`));
    if (!removed) await this.exec(["rm", "-f", name]);
  }

  /** Wait for the containers being removed: a timed build must not share the engine with them. */
  async settle(): Promise<void> {
    await Promise.all(this.removals);
  }

  /**
   * Remove images (missing ones are ignored) once no container being removed runs, beside those removals; returns
   * when both are done. Containers whose removal starts meanwhile (another image's) are not waited for: the
   * original's image goes while the optimized server still runs, and the run's last clean-up is not held up by
   * that one.
   */
  async removeImages(...images: readonly string[]): Promise<void> {
    const [stopping, removals] = [[...this.stopping], [...this.removals]];
    await Promise.all(stopping);
    if (images.length > 0) {
      const removed = await this.viaApi((api) => Promise.all(images.map((i) => api.call("DELETE", `/images/${refPath(i)}?force=1`))));
      if (!removed) await this.exec(["image", "rm", "-f", ...images]);
    }
    await Promise.all(removals);
  }
}

interface RawImage {
  readonly Id: string;
  readonly Size: number;
  readonly Config: ImageConfig;
  readonly RootFS?: { readonly Layers?: readonly string[] };
}

function imageInfo(raw: RawImage): ImageInfo {
  const rootLayers = raw.RootFS?.Layers ?? [];
  return { id: raw.Id, size: raw.Size, layers: rootLayers.length, rootLayers, config: raw.Config };
}

/** `n` loopback ports that are free now (each held until all are found, so they differ); null when none are. */
async function freePorts(n: number): Promise<number[] | null> {
  if (n === 0) return null;
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", resolve);
      });
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } catch {
    return null;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/**
 * GET a URL; rejects on a network error or after `timeoutMs` (a ref'd timer: the process waits for it), with the
 * error's `connected` set when the connection was made (a server that took it and did not answer in time).
 */
export function httpGet(url: string, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const req = get(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on("error", (err) => reject(Object.assign(err, { connected: true })));
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    req.on("socket", (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once("connect", () => (connected = true));
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(Object.assign(err, { connected }));
    });
  });
}

export interface ConfigDifference {
  readonly field: keyof ImageConfig;
  readonly before: unknown;
  readonly after: unknown;
}

/** Users that mean the same account: "", root, 0 and 0:0. */
function normalUser(user: string): string {
  return ["", "root", "0", "0:0", "root:root"].includes(user) ? "root" : user;
}

/**
 * The contract fields in which two image configs differ. Env is compared as a set of variables (the
 * difference lists the names); `ignoreLabel` skips labels that the environment adds to base images.
 */
export function compareConfigs(
  before: ImageConfig,
  after: ImageConfig,
  ignoreLabel: (name: string) => boolean = () => false,
): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const fields = ["Entrypoint", "Cmd", "WorkingDir", "ExposedPorts", "Volumes", "Healthcheck", "StopSignal", "Shell"] as const;
  for (const f of fields) if (!same(before[f], after[f])) out.push({ field: f, before: before[f], after: after[f] });
  if (normalUser(before.User ?? "") !== normalUser(after.User ?? "")) out.push({ field: "User", before: before.User, after: after.User });
  const labels = (c: ImageConfig) =>
    Object.fromEntries(
      Object.entries(c.Labels ?? {})
        .filter(([k]) => !ignoreLabel(k))
        .sort(),
    );
  if (!same(labels(before), labels(after))) out.push({ field: "Labels", before: labels(before), after: labels(after) });
  const env = (c: ImageConfig) => new Map((c.Env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const [eb, ea] = [env(before), env(after)];
  const names = [...new Set([...eb.keys(), ...ea.keys()])].filter((k) => eb.get(k) !== ea.get(k)).sort();
  if (names.length > 0)
    out.push({ field: "Env", before: names.map((k) => `${k}=${eb.get(k) ?? ""}`), after: names.map((k) => `${k}=${ea.get(k) ?? ""}`) });
  return out;
}
