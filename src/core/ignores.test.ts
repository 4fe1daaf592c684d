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

describe("ignore comments in other case or shape", () => {
  const read = (comment: string) => {
    const df = parse(`FROM node:20\n${comment}\nRUN a\n`);
    const ignores = readIgnores(df, PASSES);
    return { passes: [...(ignores.local.get(df.stages[0].body[0])?.passes ?? [])], unreadable: ignores.unreadable.map((u) => u.line) };
  };
  test.each([
    "# MSB-OPT IGNORE=merge-run",
    "# msb-opt: ignore=merge-run",
    "# msb-opt ignore merge-run",
    "# msb-opt Ignore=Merge-Run",
    "#msb-opt ignore: merge-run",
  ])("%s protects the instruction", (comment) => expect(read(comment)).toEqual({ passes: ["merge-run"], unreadable: [] }));
  test.each(["# msb-opt ignor=merge-run", "# MSB-OPT skip merge-run", "# msb-opt: merge-run", "# msb-opt ignores nothing here"])(
    "%s is noted as unreadable",
    (comment) => expect(read(comment)).toEqual({ passes: [], unreadable: [2] }),
  );
  test.each([
    "# MSB-OPT-IGNORE",
    "# msb-opt ignore",
    "# msb-opt: ignore",
    "# MSB-OPT-IGNORE=merge-run",
    "# msb_opt_ignore merge-run",
    "# msb-opt-ignore merge-run",
  ])("%s asks to ignore but names no pass msb-opt reads: it protects from every pass, with a note", (comment) => {
    const df = parse(`FROM node:20\n${comment}\nRUN a\n`);
    const ignores = readIgnores(df, PASSES);
    expect([...(ignores.local.get(df.stages[0].body[0])?.passes ?? [])]).toEqual(PASSES);
    expect(ignores.bare).toEqual([{ line: 2, id: "bare" }]);
    expect(ignores.unreadable).toEqual([]);
  });
  test.each(["# msb-opt ignore=all", "# msb-opt ignore=*", "# MSB-OPT IGNORE: ALL"])(
    "%s protects from every pass, without a note",
    (comment) => expect(read(comment)).toEqual({ passes: PASSES, unreadable: [] }),
  );
  test("a bare global ignore turns every pass off; one not directly above an instruction protects nothing", () => {
    const global = readIgnores(parse("# msb-opt global ignore\nFROM node:20\nRUN a\n"), PASSES);
    expect([...global.global.keys()]).toEqual(PASSES);
    expect(global.everyGlobal).toBe(1);
    expect(global.bare).toEqual([{ line: 1, id: "bareGlobal" }]);
    const detached = readIgnores(parse("FROM node:20\n# MSB-OPT-IGNORE\n\nRUN a\n"), PASSES);
    expect(detached.local.size).toBe(0);
    expect(detached.bare).toEqual([{ line: 2, id: "bareDetached" }]);
  });
  test.each(["# built with msb-opt", "# msb-optimizer settings", "# msb-opt-like tools"])("%s is no comment for msb-opt", (comment) =>
    expect(read(comment)).toEqual({ passes: [], unreadable: [] }),
  );
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
