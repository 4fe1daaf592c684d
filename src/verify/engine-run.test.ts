import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EngineApi } from "./engine-api.js";
import { demux, execOnApi, runOnApi, startFailureCode, stateOnApi, TIMED_OUT } from "./engine-run.js";

/** One frame of the engine's multiplexed stream. */
const frame = (stream: 1 | 2, text: string) => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

async function* chunks(...parts: Buffer[]) {
  yield* parts;
}

describe("demux", () => {
  test("frames split anywhere are joined per stream", async () => {
    const all = Buffer.concat([frame(1, "out 1\n"), frame(2, "err\n"), frame(1, "out 2\n")]);
    expect(await demux(chunks(all.subarray(0, 3), all.subarray(3, 17), all.subarray(17)))).toEqual({
      stdout: "out 1\nout 2\n",
      stderr: "err\n",
    });
  });
});

test("a container that cannot start exits as docker run says", () => {
  expect(startFailureCode('exec: "nosuchprog": executable file not found in $PATH: unknown')).toBe(127);
  expect(startFailureCode('exec: "/etc/passwd": permission denied: unknown')).toBe(126);
  expect(startFailureCode("cgroup mountpoint does not exist")).toBe(125);
});

/** A stand-in engine: a running container `web`, a stopped one `done`, an image whose program is missing. */
describe("on a socket", () => {
  const path = join(mkdtempSync(join(tmpdir(), "msb-engine-run-")), "engine.sock");
  const seen: string[] = [];
  const execs = new Map<string, string[]>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = req.url ?? "";
    seen.push(`${req.method} ${url.replace(/\?.*/, "")}`);
    const json = (status: number, value: unknown) => {
      res.statusCode = status;
      res.end(JSON.stringify(value));
    };
    if (url === "/containers/done/exec") return json(409, { message: "container done is not running" });
    if (url === "/containers/web/exec") {
      const id = `e${execs.size}`;
      execs.set(id, (JSON.parse(body) as { Cmd: string[] }).Cmd);
      return json(201, { Id: id });
    }
    const exec = /^\/exec\/(\w+)\/(start|json)$/.exec(url);
    if (exec) {
      const cmd = execs.get(exec[1])!;
      if (exec[2] === "json") return json(200, { Running: false, ExitCode: Number(cmd[1]) });
      if (cmd[0] === "hang") return res.write(frame(1, "started\n"));
      return res.end(Buffer.concat([frame(1, "checked\n"), frame(2, "warning\n")]));
    }
    if (url.startsWith("/containers/create")) {
      const image = (JSON.parse(body) as { Image: string }).Image;
      return json(201, { Id: image });
    }
    if (url === "/containers/missing-program/start")
      return json(400, { message: 'failed to create task: exec: "serve": executable file not found in $PATH: unknown' });
    if (url.endsWith("/start")) return json(204, {});
    if (url === "/containers/job/wait") return json(200, { StatusCode: 3 });
    if (url === "/containers/forever/wait") return;
    if (url.startsWith("/containers/job/logs") || url.startsWith("/containers/forever/logs"))
      return res.end(Buffer.concat([frame(2, "oops\n"), frame(1, "done\n")]));
    if (url === "/containers/done/json") return json(200, { State: { Running: false, ExitCode: 4 } });
    return json(404, { message: "No such container" });
  });
  const api = new EngineApi(path);
  beforeAll(() => new Promise<void>((r) => server.listen(path, r)));
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test("docker exec: the command's exit code and output; null when the container does not run", async () => {
    expect(await execOnApi(api, "web", ["check", "0"], 5000)).toEqual({ code: 0, stdout: "checked\n", stderr: "warning\n" });
    expect((await execOnApi(api, "web", ["check", "1"], 5000))?.code).toBe(1);
    expect(await execOnApi(api, "done", ["check", "0"], 5000)).toBeNull();
    expect(await execOnApi(api, "gone", ["check", "0"], 5000)).toBeNull();
    expect((await execOnApi(api, "web", ["hang", "0"], 200))?.code).toBe(TIMED_OUT);
  });

  test("docker run: exit code and output, a program not found is 127, the time limit gives what it wrote", async () => {
    expect(await runOnApi(api, "job", ["--once"], { name: "job", timeoutMs: 5000 })).toEqual({
      code: 3,
      stdout: "done\n",
      stderr: "oops\n",
    });
    const missing = await runOnApi(api, "missing-program", [], { name: "missing-program", timeoutMs: 5000 });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('exec: "serve": executable file not found');
    expect(await runOnApi(api, "forever", [], { name: "forever", timeoutMs: 200 })).toEqual({
      code: TIMED_OUT,
      stdout: "done\n",
      stderr: "oops\n",
    });
  });

  test("a container's state: null when it is gone", async () => {
    expect(await stateOnApi(api, "done")).toEqual({ running: false, exitCode: 4 });
    expect(await stateOnApi(api, "gone")).toBeNull();
    expect(seen).toContain("GET /containers/done/json");
  });
});
