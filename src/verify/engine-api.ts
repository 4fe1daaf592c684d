// The Docker Engine's HTTP API on a local unix socket, for the small calls verify makes many of (inspect an image,
// create a container, copy a folder out, start, remove): each docker CLI call costs a client start-up of
// 100-200 ms (most of a `docker rm`), and a two-core machine pays it in CPU beside the builds. Builds, `exec`,
// runs and every endpoint that is not the local docker socket (tcp, ssh, a docker context, another client such as
// podman) stay with the CLI.
import { existsSync, readFileSync } from "node:fs";
import { type IncomingMessage, request } from "node:http";
import { basename, join } from "node:path";

export interface ApiAnswer {
  readonly status: number;
  readonly body: string;
}

/** The socket could not be reached (not an error the engine answered): the caller goes back to the CLI. */
export class EngineUnreachable extends Error {}

export class EngineApi {
  constructor(readonly socketPath: string) {}

  /** One request; the answer's body as text. */
  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<ApiAnswer> {
    const res = await this.open(method, path, body, signal);
    let text = "";
    res.setEncoding("utf8");
    for await (const chunk of res) text += chunk;
    return { status: res.statusCode ?? 0, body: text };
  }

  /** One request whose answer is read as it streams (a tar archive); `signal` ends it. */
  open(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<IncomingMessage> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: this.socketPath,
          method,
          path,
          signal,
          headers: payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) },
        },
        resolve,
      );
      req.on("error", (err: NodeJS.ErrnoException) =>
        reject(/^(ENOENT|ECONNREFUSED|EACCES|EPERM|ENOTSOCK)$/.test(err.code ?? "") ? new EngineUnreachable(err.message) : err),
      );
      req.end(payload);
    });
  }
}

/** The engine's own words for a failed request (`{"message": …}`), else the body. */
export function apiMessage(answer: ApiAnswer): string {
  try {
    return String((JSON.parse(answer.body) as { message?: unknown }).message ?? answer.body).trim();
  } catch {
    return answer.body.trim();
  }
}

/** An image or container reference as a path segment (`farm/node:20`, `name@sha256:…`): the engine routes on the decoded path. */
export function refPath(ref: string): string {
  return ref.split("/").map(encodeURIComponent).join("/");
}

/**
 * The local socket the docker CLI would talk to with this environment, or null when it would talk to anything
 * else: another client binary, DOCKER_HOST other than unix://, a docker context other than `default` (from
 * DOCKER_CONTEXT or the config file's `currentContext`), or no socket file.
 */
export function localSocket(bin: string, env: Readonly<Record<string, string | undefined>>): string | null {
  if (!/^docker(\.exe)?$/.test(basename(bin))) return null;
  const host = env.DOCKER_HOST;
  let socket = "/var/run/docker.sock";
  if (host) {
    if (!host.startsWith("unix://")) return null;
    socket = host.slice("unix://".length);
  } else {
    if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== "default") return null;
    const configDir = env.DOCKER_CONFIG || (env.HOME ? join(env.HOME, ".docker") : null);
    if (configDir && existsSync(join(configDir, "config.json"))) {
      try {
        const current = (JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { currentContext?: string }).currentContext;
        if (current && current !== "default") return null;
      } catch {
        // A config file the CLI cannot read either: it says so; the CLI is used.
        return null;
      }
    }
  }
  return existsSync(socket) ? socket : null;
}

/**
 * The usual sockets of the system's (rootful) engine. A rootless engine's bridge is in a network namespace of its
 * own, which may even hold the same addresses as the system engine's bridge on this host.
 */
export const SYSTEM_SOCKETS: ReadonlySet<string> = new Set(["/var/run/docker.sock", "/run/docker.sock"]);

/**
 * Does this process share the network of the engine's default bridge, so that a container on it is reached at
 * its own address? Only on Linux when the bridge network's gateway is an address of this host's interface of
 * the bridge's name (docker0): an engine in a VM (Docker Desktop, colima) or a client in a container of its own
 * does not qualify (nor a rootless engine: the caller asks only the system's socket). Then a server's ports need
 * no publishing, whose proxy process and firewall rules the engine sets up at the start and tears down at the
 * removal (about 100 ms each on a busy two-core machine).
 */
export async function onEngineBridge(
  api: EngineApi,
  host: {
    readonly platform: string;
    readonly interfaces: Readonly<Record<string, readonly { family: string | number; address: string }[] | undefined>>;
    /**
     * This host's IPv4 routes (/proc/net/route): the interfaces list leaves out one without carrier, as the bridge
     * is while no container is attached to it (an engine that runs nothing else), whose route stays.
     */
    readonly routes?: () => string;
  },
): Promise<boolean> {
  if (host.platform !== "linux") return false;
  const answer = await api.call("GET", "/networks/bridge");
  if (answer.status !== 200) return false;
  const network = JSON.parse(answer.body) as {
    Driver?: string;
    Options?: Record<string, string> | null;
    IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] | null };
  };
  if (network.Driver !== "bridge") return false;
  const bridge = network.Options?.["com.docker.network.bridge.name"] || "docker0";
  const gateways = (network.IPAM?.Config ?? []).map((c) => c.Gateway).filter((g): g is string => Boolean(g));
  if ((host.interfaces[bridge] ?? []).some((a) => (a.family === "IPv4" || a.family === 4) && gateways.includes(a.address))) return true;
  if (!host.interfaces[bridge] && host.routes) {
    const subnets = (network.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => Boolean(s));
    try {
      return routesVia(host.routes(), bridge).some((r) => subnets.includes(r));
    } catch {
      return false;
    }
  }
  return false;
}

/** The IPv4 subnets (`172.17.0.0/16`) that /proc/net/route's text routes through interface `name`. */
export function routesVia(text: string, name: string): string[] {
  // Addresses and masks in hex, in the kernel's (little-endian) byte order.
  const ip = (hex: string) => {
    const n = Number.parseInt(hex, 16);
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
  };
  const out: string[] = [];
  for (const line of text.split("\n").slice(1)) {
    const [iface, destination, , , , , , mask] = line.trim().split(/\s+/);
    if (iface !== name || !/^[0-9A-Fa-f]{8}$/.test(destination ?? "") || !/^[0-9A-Fa-f]{8}$/.test(mask ?? "")) continue;
    const bits = ip(mask).reduce((n, b) => n + b.toString(2).replaceAll("0", "").length, 0);
    out.push(`${ip(destination).join(".")}/${bits}`);
  }
  return out;
}

/** A server container's address: its ports (container port → the port to connect to) on `host` (default 127.0.0.1). */
export interface Served {
  readonly hostPorts: Map<number, number>;
  /** The container's own address on the engine's bridge (its ports are not published); none: loopback. */
  readonly host?: string;
}

/**
 * `docker run -d` on the engine's socket: create (ports published on loopback, at `chosen` or where the engine
 * picks), then start; the host ports by container port. `direct`: nothing published, the container is reached
 * at its address on the default bridge (onEngineBridge); one that has none there is started again, published.
 */
export async function serveOnApi(
  api: EngineApi,
  image: string,
  options: { name: string; ports: readonly number[]; env?: readonly string[]; network?: string },
  chosen: readonly number[] | null,
  direct = false,
): Promise<Served | { error: string }> {
  const name = encodeURIComponent(options.name);
  if (direct && options.ports.length > 0 && !options.network) {
    const created = await api.call("POST", `/containers/create?name=${name}`, {
      Image: image,
      Env: options.env ?? [],
      ExposedPorts: Object.fromEntries(options.ports.map((p) => [`${p}/tcp`, {}])),
      HostConfig: { NetworkMode: "default" },
    });
    if (created.status !== 201) return { error: apiMessage(created) };
    const started = await api.call("POST", `/containers/${name}/start`);
    if (started.status !== 204) return { error: apiMessage(started) };
    const inspected = await api.call("GET", `/containers/${name}/json`);
    const settings =
      inspected.status === 200 ? (JSON.parse(inspected.body) as { NetworkSettings?: ContainerNetwork }).NetworkSettings : undefined;
    const address = settings?.Networks?.bridge?.IPAddress || settings?.IPAddress;
    if (address) return { host: address, hostPorts: new Map(options.ports.map((p) => [p, p])) };
    await api.call("DELETE", `/containers/${name}?force=1`);
  }
  const run = async (hostPorts: readonly number[] | null): Promise<ApiAnswer> => {
    const created = await api.call("POST", `/containers/create?name=${name}`, {
      Image: image,
      Env: options.env ?? [],
      ExposedPorts: Object.fromEntries(options.ports.map((p) => [`${p}/tcp`, {}])),
      HostConfig: {
        NetworkMode: options.network ?? "default",
        PortBindings: Object.fromEntries(
          options.ports.map((p, i) => [`${p}/tcp`, [{ HostIp: "127.0.0.1", HostPort: hostPorts ? String(hostPorts[i]) : "" }]]),
        ),
      },
    });
    if (created.status !== 201) return created;
    return api.call("POST", `/containers/${name}/start`);
  };
  if (chosen) {
    const started = await run(chosen);
    if (started.status === 204) return { hostPorts: new Map(options.ports.map((p, i) => [p, chosen[i]])) };
    if (!/port is already allocated|address already in use/i.test(apiMessage(started))) return { error: apiMessage(started) };
    await api.call("DELETE", `/containers/${name}?force=1`);
  }
  const started = await run(null);
  if (started.status !== 204) return { error: apiMessage(started) };
  const inspected = await api.call("GET", `/containers/${name}/json`);
  const bound = (JSON.parse(inspected.body) as { NetworkSettings?: { Ports?: Record<string, { HostPort: string }[] | null> } })
    .NetworkSettings?.Ports;
  const hostPorts = new Map<number, number>();
  for (const p of options.ports) {
    const port = Number(bound?.[`${p}/tcp`]?.[0]?.HostPort);
    if (!port) return { error: `no published port for ${p}: ${inspected.body.slice(0, 300)}` };
    hostPorts.set(p, port);
  }
  return { hostPorts };
}

interface ContainerNetwork {
  readonly IPAddress?: string;
  readonly Networks?: Record<string, { readonly IPAddress?: string } | undefined>;
}

/** Go's os.FileMode type bits (dir, symlink, pipe, socket, device, char device, irregular): none set is a regular file. */
const GO_MODE_TYPE = (1 << 31) | (1 << 27) | (1 << 25) | (1 << 24) | (1 << 26) | (1 << 21) | (1 << 19);

/**
 * Is `path` a regular file in container `id` (a symbolic link followed: the engine resolves it in the container's
 * scope)? A stat, no copy: null when the engine's answer is neither a stat nor "not found".
 */
export async function isRegularFile(api: EngineApi, id: string, path: string): Promise<boolean | null> {
  let stat = await statPath(api, id, path);
  if (stat?.linkTarget) stat = await statPath(api, id, stat.linkTarget);
  return stat === undefined ? null : stat !== null && ((stat.mode >>> 0) & GO_MODE_TYPE) >>> 0 === 0;
}

/** The engine's stat of a path in a container (`HEAD …/archive`); null: there is none; undefined: no answer. */
async function statPath(api: EngineApi, id: string, path: string): Promise<{ mode: number; linkTarget: string } | null | undefined> {
  const res = await api.open("HEAD", `/containers/${id}/archive?path=${encodeURIComponent(path)}`);
  res.resume();
  if (res.statusCode === 404) return null;
  const header = res.headers["x-docker-container-path-stat"];
  if (res.statusCode !== 200 || typeof header !== "string") return undefined;
  const stat = JSON.parse(Buffer.from(header, "base64").toString("utf8")) as { mode: number; linkTarget?: string };
  return { mode: stat.mode, linkTarget: stat.linkTarget ?? "" };
}
