import { describe, expect, it } from "vitest";
import { decodeFields, ProtoError, ProtoReader, ProtoWriter } from "./protobuf.js";

describe("protobuf", () => {
  it("writes varints as protobuf does, negative int64 as ten bytes", () => {
    expect(new ProtoWriter().varint(1, 150).finish().toString("hex")).toBe("089601");
    expect(new ProtoWriter().varint(2, -1).finish().toString("hex")).toBe("10ffffffffffffffffff01");
    expect(new ProtoWriter().varint(1, 0).varint(2, false).string(3, "").finish().length).toBe(0);
  });

  it("round-trips strings, bytes, nested messages and maps", () => {
    const inner = new ProtoWriter().string(1, "id-1");
    const buf = new ProtoWriter()
      .string(1, "héllo")
      .bytes(2, Buffer.from([0, 1, 2]))
      .message(3, inner)
      .stringMap(4, { b: "2", a: "1=x" })
      .varint(5, 2n ** 40n)
      .finish();
    const r = new ProtoReader(buf);
    expect(r.string(1)).toBe("héllo");
    expect([...(r.bytes(2) ?? [])]).toEqual([0, 1, 2]);
    expect(r.message(3)?.string(1)).toBe("id-1");
    expect(Object.fromEntries([...r.map(4)].map(([k, v]) => [k, v.toString()]))).toEqual({ a: "1=x", b: "2" });
    expect(r.varint(5)).toBe(2n ** 40n);
  });

  it("writes map entries sorted by key, whatever the insertion order", () => {
    const a = new ProtoWriter().stringMap(1, { z: "1", a: "2", m: "3" }).finish();
    const b = new ProtoWriter().stringMap(1, { m: "3", z: "1", a: "2" }).finish();
    expect(a.equals(b)).toBe(true);
    expect([...new ProtoReader(a).map(1).keys()]).toEqual(["a", "m", "z"]);
  });

  it("keeps an empty map value (the presence of `cmdline` matters to BuildKit)", () => {
    const r = new ProtoReader(new ProtoWriter().stringMap(3, { cmdline: "" }).finish());
    expect(r.map(3).has("cmdline")).toBe(true);
  });

  it("skips unknown fields of every wire type", () => {
    const buf = Buffer.concat([
      Buffer.from("0d01020304", "hex"), // field 1, fixed32
      Buffer.from("110102030405060708", "hex"), // field 2, fixed64
      new ProtoWriter().string(7, "ok").finish(),
    ]);
    expect(decodeFields(buf).map((f) => f.field)).toEqual([1, 2, 7]);
    expect(new ProtoReader(buf).string(7)).toBe("ok");
  });

  it("rejects truncated input", () => {
    expect(() => decodeFields(Buffer.from("0a05616263", "hex"))).toThrow(ProtoError);
    expect(() => decodeFields(Buffer.from("08ff", "hex"))).toThrow(ProtoError);
  });
});
