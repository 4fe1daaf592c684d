// Files that are not valid UTF-8 (a GBK comment, a Latin-1 LABEL): every byte outside a rewritten
// instruction comes back as it was, and no pass rewrites an instruction that holds such bytes.
import { describe, expect, test } from "vitest";
import { decodeBytes, encodeText } from "./bytes.js";
import { optimize } from "./pipeline.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("bytes that are not UTF-8", () => {
  test("untouched lines keep their bytes while other instructions are rewritten", async () => {
    const input = bytes(
      "FROM debian:bookworm\n# ",
      [0xd6, 0xd0, 0xce, 0xc4],
      '\nLABEL author="Jos\xe9"\n',
      "RUN apt-get update\nRUN apt-get install -y curl\n",
    );
    const result = await optimize(decodeBytes(input), { passes: ["merge-run"] });
    const out = encodeText(result.output);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(out.subarray(0, out.indexOf("RUN"))).toEqual(input.subarray(0, input.indexOf("RUN")));
    expect(out.toString("latin1")).not.toContain("\xef\xbf\xbd");
  });

  test("a file that no pass changes comes back byte for byte", async () => {
    const input = bytes("FROM debian:bookworm-slim\n# ", [0xb1, 0xe0, 0xc2, 0xeb], '\nLABEL vendor="M\xfcller GmbH"\nCMD ["bash"]\n');
    const result = await optimize(decodeBytes(input), { offline: true, skip: ["pin-tags"] });
    expect(encodeText(result.output)).toEqual(input);
  });

  test("a RUN holding such bytes is not rewritten, with a note", async () => {
    const input = bytes("FROM debian:bookworm\nRUN apt-get update\nRUN echo 'Jos\xe9' > /etc/motd\n");
    const result = await optimize(decodeBytes(input), { passes: ["merge-run"] });
    expect(encodeText(result.output)).toEqual(input);
    expect(result.changes).toEqual([]);
    expect(result.refusals.map((n) => n.message).join("\n")).toContain("bytes that are not UTF-8");
  });
});
