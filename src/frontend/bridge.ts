// Typed calls to BuildKit's LLBBridge (frontend/gateway/pb/gateway.proto) for the subset msb-opt uses.
// Field numbers are the same from BuildKit v0.8 (Docker 20.10) to today. Forwarded results are never
// decoded: SolveResponse.result goes back to Return byte for byte (image config, refs, attestations).
import type { UnaryClient } from "./grpc-stdio.js";
import { ProtoReader, ProtoWriter } from "./protobuf.js";

export const LLB_BRIDGE = "moby.buildkit.v1.frontend.LLBBridge";

export interface Caps {
  /** Enabled gateway API caps (PongResponse.FrontendAPICaps). */
  readonly frontend: ReadonlySet<string>;
  /** Enabled LLB caps (PongResponse.LLBCaps). */
  readonly llb: ReadonlySet<string>;
}

export interface SolveRequest {
  readonly definition?: Uint8Array;
  readonly frontend?: string;
  readonly frontendOpt?: Readonly<Record<string, string>>;
  readonly frontendInputs?: ReadonlyMap<string, Uint8Array>;
  /** Solve now, so that a failure shows here (gateway.solve.evaluate). */
  readonly evaluate?: boolean;
}

export interface DirEntry {
  readonly path: string;
  readonly mode: number;
}

export interface Warning {
  /** The op the warning is about. */
  readonly digest: string;
  readonly short: string;
  readonly filename: string;
  readonly source: Uint8Array;
  /** 1-based line range in `source`. */
  readonly line: number;
}

/** google.rpc.Status{code, message}: the error body of ReturnRequest. */
export function statusBytes(code: number, message: string): Buffer {
  return new ProtoWriter().varint(1, code).string(2, message).finish();
}

/** The ref id of a Result (ref.id, or the pre-0.7 refDeprecated string). */
export function refIdOf(result: Uint8Array): string {
  const r = new ProtoReader(result);
  const ref = r.message(3);
  if (ref) return ref.string(1);
  const old = r.string(1);
  if (old) return old;
  throw new Error("the solve returned no single reference (multi-platform results are not supported here)");
}

export class Bridge {
  constructor(private readonly client: UnaryClient) {}

  async ping(): Promise<Caps> {
    const pong = new ProtoReader(await this.client.call("Ping", Buffer.alloc(0)));
    const enabled = (field: number) =>
      new Set(
        pong
          .repeated(field)
          .map((c) => new ProtoReader(c))
          .filter((c) => c.bool(2))
          .map((c) => c.string(1)),
      );
    return { frontend: enabled(1), llb: enabled(2) };
  }

  /** The frontend inputs (InputsResponse.Definitions), as Definition bytes by name. */
  async inputs(): Promise<Map<string, Buffer>> {
    return new ProtoReader(await this.client.call("Inputs", Buffer.alloc(0))).map(1);
  }

  /** Solve and return the Result bytes untouched. */
  async solve(req: SolveRequest): Promise<Buffer> {
    const w = new ProtoWriter();
    if (req.definition) w.message(1, req.definition);
    w.string(2, req.frontend ?? "");
    w.stringMap(3, req.frontendOpt ?? {});
    w.varint(5, true).varint(6, true); // allowResultReturn, allowResultArrayRef
    if (req.frontendInputs) w.map(13, Object.fromEntries(req.frontendInputs), (e, v) => e.message(2, v));
    w.varint(14, req.evaluate ?? false);
    const res = new ProtoReader(await this.client.call("Solve", w.finish()));
    const result = res.bytes(3);
    if (result) return result;
    // Servers before proto.refarray answer with a bare ref id.
    return new ProtoWriter().string(1, res.string(1)).finish();
  }

  async readFile(ref: string, path: string): Promise<Buffer> {
    const req = new ProtoWriter().string(1, ref).string(2, path).finish();
    return new ProtoReader(await this.client.call("ReadFile", req)).bytes(1) ?? Buffer.alloc(0);
  }

  /** Entries of a folder in a solved ref (fsutil Stat: path=1, mode=2). */
  async readDir(ref: string, dir: string): Promise<DirEntry[]> {
    const req = new ProtoWriter().string(1, ref).string(2, dir).finish();
    return new ProtoReader(await this.client.call("ReadDir", req)).repeated(1).map((s) => {
      const stat = new ProtoReader(s);
      return { path: stat.string(1), mode: Number(stat.varint(2)) };
    });
  }

  /** One warning in the build output (gateway.warnings, BuildKit 0.10+). */
  async warn(w: Warning): Promise<void> {
    const position = (line: number) => new ProtoWriter().varint(1, line);
    const info = new ProtoWriter().string(1, w.filename).bytes(2, w.source).string(4, "Dockerfile");
    const range = new ProtoWriter().message(1, position(w.line)).message(2, position(w.line));
    const req = new ProtoWriter().string(1, w.digest).varint(2, 1).bytes(3, Buffer.from(w.short)).message(6, info).message(7, range);
    await this.client.call("Warn", req.finish());
  }

  async returnResult(result: Uint8Array): Promise<void> {
    await this.client.call("Return", new ProtoWriter().message(1, result).finish());
  }

  async returnError(status: Uint8Array): Promise<void> {
    await this.client.call("Return", new ProtoWriter().message(2, status).finish());
  }
}

/** Unix file type bits of fsutil's Stat.mode (Go's os.FileMode is different; fsutil sends st_mode). */
export function isDirMode(mode: number): boolean {
  return (mode & 0o170000) === 0o040000 || (mode & 0x80000000) !== 0;
}
