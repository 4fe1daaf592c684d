import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeBytes, encodeText, hasRawBytes } from "./bytes.js";

describe("bytes", () => {
  test("valid UTF-8 decodes as usual", () => {
    const text = "FROM debian\n# café ☕ 😀\nLABEL a=b\n";
    expect(decodeBytes(Buffer.from(text))).toBe(text);
    expect(hasRawBytes(text)).toBe(false);
    expect(encodeText(text)).toEqual(Buffer.from(text));
  });
  test("a GBK comment and a Latin-1 label come back byte for byte", () => {
    const gbk = Buffer.concat([Buffer.from("FROM debian\n# "), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from("\n")]);
    const latin1 = Buffer.from('FROM debian\nLABEL author="Jos\xe9"\n', "latin1");
    for (const bytes of [gbk, latin1]) {
      const text = decodeBytes(bytes);
      expect(text).not.toContain("\uFFFD");
      expect(hasRawBytes(text)).toBe(true);
      expect(encodeText(text)).toEqual(bytes);
    }
  });
  test("overlong, surrogate and truncated sequences are raw bytes", () => {
    for (const seq of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      const bytes = Buffer.from(seq);
      expect(encodeText(decodeBytes(bytes))).toEqual(bytes);
      expect(decodeBytes(bytes)).toHaveLength(seq.length);
    }
  });
  test("any bytes round-trip", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (arr) => {
        expect(encodeText(decodeBytes(arr))).toEqual(Buffer.from(arr));
      }),
    );
  });
});
