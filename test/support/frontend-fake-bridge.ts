// A fake BuildKit LLBBridge for protocol tests: an HTTP/2 gRPC server (node:http2, prior knowledge, as
// BuildKit's ServeConn) on any Duplex. It serves local sources from in-memory folders, records every call,
// and answers frontend solves with a result whose bytes the test can compare with what comes back.
import { createServer, type Http2Server, type ServerHttp2Stream, type IncomingHttpHeaders } from "node:http2";
import type { Duplex } from "node:stream";
import { ProtoReader, ProtoWriter } from "../../src/frontend/protobuf.js";

export const BUILDKIT_08_GATEWAY_CAPS = [
  "solve.base",
  "solve.inlinereturn",
  "resolveimage",
  "resolveimage.resolvemode",
  "readfile",
  "return",
  "returnmap",
  "readdir",
  "statfile",
  "importcaches",
  "proto.refarray",
  "reference.output",
  "frontend.inputs",
  "gateway.solve.metadata",
  "gateway.exec",
  "frontend.caps",
  "gateway.solve.evaluate",
];
export const BUILDKIT_08_LLB_CAPS = [
  "source.local",
  "source.local.sessionid",
  "source.local.includepatterns",
  "source.local.followpaths",
  "source.local.excludepatterns",
  "source.local.sharedkeyhint",
  "file.base",
  "constraints",
  "platform",
];

export interface Call {
  readonly method: string;
  readonly body: Buffer;
}

export interface ForwardSolve {
  readonly frontend: string;
  readonly opts: Record<string, string>;
  readonly inputs: Map<string, Buffer>;
  readonly evaluate: boolean;
}

export interface GrpcFailure {
  readonly code: number;
  readonly message: string;
  readonly details?: Buffer;
}

export interface FakeBridgeOptions {
  readonly gatewayCaps?: readonly string[];
  readonly llbCaps?: readonly string[];
  /** Definitions returned by Inputs(). */
  readonly inputs?: Record<string, Buffer>;
  /** Client folders by local name (`dockerfile`, `context`): path → content. */
  readonly local?: Record<string, Record<string, string>>;
  /** Answer to a frontend solve: Result bytes or a failure. Default: `innerResult`. */
  readonly forward?: (solve: ForwardSolve, index: number) => Buffer | GrpcFailure;
}

/** Result{ref: {id: "inner-ref"}, metadata: {containerimage.config: …}}: opaque to the frontend. */
export const innerResult = new ProtoWriter()
  .message(3, new ProtoWriter().string(1, "inner-ref"))
  .map(10, { "containerimage.config": Buffer.from('{"config":{"Cmd":["/hello"]}}') }, (w, v) => w.bytes(2, v))
  .finish();

const glob = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
const under = (path: string, pattern: string) =>
  glob(pattern).test(path) || path.split("/").some((_, i, a) => glob(pattern).test(a.slice(0, i + 1).join("/")));

export class FakeBridge {
  readonly calls: Call[] = [];
  readonly forwards: ForwardSolve[] = [];
  /** Local sources solved: name and attributes. */
  readonly localSolves: { name: string; attrs: Record<string, string> }[] = [];
  goaway = false;
  private readonly refs = new Map<string, Map<string, string | Buffer>>();
  private readonly server: Http2Server;

  constructor(private readonly o: FakeBridgeOptions = {}) {
    this.server = createServer();
    this.server.on("session", (session) => session.on("goaway", () => (this.goaway = true)));
    this.server.on("stream", (stream, headers) => this.handle(stream, headers));
  }

  attach(conn: Duplex): void {
    this.server.emit("connection", conn);
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }

  body(method: string): Buffer | undefined {
    return this.calls.find((c) => c.method === method)?.body;
  }

  private handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = raw.length >= 5 ? raw.subarray(5, 5 + raw.readUInt32BE(1)) : Buffer.alloc(0);
      const method = String(headers[":path"]).split("/").pop() ?? "";
      this.calls.push({ method, body });
      let answer: Buffer | GrpcFailure;
      try {
        answer = this.answer(method, body);
      } catch (err) {
        answer = { code: 2, message: (err as Error).message };
      }
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => {
        if (Buffer.isBuffer(answer)) stream.sendTrailers({ "grpc-status": "0" });
        else {
          const t: Record<string, string> = { "grpc-status": String(answer.code), "grpc-message": encodeURIComponent(answer.message) };
          if (answer.details) t["grpc-status-details-bin"] = answer.details.toString("base64");
          stream.sendTrailers(t);
        }
      });
      if (Buffer.isBuffer(answer)) {
        const head = Buffer.alloc(5);
        head.writeUInt32BE(answer.length, 1);
        stream.end(Buffer.concat([head, answer]));
      } else stream.end();
    });
  }

  private answer(method: string, body: Buffer): Buffer | GrpcFailure {
    const req = new ProtoReader(body);
    switch (method) {
      case "Ping": {
        const w = new ProtoWriter();
        for (const id of this.o.gatewayCaps ?? BUILDKIT_08_GATEWAY_CAPS) w.message(1, new ProtoWriter().string(1, id).varint(2, true));
        for (const id of this.o.llbCaps ?? BUILDKIT_08_LLB_CAPS) w.message(2, new ProtoWriter().string(1, id).varint(2, true));
        w.message(2, new ProtoWriter().string(1, "disabled.cap")); // present but not enabled
        return w.finish();
      }
      case "Inputs":
        return new ProtoWriter().map(1, this.o.inputs ?? {}, (w, v) => w.message(2, v)).finish();
      case "Solve":
        return this.solve(req);
      case "ReadFile": {
        const data = this.refs.get(req.string(1))?.get(req.string(2));
        if (data === undefined) return { code: 2, message: `open ${req.string(2)}: no such file or directory` };
        return new ProtoWriter().bytes(1, Buffer.from(data)).finish();
      }
      case "ReadDir": {
        const files = this.refs.get(req.string(1));
        if (!files) return { code: 2, message: "no such ref" };
        const dir = req.string(2);
        const prefix = dir === "." || dir === "" ? "" : `${dir}/`;
        const names = new Map<string, boolean>();
        for (const p of files.keys()) {
          if (!p.startsWith(prefix)) continue;
          const [name, ...rest] = p.slice(prefix.length).split("/");
          names.set(name, (names.get(name) ?? false) || rest.length > 0 || p.endsWith("/"));
        }
        const w = new ProtoWriter();
        for (const [name, isDir] of [...names].sort()) {
          if (name === "") continue;
          w.message(1, new ProtoWriter().string(1, name).varint(2, isDir ? 0x80000000 | 0o755 : 0o644));
        }
        return w.finish();
      }
      case "Warn":
      case "Return":
        return Buffer.alloc(0);
      default:
        return { code: 12, message: `unknown method ${method}` };
    }
  }

  private solve(req: ProtoReader): Buffer | GrpcFailure {
    const frontend = req.string(2);
    if (frontend) {
      const solve: ForwardSolve = {
        frontend,
        opts: Object.fromEntries([...req.map(3)].map(([k, v]) => [k, v.toString()])),
        inputs: req.map(13),
        evaluate: req.bool(14),
      };
      this.forwards.push(solve);
      const answer = this.o.forward ? this.o.forward(solve, this.forwards.length - 1) : innerResult;
      return Buffer.isBuffer(answer) ? new ProtoWriter().message(3, answer).finish() : answer; // SolveResponse.result
    }
    const def = req.bytes(1);
    if (!def) return { code: 3, message: "no definition" };
    const ops = new ProtoReader(def).repeated(1).map((b) => new ProtoReader(b));
    if (ops.length < 2) return { code: 3, message: `invalid LLB with ${ops.length} vertexes` };
    const files = new Map<string, string | Buffer>();
    const op = ops[0];
    const source = op.message(3);
    if (source) {
      const name = source.string(1).replace(/^local:\/\//, "");
      const attrs = Object.fromEntries([...source.map(2)].map(([k, v]) => [k, v.toString()]));
      this.localSolves.push({ name, attrs });
      const follow: string[] | undefined = attrs["local.followpaths"] ? JSON.parse(attrs["local.followpaths"]) : undefined;
      const include: string[] | undefined = attrs["local.includepattern"] ? JSON.parse(attrs["local.includepattern"]) : undefined;
      const exclude: string[] = attrs["local.excludepatterns"] ? JSON.parse(attrs["local.excludepatterns"]) : [];
      for (const [path, data] of Object.entries(this.o.local?.[name] ?? {})) {
        if (follow && !follow.includes(path)) continue;
        if (include && !include.some((p) => under(path, p))) continue;
        const excluded = (p: string) => exclude.some((e) => under(p, e));
        if (excluded(path)) {
          // An excluded child leaves its nearest included folder behind, empty (no `!` exceptions here).
          const parts = path.split("/");
          for (let i = parts.length - 1; i > 0; i--) {
            const dir = parts.slice(0, i).join("/");
            if (!excluded(dir) && (!include || include.some((p) => under(dir, p)))) {
              files.set(`${dir}/`, "");
              break;
            }
          }
          continue;
        }
        files.set(path, data);
      }
    } else {
      for (const action of op.message(4)?.repeated(2) ?? []) {
        const mk = new ProtoReader(action).message(5);
        if (mk) files.set(mk.string(1).replace(/^\//, ""), mk.bytes(3) ?? Buffer.alloc(0));
      }
    }
    const id = `ref-${this.refs.size + 1}`;
    this.refs.set(id, files);
    return new ProtoWriter().message(3, new ProtoWriter().message(3, new ProtoWriter().string(1, id))).finish();
  }
}

/** The files of a scratch + Mkfile definition, and the vertex name of its file op. */
export function mkfileContents(def: Buffer): { files: Record<string, string>; name: string } {
  const defR = new ProtoReader(def);
  const [fileOp] = defR.repeated(1);
  const files: Record<string, string> = {};
  for (const action of new ProtoReader(fileOp).message(4)?.repeated(2) ?? []) {
    const mk = new ProtoReader(action).message(5)!;
    files[mk.string(1)] = mk.string(3);
  }
  let name = "";
  for (const meta of defR.map(2).values()) name ||= new ProtoReader(meta).map(2).get("llb.customname")?.toString() ?? "";
  return { files, name };
}
