import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { joinSources, sourceFiles, unreadSources } from "./source-files.js";

const walk = { skipDirs: /^(\.|node_modules$)/ };

describe("sourceFiles", () => {
  test("reads a bundled server of a few hundred KiB, and says nothing is unread", () => {
    const files = sourceFiles(memoryContext({ "index.js": `${"x;".repeat(160_000)}execSync("git --version")` }), walk);
    expect(files.map((f) => f.path)).toEqual(["index.js"]);
    expect(unreadSources(files)).toBeNull();
  });
  test("a file over the size bound is recorded as unread, not taken as empty", () => {
    const files = sourceFiles(memoryContext({ "big.js": "x".repeat(5 * 1024 * 1024), "small.js": "y" }), walk);
    expect(files.map((f) => f.path)).toEqual(["small.js"]);
    expect(unreadSources(files)).toBe("`big.js` is larger than 4 MiB");
  });
  test("a folder past the depth bound is recorded as unread", () => {
    const deep = `${Array.from({ length: 14 }, (_, i) => `d${i}`).join("/")}/run.sh`;
    const files = sourceFiles(memoryContext({ [deep]: "git pull" }), walk);
    expect(files).toEqual([]);
    expect(unreadSources(files)).toMatch(/is more than 12 folders deep$/);
  });
  test("joining keeps the reason of any part", () => {
    const whole = sourceFiles(memoryContext({ "a.js": "1" }), walk);
    const partial = sourceFiles(memoryContext({ "b.js": "x".repeat(5 * 1024 * 1024) }), walk);
    expect(unreadSources(joinSources(whole, partial))).toBe("`b.js` is larger than 4 MiB");
    expect(unreadSources(joinSources(whole))).toBeNull();
  });
});
