import { describe, expect, test } from "vitest";
import { instruction } from "./ir.js";
import { parseDockerfile } from "./parse.js";
import { argDefaults, findTargets, spliceArgDefault, spliceFrom } from "./from-refs.js";

const targets = (text: string) =>
  findTargets(parseDockerfile(text).dockerfile).map((t) =>
    t.kind === "refuse" ? `${t.kind}:${t.reason}` : t.kind === "skip" ? "skip" : `${t.kind}:${t.ref.raw}`,
  );

describe("findTargets", () => {
  test("skips scratch, stage references and digests", () => {
    expect(targets(`FROM scratch AS a\nFROM a\nFROM node@sha256:${"1".repeat(64)}\nFROM node:20-slim\n`)).toEqual([
      "skip",
      "skip",
      "skip",
      "from:node:20-slim",
    ]);
  });
  test("expands one global ARG with a default", () => {
    expect(targets('ARG V="20"\nFROM node:${V}-slim\nFROM node:$V\n')).toEqual(["arg:node:20-slim", "arg:node:20"]);
  });
  test("refuses ARGs it cannot pin", () => {
    expect(targets("ARG V\nFROM node:${V}\n")).toEqual(["refuse:argNoDefault"]);
    expect(targets("ARG R=node\nARG V=20\nFROM ${R}:${V}\n")).toEqual(["refuse:argComplex"]);
    expect(targets("ARG V=20\nFROM node:${V}\nARG V\n")).toEqual(["refuse:argUsedInStage"]);
  });
});

describe("splicing", () => {
  test("replaces only the image word of a FROM line", () => {
    const from = parseDockerfile("from  --platform=linux/amd64 \\\n  node:20   as build\n").dockerfile.stages[0].from;
    const out = spliceFrom(from, "node:20", "node:20.18.1");
    expect(out?.raw).toBe("from  --platform=linux/amd64 \\\n  node:20.18.1   as build");
    expect(out?.args.trim().split(/\s+/)[0]).toBe("node:20.18.1");
    expect(spliceFrom(from, "node:22", "node:22.1.0")).toBeNull();
  });
  test("a FROM built by another pass (no raw text) gets new args", () => {
    const from = instruction("FROM", "node:20-slim AS runtime");
    expect(spliceFrom(from, "node:20-slim", "node:20.18.1-slim")).toMatchObject({ raw: null, args: "node:20.18.1-slim AS runtime" });
  });
  test("replaces one ARG default and keeps its quotes", () => {
    const arg = parseDockerfile('ARG A=1 NODE="20" B\nFROM x\n').dockerfile.globalArgs[0];
    expect(argDefaults(arg)).toEqual([
      { name: "A", value: "1" },
      { name: "NODE", value: "20" },
      { name: "B", value: null },
    ]);
    expect(spliceArgDefault(arg, "NODE", "20.18.1")?.raw).toBe('ARG A=1 NODE="20.18.1" B');
    expect(spliceArgDefault(arg, "B", "x")).toBeNull();
  });
});
