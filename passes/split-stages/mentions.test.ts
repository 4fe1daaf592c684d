import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { mentionedCommands } from "./mentions.js";

describe("mentionedCommands", () => {
  test("finds commands written in quotes in any source file", () => {
    const context = memoryContext({
      "main.go": 'exec.Command("git", "clone", url)',
      "tools/build.c": 'system("/usr/bin/make -C x");',
      "README.md": "run make to build with gcc",
      "package.json": '{"repository": {"type": "git"}, "scripts": {"x": "gcc a.c"}}',
    });
    expect(mentionedCommands(context, ["git", "make", "gcc", "g++"])).toEqual(
      new Map([
        ["git", "main.go"],
        ["make", "tools/build.c"],
      ]),
    );
  });
  test("skips node_modules", () => {
    expect(mentionedCommands(memoryContext({ "node_modules/x/index.js": "spawn('git')" }), ["git"])).toEqual(new Map());
  });
});
