// LLB definitions (solver/pb/ops.proto) for the two graphs the frontend builds: a `local://` source (to
// read the Dockerfile and context files) and "scratch + files" (the rewritten Dockerfile handed to the inner
// frontend). An op's identity is sha256 of its exact bytes, so encoding must be deterministic: the same
// Dockerfile gives the same digests, and a second build is fully cached.
import { createHash } from "node:crypto";
import { ProtoWriter } from "./protobuf.js";

export interface LlbOp {
  readonly bytes: Buffer;
  /** OpMetadata.description (llb.customname…) and the LLB caps the op relies on. */
  readonly description?: Readonly<Record<string, string>>;
  readonly caps: readonly string[];
}

export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

function opMetadata(op: Pick<LlbOp, "description" | "caps">): Buffer {
  const caps = Object.fromEntries([...op.caps].map((c) => [c, true]));
  return new ProtoWriter()
    .stringMap(2, op.description ?? {})
    .map(5, caps, (w, v) => w.varint(2, v))
    .finish();
}

/**
 * A Definition: the ops in dependency order, then the terminal op (no body, one input: the result).
 * `enabledCaps` drops caps the server did not announce: it rejects metadata naming a cap it lacks.
 */
export function definition(ops: readonly LlbOp[], enabledCaps?: ReadonlySet<string>): Buffer {
  if (ops.length === 0) throw new Error("an LLB definition needs at least one op");
  const result = ops[ops.length - 1];
  const terminal: LlbOp = {
    bytes: new ProtoWriter().message(1, new ProtoWriter().string(1, digestOf(result.bytes))).finish(),
    caps: ["constraints", "platform"],
  };
  const all = [...ops, terminal];
  const keep = (caps: readonly string[]) => (enabledCaps ? caps.filter((c) => enabledCaps.has(c)) : caps);
  const metadata: Record<string, Buffer> = {};
  for (const op of all) metadata[digestOf(op.bytes)] = opMetadata({ description: op.description, caps: keep(op.caps) });
  const w = new ProtoWriter();
  for (const op of all) w.bytes(1, op.bytes);
  return w.map(2, metadata, (e, v) => e.message(2, v)).finish();
}

export interface LocalSourceOptions {
  readonly name: string;
  readonly sessionId: string;
  readonly sharedKeyHint: string;
  readonly followPaths?: readonly string[];
  readonly includePatterns?: readonly string[];
  readonly excludePatterns?: readonly string[];
  readonly customName: string;
}

/** `local://NAME`: files from the client's session, limited to the given paths or patterns. */
export function localSource(o: LocalSourceOptions): LlbOp {
  const attrs: Record<string, string> = { "local.session": o.sessionId, "local.sharedkeyhint": o.sharedKeyHint };
  const caps = ["source.local", "source.local.sessionid", "source.local.sharedkeyhint"];
  if (o.followPaths) {
    attrs["local.followpaths"] = JSON.stringify(o.followPaths);
    caps.push("source.local.followpaths");
  }
  if (o.includePatterns) {
    attrs["local.includepattern"] = JSON.stringify(o.includePatterns);
    caps.push("source.local.includepatterns");
  }
  if (o.excludePatterns && o.excludePatterns.length > 0) {
    attrs["local.excludepatterns"] = JSON.stringify(o.excludePatterns);
    caps.push("source.local.excludepatterns");
  }
  const source = new ProtoWriter().string(1, `local://${o.name}`).stringMap(2, attrs);
  return { bytes: new ProtoWriter().message(3, source).finish(), description: { "llb.customname": o.customName }, caps };
}

export interface FileSpec {
  /** Absolute path in the result, e.g. `/Dockerfile`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * One FileOp on scratch that makes each file (mode 0644, timestamp unset). Actions chain: each one takes
 * the previous action's output (index = number of op inputs (0) + action index); only the last is output 0.
 */
export function scratchWithFiles(files: readonly FileSpec[], customName: string): LlbOp {
  if (files.length === 0) throw new Error("scratchWithFiles needs at least one file");
  const fileOp = new ProtoWriter();
  files.forEach((file, index) => {
    const mkfile = new ProtoWriter().string(1, file.path).varint(2, 0o644).bytes(3, file.data).varint(5, -1);
    const action = new ProtoWriter()
      .varint(1, index === 0 ? -1 : index - 1)
      .varint(2, -1)
      .varint(3, index === files.length - 1 ? 0 : -1)
      .message(5, mkfile);
    fileOp.message(2, action);
  });
  return { bytes: new ProtoWriter().message(4, fileOp).finish(), description: { "llb.customname": customName }, caps: ["file.base"] };
}
