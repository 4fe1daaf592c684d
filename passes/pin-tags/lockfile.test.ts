import { expect, test } from "vitest";
import { memoryContext, noContext } from "../../src/core/context.js";
import { formatLockfile, LOCKFILE, LockfileError, readLockfile } from "./lockfile.js";

const digest = `sha256:${"ab".repeat(32)}`;

test("no lockfile reads as empty", () => {
  expect(readLockfile(noContext).size).toBe(0);
});

test("reads entries and writes them back deterministically", () => {
  const text = formatLockfile(
    new Map([
      ["node:20-slim", { tag: "20.18.1-slim", digest }],
      ["alpine", { tag: "3.24.1" }],
    ]),
  );
  expect(text.indexOf('"alpine"')).toBeLessThan(text.indexOf('"node:20-slim"'));
  const lock = readLockfile(memoryContext({ [LOCKFILE]: text }));
  expect(lock.get("node:20-slim")).toEqual({ tag: "20.18.1-slim", digest });
  expect(lock.get("alpine")).toEqual({ tag: "3.24.1" });
  expect(formatLockfile(lock)).toBe(text);
});

test.each([
  ["{", /not valid JSON/],
  ["{}", /no `images` object/],
  ['{"images": {"node": {}}}', /`node` needs a valid `tag`/],
  ['{"images": {"node": {"tag": "20", "digest": "md5:x"}}}', /invalid `digest`/],
])("rejects %s", (text, message) => {
  expect(() => readLockfile(memoryContext({ [LOCKFILE]: text }))).toThrow(LockfileError);
  expect(() => readLockfile(memoryContext({ [LOCKFILE]: text }))).toThrow(message);
});
