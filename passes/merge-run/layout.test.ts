import { beforeAll, describe, expect, test } from "vitest";
import { collapseBlanks, commentLines, commentsInContinuation, scriptLines, trailingComment } from "./layout.js";
import { loadShell, parseShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());

describe("scriptLines", () => {
  test.each([
    ["a && b", "first", false, ["a", "&& b"]],
    ["a || b", "first", false, ["{ a || b; }"]],
    ["a && b", "later", false, ["a", "&& b"]],
    ["a || b > f", "later", false, ["{ a || b > f; }"]],
    ["a; b", "later", false, ["{ a; b; }"]],
    ["cd /x && make", "first", true, ["( cd /x && make )"]],
    ["(a) && b", "first", true, ["( (a) && b )"]],
    ["set -e; a; b || c # note", "alone", false, ["set -e;", "a;", "b", "|| c"]],
  ] as const)("%j as %s (isolate %s)", (text, place, isolate, expected) => {
    expect(scriptLines(parseShell(text), place, isolate)).toEqual(expected);
  });
});

describe("comments", () => {
  test("trailing comment", () => expect(trailingComment(parseShell("a && b # note"))).toBe("# note"));
  test("comment lines of a continuation move out", () => {
    expect(commentsInContinuation({ raw: null, args: "a \\\n    # why b\n    && b" })).toEqual(["# why b\n"]);
  });
  test("comments before the first argument and between flags are in the original text only", () => {
    const raw = "RUN \\\r\n# why  \r\n  --mount=type=cache,target=/x \\\n\t# which\n  a";
    expect(commentsInContinuation({ raw, args: "a" })).toEqual(["# why  \n", "# which\n"]);
  });
  test("leading keeps comments, drops blank lines", () => {
    expect(commentLines("\n# one\r\n\n  # two\n")).toEqual(["# one\n", "# two\n"]);
  });
});

describe("collapseBlanks", () => {
  test.each([
    ["apt-get install -y a     b", "apt-get install -y a b"],
    ['echo "a   b"   c', 'echo "a   b" c'],
    ["echo 'a   b'  &&   x", "echo 'a   b' && x"],
    ["a   |   b  >   f", "a | b > f"],
    ["echo ${x:-a   b}", "echo ${x:-a   b}"],
    ["x  # a   comment", "x # a   comment"],
  ])("%j", (text, expected) => expect(collapseBlanks(parseShell(text)).text).toBe(expected));
});
