import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Docker } from "./docker.js";
import { apiMessage, EngineApi, EngineUnreachable, localSocket, refPath } from "./engine-api.js";

/** A folder with a file standing in for the socket (localSocket only checks that it exists). */
function fakeSocket(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-engine-api-"));
  writeFileSync(join(dir, "docker.sock"), "");
  return join(dir, "docker.sock");
}

/** A docker client (a script named docker) whose `docker info` names engine `id`. */
function fakeClient(id: string): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-engine-client-"));
  writeFileSync(join(dir, "docker"), `#!/bin/sh\n[ "$1" = info ] && echo '${id}'\n`, { mode: 0o755 });
  return join(dir, "docker");
}

describe("localSocket", () => {
  const socket = fakeSocket();
  test("the docker client on a unix:// DOCKER_HOST talks to that socket", () => {
    expect(localSocket("/usr/bin/docker", { DOCKER_HOST: `unix://${socket}` })).toBe(socket);
  });
  test("any other endpoint, client or context stays with the CLI", () => {
    expect(localSocket("/usr/bin/docker", { DOCKER_HOST: "tcp://10.0.0.2:2376" })).toBeNull();
    expect(localSocket("/usr/bin/docker", { DOCKER_HOST: "ssh://builder" })).toBeNull();
    expect(localSocket("/usr/bin/podman", { DOCKER_HOST: `unix://${socket}` })).toBeNull();
    expect(localSocket("/usr/bin/docker", { DOCKER_CONTEXT: "remote" })).toBeNull();
    expect(localSocket("/usr/bin/docker", { DOCKER_HOST: `unix://${socket}.missing` })).toBeNull();
  });
  test("the config file's current context decides when nothing in the environment does", () => {
    const home = mkdtempSync(join(tmpdir(), "msb-engine-home-"));
    mkdirSync(join(home, ".docker"));
    writeFileSync(join(home, ".docker", "config.json"), JSON.stringify({ currentContext: "fleet-a" }));
    expect(localSocket("docker", { HOME: home })).toBeNull();
    writeFileSync(join(home, ".docker", "config.json"), "{not json");
    expect(localSocket("docker", { HOME: home })).toBeNull();
  });
});

describe("EngineApi", () => {
  test("requests go to the socket; the engine's message is read from its JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-engine-sock-"));
    const path = join(dir, "engine.sock");
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === "/info") return res.end(JSON.stringify({ ID: "ENGINE:A" }));
      res.statusCode = 404;
      res.end(JSON.stringify({ message: "No such image: farm/node:20" }));
    });
    await new Promise<void>((r) => server.listen(path, r));
    try {
      const answer = await new EngineApi(path).call("GET", `/images/${refPath("farm/node:20")}/json`);
      expect(seen).toEqual(["GET /images/farm/node%3A20/json"]);
      expect(answer.status).toBe(404);
      expect(apiMessage(answer)).toBe("No such image: farm/node:20");
      // A client whose `docker info` names that engine: the image is asked on the socket, missing (null) as the CLI reports it.
      const docker = new Docker({ bin: fakeClient("ENGINE:A"), env: { DOCKER_HOST: `unix://${path}` } });
      expect(await docker.engineApi()).not.toBeNull();
      expect(await docker.inspectMany(["farm/node:20"])).toEqual([null]);
      expect(seen.slice(1)).toEqual(["GET /info", "GET /images/farm/node%3A20/json"]);
      // A client that talks to another engine (a wrapper, another context) keeps the CLI.
      expect(await new Docker({ bin: fakeClient("ENGINE:B"), env: { DOCKER_HOST: `unix://${path}` } }).engineApi()).toBeNull();
    } finally {
      server.close();
    }
  });
  test("a socket nobody listens on is unreachable: the client falls back to the CLI", async () => {
    const path = fakeSocket();
    await expect(new EngineApi(path).call("GET", "/info")).rejects.toBeInstanceOf(EngineUnreachable);
    const fallback = new Docker({ bin: fakeClient("ENGINE:A"), env: { DOCKER_HOST: `unix://${path}` } });
    expect(await fallback.engineApi()).toBeNull();
  });
});
