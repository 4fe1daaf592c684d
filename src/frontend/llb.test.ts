import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { definition, digestOf, localSource, scratchWithFiles } from "./llb.js";
import { ProtoReader } from "./protobuf.js";

const ops = (def: Buffer) => new ProtoReader(def).repeated(1);

describe("LLB", () => {
  it("makes scratch + Mkfile with the fields BuildKit's FileOp expects", () => {
    const op = scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from("FROM scratch\n") }], "[msb-opt] no changes");
    const action = new ProtoReader(op.bytes).message(4)!.message(2)!;
    expect(action.varint(1)).toBe(BigInt.asUintN(64, -1n)); // input: scratch
    expect(action.varint(2)).toBe(BigInt.asUintN(64, -1n)); // no secondary input
    expect(action.has(3)).toBe(false); // output 0
    const mkfile = action.message(5)!;
    expect(mkfile.string(1)).toBe("/Dockerfile");
    expect(Number(mkfile.varint(2))).toBe(0o644);
    expect(mkfile.string(3)).toBe("FROM scratch\n");
    expect(mkfile.varint(5)).toBe(BigInt.asUintN(64, -1n));
  });

  it("has golden bytes for the Dockerfile op", () => {
    const op = scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from("FROM scratch\n") }], "x");
    expect(op.bytes.toString("hex")).toBe(
      // Op{file: FileOp{actions: [FileAction{input -1, secondaryInput -1, mkfile{path, 0644, data, timestamp -1}}]}}
      "22" +
        "44" +
        "12" +
        "42" +
        "08ffffffffffffffffff01" +
        "10ffffffffffffffffff01" +
        "2a" +
        "2a" +
        "0a0b2f446f636b657266696c65" +
        "10a403" +
        "1a0d46524f4d20736372617463680a" +
        "28ffffffffffffffffff01",
    );
  });

  it("chains a second file: its action takes the first one's output", () => {
    const op = scratchWithFiles(
      [
        { path: "/Dockerfile", data: Buffer.from("FROM scratch\n") },
        { path: "/Dockerfile.dockerignore", data: Buffer.from("*.log\n") },
      ],
      "x",
    );
    const [first, second] = new ProtoReader(op.bytes)
      .message(4)!
      .repeated(2)
      .map((a) => new ProtoReader(a));
    expect(first.varint(3)).toBe(BigInt.asUintN(64, -1n)); // not an output
    expect(second.varint(1)).toBe(0n); // input = action 0 (no op inputs)
    expect(second.has(3)).toBe(false); // output 0
  });

  it("ends with a terminal op whose input is the last op, and digests are sha256 of the sent bytes", () => {
    const op = scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from("FROM scratch\n") }], "[msb-opt] 2 changes");
    const def = definition([op]);
    const [fileOp, terminal] = ops(def);
    expect(fileOp.equals(op.bytes)).toBe(true);
    const input = new ProtoReader(terminal).message(1)!;
    expect(input.string(1)).toBe(`sha256:${createHash("sha256").update(op.bytes).digest("hex")}`);
    expect(input.has(2)).toBe(false); // index 0
    const meta = new ProtoReader(def).map(2);
    expect([...meta.keys()].sort()).toEqual([digestOf(op.bytes), digestOf(terminal)].sort());
    const fileMeta = new ProtoReader(meta.get(digestOf(op.bytes))!);
    expect(fileMeta.map(2).get("llb.customname")?.toString()).toBe("[msb-opt] 2 changes");
    expect([...fileMeta.map(5).keys()]).toEqual(["file.base"]);
  });

  it("is deterministic: the same file gives the same bytes; the vertex name does not change the digest", () => {
    const make = (name: string) => scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from("FROM a\n") }], name);
    expect(definition([make("one")]).equals(definition([make("one")]))).toBe(true);
    expect(digestOf(make("one").bytes)).toBe(digestOf(make("two").bytes));
    expect(digestOf(make("one").bytes)).not.toBe(
      digestOf(scratchWithFiles([{ path: "/Dockerfile", data: Buffer.from("FROM b\n") }], "one").bytes),
    );
  });

  it("names only the caps the server enabled", () => {
    const src = localSource({
      name: "context",
      sessionId: "s1",
      sharedKeyHint: "k",
      includePatterns: ["a"],
      excludePatterns: ["a/*"],
      customName: "load",
    });
    const def = definition([src], new Set(["source.local", "source.local.sessionid", "constraints"]));
    const meta = new ProtoReader(def).map(2);
    const caps = [...new ProtoReader(meta.get(digestOf(src.bytes))!).map(5).keys()];
    expect(caps).toEqual(["source.local", "source.local.sessionid"]);
    const attrs = new ProtoReader(src.bytes).message(3)!;
    expect(attrs.string(1)).toBe("local://context");
    const a = Object.fromEntries([...attrs.map(2)].map(([k, v]) => [k, v.toString()]));
    expect(a).toEqual({
      "local.session": "s1",
      "local.sharedkeyhint": "k",
      "local.includepattern": '["a"]',
      "local.excludepatterns": '["a/*"]',
    });
  });
});
