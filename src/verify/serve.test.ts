// Servers on the engine's bridge and their removal, against a stand-in engine on a unix socket: a "container"
// is an HTTP server on this host that the stand-in starts on the port it is reached at (its own port on the
// address the stand-in gives it, or the published one).
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { observe } from "./behaviour.js";
import { Docker, type ImageConfig } from "./docker.js";
import { EngineApi, onEngineBridge, routesVia } from "./engine-api.js";

interface Engine {
  readonly path: string;
  readonly seen: string[];
  /** The address a started container gets on the bridge ("" for none). */
  address: string;
  /** The bridge network as the engine describes it. */
  bridge: unknown;
  readonly created: Map<string, { HostConfig?: { PortBindings?: Record<string, { HostPort: string }[]> } }>;
  readonly close: () => Promise<void>;
}

async function standIn(): Promise<Engine> {
  const path = join(mkdtempSync(join(tmpdir(), "msb-serve-")), "engine.sock");
  const apps = new Map<string, Server>();
  const engine: Engine = {
    path,
    seen: [],
    address: "127.0.0.1",
    bridge: {
      Driver: "bridge",
      Options: { "com.docker.network.bridge.name": "lo" },
      IPAM: { Config: [{ Gateway: "127.0.0.1", Subnet: "127.0.0.0/8" }] },
    },
    created: new Map(),
    close: async () => {
      for (const app of apps.values()) app.close();
      await new Promise((r) => server.close(r));
    },
  };
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = req.url ?? "";
    const name = url.startsWith("/containers/create")
      ? (new URLSearchParams(url.split("?")[1]).get("name") ?? "")
      : (/^\/containers\/([^/?]+)/.exec(url)?.[1] ?? "");
    engine.seen.push(`${req.method} ${url.replace(/\?.*/, "")}`);
    const json = (status: number, value: unknown, delay = 0) =>
      setTimeout(() => {
        res.statusCode = status;
        res.end(JSON.stringify(value));
        engine.seen.push(`done ${req.method} ${url.replace(/\?.*/, "")}`);
      }, delay);
    if (url === "/info") return json(200, { ID: "ENGINE:S" });
    if (url === "/networks/bridge") return json(200, engine.bridge);
    if (url.startsWith("/containers/create")) {
      engine.created.set(name, JSON.parse(body));
      return json(201, { Id: name });
    }
    if (url === `/containers/${name}/start`) {
      const config = engine.created.get(name)!;
      const published = Object.entries(config.HostConfig?.PortBindings ?? {});
      const ports = published.length > 0 ? published.map(([, b]) => Number(b[0].HostPort)) : [Number(name.split("-").pop())];
      for (const port of ports) {
        const app = createServer((_, r) => r.end(`hello from ${name}`));
        await new Promise<void>((r) => app.listen(port, "127.0.0.1", r));
        apps.set(`${name}:${port}`, app);
      }
      return json(204, {});
    }
    if (url === `/containers/${name}/json`) return json(200, { NetworkSettings: { Networks: { bridge: { IPAddress: engine.address } } } });
    if (url === `/containers/${name}/kill`) return json(204, {}, 50);
    if (req.method === "DELETE" && url.startsWith("/containers/")) {
      for (const [key, app] of apps) if (key.startsWith(`${name}:`)) app.close();
      return json(204, {}, 300);
    }
    if (req.method === "DELETE" && url.startsWith("/images/")) return json(200, []);
    json(404, { message: "no such thing" });
  });
  await new Promise<void>((r) => server.listen(path, r));
  return engine;
}

/** A docker client (a script named docker) whose `docker info` names the stand-in. */
function client(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-serve-client-"));
  writeFileSync(join(dir, "docker"), `#!/bin/sh\n[ "$1" = info ] && echo 'ENGINE:S'\n`);
  chmodSync(join(dir, "docker"), 0o755);
  return join(dir, "docker");
}

/** A port free on this host now: the stand-in's "container" listens there. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const config = (port: number): ImageConfig => ({
  Entrypoint: null,
  Cmd: ["serve"],
  Env: null,
  WorkingDir: "",
  User: "",
  ExposedPorts: { [`${port}/tcp`]: {} },
  Volumes: null,
  Healthcheck: null,
  Labels: null,
});

const linux = process.platform === "linux";

describe.runIf(linux)("servers on the engine's bridge", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await standIn();
  });
  afterAll(() => engine.close());
  const docker = () => new Docker({ bin: client(), env: { DOCKER_HOST: `unix://${engine.path}` }, bridge: true });

  test("the bridge is this host's when its gateway is an address of this host's interface of its name", async () => {
    const api = new EngineApi(engine.path);
    const interfaces = { lo: [{ family: "IPv4", address: "127.0.0.1" }] };
    expect(await onEngineBridge(api, { platform: "linux", interfaces })).toBe(true);
    // Another network namespace (a client in a container, an engine in a VM): no such interface, or not that address.
    expect(await onEngineBridge(api, { platform: "linux", interfaces: {} })).toBe(false);
    expect(await onEngineBridge(api, { platform: "linux", interfaces: { lo: [{ family: "IPv4", address: "127.0.0.2" }] } })).toBe(false);
    expect(await onEngineBridge(api, { platform: "darwin", interfaces })).toBe(false);
  });

  test("a bridge without carrier (no container attached: left out of the interfaces) is this host's when it routes the bridge's subnet", async () => {
    const api = new EngineApi(engine.path);
    const header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
    const routes = `${header}eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\nlo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n`;
    expect(await onEngineBridge(api, { platform: "linux", interfaces: {}, routes: () => routes })).toBe(true);
    // No such route here (another network namespace), or the interface is up with another address.
    expect(await onEngineBridge(api, { platform: "linux", interfaces: {}, routes: () => header })).toBe(false);
    const other = { lo: [{ family: "IPv4", address: "127.0.0.2" }] };
    expect(await onEngineBridge(api, { platform: "linux", interfaces: other, routes: () => routes })).toBe(false);
    expect(
      await onEngineBridge(api, {
        platform: "linux",
        interfaces: {},
        routes: () => {
          throw new Error("EACCES");
        },
      }),
    ).toBe(false);
  });

  test("routesVia reads the kernel's route table", () => {
    const table = [
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
      "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
      "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
      "br-1\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
    ].join("\n");
    expect(routesVia(table, "docker0")).toEqual(["172.17.0.0/16"]);
    expect(routesVia(table, "eth0")).toEqual(["0.0.0.0/0"]);
    expect(routesVia(table, "docker1")).toEqual([]);
  });

  test("a server is reached at its address without publishing its port", async () => {
    const port = await freePort();
    const d = docker();
    const marks: string[] = [];
    const seen = await observe(d, "app:1", config(port), `web-${port}`, { readyMs: 5000, mark: (m) => marks.push(m) });
    expect(seen.http).toEqual([{ port, path: "/", status: 200, body: `hello from web-${port}` }]);
    expect(engine.created.get(`web-${port}`)?.HostConfig?.PortBindings).toBeUndefined();
    expect(marks[0]).toBe("server started at 127.0.0.1");
    await d.removeImages("app:1");
  });

  test("an address this host cannot reach: the port is published on 127.0.0.1 and the server started again", async () => {
    // No connection made and none refused (here: an address no URL takes, which fails at once; in life a
    // firewall that drops the packets, or no route).
    engine.address = "not reachable";
    try {
      const port = await freePort();
      const d = docker();
      const marks: string[] = [];
      const seen = await observe(d, "app:1", config(port), `web-${port}`, { readyMs: 10_000, mark: (m) => marks.push(m) });
      expect(seen.http).toEqual([{ port, path: "/", status: 200, body: `hello from web-${port}` }]);
      expect(marks.some((m) => m.startsWith("no route to not reachable"))).toBe(true);
      expect(Object.keys(engine.created.get(`web-${port}`)?.HostConfig?.PortBindings ?? {})).toEqual([`${port}/tcp`]);
      await d.removeImages("app:1");
    } finally {
      engine.address = "127.0.0.1";
    }
  });

  test("an image is removed once its container has stopped, beside that container's removal", async () => {
    const d = docker();
    await d.engineApi();
    engine.seen.length = 0;
    d.removeContainer("web-1");
    await d.removeImages("app:1");
    const at = (event: string) => engine.seen.indexOf(event);
    expect(at("done POST /containers/web-1/kill")).toBeLessThan(at("DELETE /images/app%3A1"));
    expect(at("DELETE /images/app%3A1")).toBeLessThan(at("done DELETE /containers/web-1"));
    // removeImages returns once the container is gone too.
    expect(engine.seen).toContain("done DELETE /containers/web-1");
  });

  test("an image's removal does not wait for a container whose removal started after it was asked", async () => {
    const d = docker();
    await d.engineApi();
    engine.seen.length = 0;
    d.removeContainer("web-a");
    const first = d.removeImages("a:1").then(() => engine.seen.push("a:1 removed"));
    await new Promise((r) => setTimeout(r, 100));
    d.removeContainer("web-b");
    await first;
    await d.removeImages("b:1");
    const at = (event: string) => engine.seen.indexOf(event);
    expect(at("a:1 removed")).toBeGreaterThan(at("done DELETE /containers/web-a"));
    expect(at("a:1 removed")).toBeLessThan(at("done DELETE /containers/web-b"));
    expect(at("DELETE /images/b%3A1")).toBeGreaterThan(at("done POST /containers/web-b/kill"));
  });
});
