// The frontend against a fake LLBBridge, over a real socket pair (in process) and over real pipes (a
// spawned process): the call sequence, what is forwarded, Return with untouched bytes, errors passed
// through, and exit without GOAWAY. No Docker needed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bridge, LLB_BRIDGE, statusBytes } from "../src/frontend/bridge.js";
import { runFrontend, type Deps } from "../src/frontend/gateway.js";
import { grpcClient } from "../src/frontend/grpc-stdio.js";
import { definition, scratchWithFiles } from "../src/frontend/llb.js";
import { ProtoReader } from "../src/frontend/protobuf.js";
import { optimize, type OptimizeOptions, type OptimizeResult } from "../src/core/pipeline.js";
import {
  BUILDKIT_08_GATEWAY_CAPS,
  FakeBridge,
  innerResult,
  mkfileContents,
  type FakeBridgeOptions,
} from "./support/frontend-fake-bridge.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "msb-frontend-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A connected unix socket pair: the fake bridge on one end, the frontend's client on the other. */
async function socketPair(): Promise<[Socket, Socket]> {
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.sock`);
  const server = createServer();
  await new Promise<void>((r) => server.listen(path, r));
  const accepted = new Promise<Socket>((r) => server.once("connection", r));
  const client = createConnection(path);
  const serverSide = await accepted;
  server.close();
  return [serverSide, client];
}

const DOCKERFILE = '# syntax=localhost/msb-opt:dev\nFROM debian:bookworm-slim\nRUN echo a > /a\nRUN echo b > /b\nCMD ["cat", "/a"]\n';

function env(opts: Record<string, string>): Record<string, string> {
  const e: Record<string, string> = { BUILDKIT_SESSION_ID: "session-1" };
  Object.entries(opts).forEach(([k, v], i) => (e[`BUILDKIT_FRONTEND_OPT_${i}`] = `${k}=${v}`));
  return e;
}

const dockerOpts = {
  cmdline: "localhost/msb-opt:dev",
  source: "localhost/msb-opt:dev",
  "image-resolve-mode": "default",
  "build-arg:HTTP_PROXY": "http://p",
};

async function run(o: FakeBridgeOptions, opts: Record<string, string>, deps: Deps = {}) {
  const fake = new FakeBridge(o);
  const [serverSide, clientSide] = await socketPair();
  fake.attach(serverSide);
  const client = grpcClient(clientSide, LLB_BRIDGE);
  const code = await runFrontend(new Bridge(client), env(opts), () => {}, deps);
  await new Promise((r) => setTimeout(r, 20)); // a GOAWAY would arrive by now
  const goaway = fake.goaway;
  clientSide.destroy();
  return { fake, code, goaway };
}

const returned = (fake: FakeBridge) => new ProtoReader(fake.body("Return")!);

/** A stand-in for optimize that changes nothing and reads nothing: for tests of the protocol alone. */
const unchanged: Deps = { optimizer: async (text) => ({ output: text, changes: [], refusals: [], diff: "", files: [] }) };

/** A stand-in for optimize that "merges" the two RUNs and reads one context file. */
function merging(read: string[] = []): { optimizer: typeof optimize; seen: (string | null)[] } {
  const seen: (string | null)[] = [];
  const optimizer = async (text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> => {
    for (const p of read) seen.push(options.context?.read(p) ?? null);
    const output = text.replace("RUN echo a > /a\nRUN echo b > /b\n", "RUN echo a > /a && echo b > /b\n");
    return {
      output,
      changes: [{ pass: "merge-run", line: 3, kind: "change", message: "Merged 2 RUN instructions." }],
      refusals: [],
      diff: "",
      files: [],
    };
  };
  return { optimizer, seen };
}

describe("frontend protocol (fake LLBBridge)", () => {
  it("reads the Dockerfile from the local source, forwards to dockerfile.v0, returns the inner result untouched", async () => {
    const { fake, code, goaway } = await run(
      {
        local: { dockerfile: { Dockerfile: DOCKERFILE }, context: { "package.json": "{}", "src/index.js": "x" } },
        inputs: { context: Buffer.from("ctx-def") },
      },
      { ...dockerOpts, "build-arg:MSB_OPT_FALLBACK": "none" },
    );
    expect(code).toBe(0);
    expect(goaway).toBe(false);
    const methods = fake.methods();
    expect(methods.slice(0, 2).sort()).toEqual(["Inputs", "Ping"]); // in parallel
    expect(methods.slice(-2)).toEqual(["Solve", "Return"]);
    expect(methods).toContain("ReadFile");
    // The Dockerfile came from local://dockerfile with BuildKit's follow paths.
    expect(fake.localSolves[0]).toEqual({
      name: "dockerfile",
      attrs: {
        "local.session": "session-1",
        "local.sharedkeyhint": "dockerfile",
        "local.followpaths": JSON.stringify(["Dockerfile", "Dockerfile.dockerignore", "dockerfile"]),
      },
    });
    // A named `context` input means the context is not local: no context transfer.
    expect(fake.localSolves).toHaveLength(1);
    const [fwd] = fake.forwards;
    expect(fwd.frontend).toBe("dockerfile.v0");
    expect(fwd.opts).toEqual({
      cmdline: "localhost/msb-opt:dev",
      filename: "Dockerfile",
      "image-resolve-mode": "default",
      "build-arg:HTTP_PROXY": "http://p",
    });
    expect(fwd.inputs.get("context")?.toString()).toBe("ctx-def"); // other inputs are forwarded unchanged
    const { files, name } = mkfileContents(fwd.inputs.get("dockerfile")!);
    const expected = await optimize(DOCKERFILE.replace("localhost/msb-opt:dev", "docker/dockerfile:1.2"), {
      syntaxDirective: "never",
      offline: true,
      pin: "none",
    });
    expect(files).toEqual({ "/Dockerfile": expected.output.replace("docker/dockerfile:1.2", "localhost/msb-opt:dev") });
    expect(name).toMatch(/^\[msb-opt\] /);
    expect(returned(fake).bytes(1)?.equals(innerResult)).toBe(true);
  });

  it("lists the context root (files with content, folders without), then fetches exactly what a pass asks for", async () => {
    const { optimizer, seen } = merging(["package.json", "app/start.sh", "src"]);
    const local = {
      dockerfile: { Dockerfile: DOCKERFILE },
      context: { "package.json": '{"name":"x"}', "app/start.sh": "#!/bin/sh\n", "app/other.sh": "o", "src/big.bin": "…" },
    };
    const { fake, code } = await run({ local }, dockerOpts, { optimizer });
    expect(code).toBe(0);
    const contextSolves = fake.localSolves.filter((s) => s.name === "context");
    expect(contextSolves).toHaveLength(2);
    expect(JSON.parse(contextSolves[0].attrs["local.includepattern"])).toEqual(["*"]);
    expect(JSON.parse(contextSolves[0].attrs["local.excludepatterns"])).toEqual(["*/*"]);
    expect(JSON.parse(contextSolves[1].attrs["local.includepattern"])).toEqual(["app/start.sh"]);
    expect(JSON.parse(contextSolves[1].attrs["local.excludepatterns"])).toEqual(["app/start.sh/*"]);
    // Each pattern set has its own transfer cache, never the build's own "context" one.
    expect(contextSolves[0].attrs["local.sharedkeyhint"]).toMatch(/^msb-opt-[0-9a-f]{12}$/);
    expect(contextSolves[1].attrs["local.sharedkeyhint"]).toMatch(/^msb-opt-[0-9a-f]{12}$/);
    expect(contextSolves[1].attrs["local.sharedkeyhint"]).not.toBe(contextSolves[0].attrs["local.sharedkeyhint"]);
    const read = fake.calls.filter((c) => c.method === "ReadFile").map((c) => new ProtoReader(c.body).string(2));
    expect(read).not.toContain("src/big.bin");
    expect(read).not.toContain("app/other.sh");
    // Last run: the manifest and the script were read, the folder exists but its content never came.
    expect(seen.slice(-3)).toEqual(['{"name":"x"}', "#!/bin/sh\n", null]);
    const { files, name } = mkfileContents(fake.forwards[0].inputs.get("dockerfile")!);
    expect(files["/Dockerfile"]).toContain("RUN echo a > /a && echo b > /b\n");
    expect(files["/Dockerfile"].startsWith("# syntax=localhost/msb-opt:dev\n")).toBe(true);
    expect(name).toBe("[msb-opt] 1 change: merge-run");
  });

  it("lists a folder a pass listed: its direct entries, folders without content", async () => {
    const names: string[][] = [];
    const optimizer = async (text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> => {
      names.push([...(options.context?.list("src") ?? [])]);
      return { output: text, changes: [], refusals: [], diff: "", files: [] };
    };
    const local = { dockerfile: { Dockerfile: DOCKERFILE }, context: { "src/a.js": "a", "src/lib/deep.js": "d", "top.txt": "t" } };
    const { fake, code } = await run({ local }, dockerOpts, { optimizer });
    expect(code).toBe(0);
    const listing = fake.localSolves.filter((s) => s.name === "context")[1];
    expect(JSON.parse(listing.attrs["local.includepattern"])).toEqual(["src/*"]);
    expect(JSON.parse(listing.attrs["local.excludepatterns"])).toEqual(["src/*/*"]);
    expect(names).toEqual([[], ["a.js", "lib"]]);
    const read = fake.calls.filter((c) => c.method === "ReadFile").map((c) => new ProtoReader(c.body).string(2));
    expect(read.sort()).toEqual(["Dockerfile", "Dockerfile.dockerignore", "src/a.js", "top.txt"]); // never src/lib/deep.js
  });

  it("honours the context's .msb-opt.json, under the syntax line and the build-args", async () => {
    const forwarded = async (config: object, opts: Record<string, string> = {}, at = "Dockerfile") => {
      const context = { ".msb-opt.json": JSON.stringify(config), [at]: DOCKERFILE, "package.json": "{}" };
      const { fake, code } = await run({ local: { dockerfile: { Dockerfile: DOCKERFILE }, context } }, { ...dockerOpts, ...opts });
      expect(code).toBe(0);
      return mkfileContents(fake.forwards[0].inputs.get("dockerfile")!);
    };
    const merged = "RUN echo a > /a \\\n    && echo b > /b\n";
    expect((await forwarded({})).files["/Dockerfile"]).toContain(merged);
    const skipped = await forwarded({ skip: ["merge-run"] });
    expect(skipped.files["/Dockerfile"]).toBe(DOCKERFILE);
    expect(skipped.name).toMatch(/^\[msb-opt\] no changes/);
    // The build-args win over the file: `passes` turns merge-run back on.
    expect((await forwarded({ skip: ["merge-run"] }, { "build-arg:MSB_OPT_PASSES": "merge-run" })).files["/Dockerfile"]).toContain(merged);
    // `overrides` match the Dockerfile's path in the context.
    const overrides = { overrides: [{ files: "Dockerfile", skip: ["merge-run"] }] };
    expect((await forwarded(overrides)).files["/Dockerfile"]).toBe(DOCKERFILE);
    expect((await forwarded({ overrides: [{ files: "other/**", skip: ["merge-run"] }] })).files["/Dockerfile"]).toContain(merged);
    // A Dockerfile the context root does not hold (`-f` from elsewhere): which overrides match is unknown.
    const unknown = await forwarded(overrides, {}, "elsewhere.Dockerfile");
    expect(unknown.files["/Dockerfile"]).toBe(DOCKERFILE);
    expect(unknown.name).toMatch(/^\[msb-opt\] left the Dockerfile unchanged: \.msb-opt\.json has `overrides`, and msb-opt cannot tell/);
  });

  it("reads the Dockerfile from Inputs() when the client sent it as an input", async () => {
    const input = definition([scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from(DOCKERFILE) }], "from client")]);
    const { fake, code } = await run({ inputs: { dockerfile: input }, local: { context: {} } }, dockerOpts, unchanged);
    expect(code).toBe(0);
    expect(fake.localSolves.map((s) => s.name)).toEqual(["context"]);
    expect(mkfileContents(fake.forwards[0].inputs.get("dockerfile")!).files["/Dockerfile"]).toBe(DOCKERFILE);
  });

  it("follows -f (filename) with its own .dockerignore, and falls back to lowercase `dockerfile`", async () => {
    const f = await run(
      { local: { dockerfile: { "Other.Dockerfile": DOCKERFILE, "Other.Dockerfile.dockerignore": "*.log\n" }, context: {} } },
      { ...dockerOpts, filename: "Other.Dockerfile", target: "base" },
      unchanged,
    );
    expect(f.code).toBe(0);
    expect(f.fake.forwards[0].opts).toMatchObject({ filename: "Dockerfile", target: "base" });
    expect(mkfileContents(f.fake.forwards[0].inputs.get("dockerfile")!).files).toEqual({
      "/Dockerfile": DOCKERFILE,
      "/Dockerfile.dockerignore": "*.log\n",
    });
    const lower = await run({ local: { dockerfile: { dockerfile: DOCKERFILE }, context: {} } }, dockerOpts, unchanged);
    expect(lower.code).toBe(0);
    expect(mkfileContents(lower.fake.forwards[0].inputs.get("dockerfile")!).files["/Dockerfile"]).toBe(DOCKERFILE);
  });

  it("forwards to an image frontend through gateway.v0 with inner=", async () => {
    const { fake, code } = await run(
      { local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} } },
      { ...dockerOpts, cmdline: "localhost/msb-opt:dev inner=docker/dockerfile:1.7" },
    );
    expect(code).toBe(0);
    expect(fake.forwards[0].frontend).toBe("gateway.v0");
    expect(fake.forwards[0].opts).toMatchObject({ source: "docker/dockerfile:1.7", cmdline: "docker/dockerfile:1.7" });
  });

  it("passes the inner frontend's error through Return with its status bytes intact", async () => {
    const details = Buffer.from("0802120f7061727365206572726f72203a31", "hex"); // a Status with typed details stands here
    const { fake, code, goaway } = await run(
      {
        local: { dockerfile: { Dockerfile: "FROMM x\n" }, context: {} },
        forward: () => ({ code: 2, message: "dockerfile parse error line 1: unknown instruction: FROMM", details }),
      },
      dockerOpts,
    );
    expect(code).toBe(1);
    expect(goaway).toBe(false);
    expect(mkfileContents(fake.forwards[0].inputs.get("dockerfile")!).files["/Dockerfile"]).toBe("FROMM x\n"); // handed on as written
    expect(returned(fake).bytes(2)?.equals(details)).toBe(true);
  });

  it("returns a status of its own when the error carries no details", async () => {
    const { fake } = await run(
      { local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} }, forward: () => ({ code: 3, message: "bad target" }) },
      dockerOpts,
    );
    expect(returned(fake).bytes(2)?.equals(statusBytes(3, "Solve: bad target"))).toBe(true);
  });

  it("refuses an engine without frontend inputs (before Docker 20.10), saying what to upgrade", async () => {
    const { fake, code } = await run({ gatewayCaps: BUILDKIT_08_GATEWAY_CAPS.filter((c) => c !== "frontend.inputs") }, dockerOpts);
    expect(code).toBe(1);
    expect(fake.methods().filter((m) => m !== "Inputs")).toEqual(["Ping", "Return"]); // nothing was solved
    expect(returned(fake).message(2)?.string(2)).toMatch(/needs Docker Engine 20\.10 or BuildKit 0\.7.*frontend\.inputs/);
  });

  it("reports a mistyped option through Return", async () => {
    // Checked against the settings table once the library is loaded (it loads while the files are read).
    const { fake, code } = await run(
      { local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} } },
      { ...dockerOpts, cmdline: "localhost/msb-opt:dev pases=merge-run" },
    );
    expect(code).toBe(1);
    expect(returned(fake).message(2)?.string(2)).toMatch(/unknown option `pases`/);
  });

  it("reports an unknown pass through Return, as the CLI does", async () => {
    const { fake, code } = await run(
      { local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} } },
      { ...dockerOpts, "build-arg:MSB_OPT_SKIP": "no-such-pass" },
    );
    expect(fake.forwards).toEqual([]);
    expect(code).toBe(1);
    expect(returned(fake).message(2)?.string(2)).toMatch(
      /^msb-opt: build-arg MSB_OPT_SKIP: skip=no-such-pass: names no pass: no-such-pass/,
    );
  });

  it("hands subrequests (outline, targets, lint) the user's file untouched", async () => {
    const { fake } = await run(
      { local: { dockerfile: { Dockerfile: DOCKERFILE } }, inputs: { context: Buffer.from("c") } },
      { ...dockerOpts, requestid: "frontend.outline" },
    );
    expect(fake.methods().slice(2)).toEqual(["Solve", "Return"]);
    expect(fake.forwards[0].opts).toMatchObject({ requestid: "frontend.outline", cmdline: "localhost/msb-opt:dev" });
    expect(fake.forwards[0].inputs.has("dockerfile")).toBe(false);
  });

  it("with fallback=original, builds the original when the optimized file fails, and says so", async () => {
    const { optimizer } = merging();
    const { fake, code } = await run(
      {
        local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} },
        forward: (_s, i) => (i === 0 ? { code: 2, message: "exit code 1" } : innerResult),
      },
      { ...dockerOpts, cmdline: "localhost/msb-opt:dev fallback=original" },
      { optimizer },
    );
    expect(code).toBe(0);
    expect(fake.forwards.map((f) => f.evaluate)).toEqual([true, false]);
    const second = mkfileContents(fake.forwards[1].inputs.get("dockerfile")!);
    expect(second.files["/Dockerfile"]).toBe(DOCKERFILE);
    expect(second.name).toBe("[msb-opt] optimized build failed: built the original Dockerfile");
    expect(returned(fake).bytes(1)?.equals(innerResult)).toBe(true);
  });

  it("sends one warning per change when the engine supports them (BuildKit 0.10+)", async () => {
    const { optimizer } = merging();
    const { fake } = await run(
      { gatewayCaps: [...BUILDKIT_08_GATEWAY_CAPS, "gateway.warnings"], local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} } },
      dockerOpts,
      { optimizer },
    );
    const warn = new ProtoReader(fake.body("Warn")!);
    expect(warn.bytes(3)?.toString()).toBe("msb-opt merge-run: Merged 2 RUN instructions.");
    expect(warn.message(7)?.message(1)?.varint(1)).toBe(3n);
    expect(warn.message(6)?.string(2)).toBe(DOCKERFILE);
  });
});

describe("frontend process (real pipes)", () => {
  it("speaks only gRPC on stdout and exits by itself after Return", async () => {
    const fake = new FakeBridge({ local: { dockerfile: { Dockerfile: DOCKERFILE }, context: {} } });
    const child = spawn(process.execPath, ["--import", "tsx", "src/entry-image.ts"], {
      env: { PATH: process.env.PATH, ...env(dockerOpts) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    fake.attach(Duplex.from({ readable: child.stdout, writable: child.stdin }));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(fake.goaway).toBe(false);
    expect(fake.methods().at(-1)).toBe("Return");
    expect(returned(fake).bytes(1)?.equals(innerResult)).toBe(true);
    expect(stderr).toMatch(/^\[msb-opt\] \+\d+ms \[msb-opt\] (no changes|\d+ changes?: )/m); // the log goes to stderr (the daemon log)
  });

  it("sends console output and stray stdout writes to stderr once guarded", async () => {
    const script = [
      'const { guardStdout } = await import("./src/frontend/stdout-guard.ts");',
      "const wire = guardStdout();",
      'console.log("log"); console.info("info"); process.stdout.write("stray\\n");',
      'wire.write("WIRE", () => process.exit(0));',
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    await new Promise((r) => child.on("exit", r));
    expect(out).toBe("WIRE");
    expect(err).toBe("log\ninfo\nstray\n");
  });

  it("runs the CLI when BuildKit did not start it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/entry-image.ts", "-"], {
      env: { PATH: process.env.PATH },
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end("FROM debian\nRUN true\n");
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).toBe(0);
    expect(out).toContain("FROM debian");
  });
});
