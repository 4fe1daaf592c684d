import { describe, expect, test } from "vitest";
import { changed, type Dockerfile } from "./ir.js";
import { parseDockerfile } from "./parse.js";
import { printDockerfile } from "./print.js";
import { allowsConstruct, CONSTRUCTS, declaredSyntax, withSyntaxDirective } from "./syntax.js";

const parse = (text: string) => parseDockerfile(text).dockerfile;
/** The file with a flag added to its first RUN, as a pass would: a cache mount by default. */
function addCacheMount(df: Dockerfile, flag = { name: "mount", value: "type=cache,target=/root/.npm" }): Dockerfile {
  const stage = df.stages[0];
  const i = stage.body.findIndex((x) => x.keyword === "RUN");
  const body = stage.body.slice();
  body[i] = changed(body[i], { flags: [flag] });
  return { ...df, stages: [{ ...stage, body }] };
}
const addNetworkNone = (df: Dockerfile) => addCacheMount(df, { name: "network", value: "none" });

describe("declaredSyntax", () => {
  test.each([
    ["# syntax=docker/dockerfile:1\nFROM a\n", { minor: Infinity, labs: false }],
    ["# syntax=docker/dockerfile:1.4\nFROM a\n", { minor: 4, labs: false }],
    ["# syntax=docker.io/docker/dockerfile:1.7-labs\nFROM a\n", { minor: 7, labs: true }],
    ["# syntax=docker/dockerfile:1.3.1@sha256:abc\nFROM a\n", { minor: 3, labs: false }],
    ["# syntax=localhost/msb-opt:dev\nFROM a\n", "custom"],
    ["FROM a\n", null],
  ])("%j", (text, expected) => expect(declaredSyntax(parse(text))).toEqual(expected));
});

describe("withSyntaxDirective", () => {
  test("adds the directive a new construct needs, above everything else", () => {
    const input = parse("# escape=\\\nFROM node:20\nRUN npm ci\n");
    const { dockerfile, raisedTo } = withSyntaxDirective(input, addNetworkNone(input), "auto");
    expect(raisedTo).toEqual({ value: "docker/dockerfile:1.3", construct: "RUN --network" });
    expect(printDockerfile(dockerfile)).toBe("# syntax=docker/dockerfile:1.3\n# escape=\\\nFROM node:20\nRUN --network=none npm ci\n");
  });
  test("raises an older version, keeping the registry prefix", () => {
    const input = parse("# syntax=docker.io/docker/dockerfile:1.1\nFROM node:20\nRUN npm ci\n");
    const out = withSyntaxDirective(input, addCacheMount(input), "auto").dockerfile;
    expect(printDockerfile(out).split("\n")[0]).toBe("# syntax=docker.io/docker/dockerfile:1.2");
  });
  test.each([
    ["a directive that already allows it", "# syntax=docker/dockerfile:1\nFROM node:20\nRUN npm ci\n", "auto"],
    ["a custom frontend", "# syntax=localhost/msb-opt:dev\nFROM node:20\nRUN npm ci\n", "auto"],
    ["--syntax-directive=never", "FROM node:20\nRUN npm ci\n", "never"],
    ["a construct Docker's built-in frontend accepts (20.10 on)", "FROM node:20\nRUN npm ci\n", "auto"],
    ["an input that already used the construct", "FROM node:20\nRUN --mount=type=cache,target=/x true\nRUN npm ci\n", "auto"],
  ] as const)("leaves it alone for %s", (_, text, mode) => {
    const input = parse(text);
    const output = addCacheMount(input);
    expect(withSyntaxDirective(input, output, mode).dockerfile).toBe(output);
  });
});

describe("allowsConstruct", () => {
  test("auto allows stable constructs; never allows only what the builtin baseline or the directive does", () => {
    const plain = parse("FROM a\n");
    expect(allowsConstruct(plain, "auto", CONSTRUCTS.heredoc)).toBe(true);
    expect(allowsConstruct(plain, "auto", CONSTRUCTS.runSecurity)).toBe(false);
    expect(allowsConstruct(plain, "never", CONSTRUCTS.runMount)).toBe(true);
    expect(allowsConstruct(plain, "never", CONSTRUCTS.heredoc)).toBe(false);
    expect(allowsConstruct(parse("# syntax=docker/dockerfile:1.4\nFROM a\n"), "never", CONSTRUCTS.copyLink)).toBe(true);
    expect(allowsConstruct(parse("# syntax=docker/dockerfile:1.4\nFROM a\n"), "auto", CONSTRUCTS.exclude)).toBe(false);
  });
});
