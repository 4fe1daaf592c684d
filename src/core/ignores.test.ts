import { describe, expect, test } from "vitest";
import { changed, type Dockerfile } from "./ir.js";
import { readIgnores, violatedIgnore } from "./ignores.js";
import { parseDockerfile } from "./parse.js";

const PASSES = ["merge-run", "pin-tags", "reorder-copy"];
const parse = (text: string) => parseDockerfile(text).dockerfile;

describe("readIgnores", () => {
  const df = parse(
    [
      "# msb-opt global ignore=pin-tags",
      "FROM node:20",
      "# msb-opt ignore=merge-run, reorder-copy",
      "RUN a",
      "# msb-opt ignore=merge-run",
      "",
      "RUN b",
      "# why we keep this",
      "# msb-opt ignore=no-such-pass,merge-run",
      "COPY . .",
      "",
    ].join("\n"),
  );
  const ignores = readIgnores(df, PASSES);
  const [runA, runB, copy] = df.stages[0].body;

  test("global ignores name their line", () => expect([...ignores.global]).toEqual([["pin-tags", 1]]));
  test("comments directly above protect the instruction", () => {
    expect(ignores.local.get(runA)).toEqual({ passes: new Set(["merge-run", "reorder-copy"]), line: 3 });
    expect(ignores.local.get(copy)?.passes).toEqual(new Set(["merge-run"]));
  });
  test("a blank line breaks the link", () => expect(ignores.local.has(runB)).toBe(false));
  test("unknown ids are reported with their line", () => expect(ignores.unknown).toEqual([{ line: 9, id: "no-such-pass" }]));
});

describe("violatedIgnore", () => {
  const before = parse("FROM node:20\nRUN a\nCOPY . .\nRUN b\n");
  const [runA, copy, runB] = before.stages[0].body;
  const withBody = (df: Dockerfile, body: (typeof df.stages)[0]["body"]): Dockerfile => ({ ...df, stages: [{ ...df.stages[0], body }] });

  test("an untouched protected instruction is fine, even when others change", () => {
    expect(violatedIgnore(before, withBody(before, [changed(runA, { args: "a2" }), copy, runB]), [copy])).toBeNull();
  });
  test("changing it is a violation", () => {
    expect(violatedIgnore(before, withBody(before, [runA, changed(copy, { args: "x ." }), runB]), [copy])).toBe(copy);
  });
  test("moving another instruction across it is a violation", () => {
    expect(violatedIgnore(before, withBody(before, [runA, runB, copy]), [copy])).toBe(copy);
  });
  test("merging instructions on one side is fine", () => {
    expect(violatedIgnore(before, withBody(before, [changed(runA, { args: "a && b" }), copy]), [runA])).toBe(runA);
    expect(violatedIgnore(before, withBody(before, [runA, copy]), [copy])).toBeNull();
  });
});
