import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { candidates, checkedSuggestions, copySources } from "./suggest.js";
import { parseDockerfile } from "../../src/core/parse.js";

const df = (text: string) => parseDockerfile(text).dockerfile;
const patterns = (s: { pattern: string }[]) => s.map((x) => x.pattern);

describe("dockerignore-suggest", () => {
  test("Node: node_modules only when the image installs its own", () => {
    const ctx = memoryContext({ "package.json": "{}", "node_modules/a/index.js": "" });
    expect(patterns(candidates(df("FROM node:20\nCOPY . .\nRUN npm ci\n"), ctx).suggestions)).toContain("node_modules");
    const without = candidates(df("FROM node:20\nCOPY . .\n"), ctx);
    expect(patterns(without.suggestions)).not.toContain("node_modules");
    expect(patterns(without.refused)).toContain("node_modules");
  });
  test("COPY sources: wildcards expand against the context; . and --from are skipped", () => {
    const ctx = memoryContext({ "a.log": "", "b.txt": "", "conf/x.log": "" });
    expect(copySources(df("FROM x\nCOPY *.log conf/*.log /l/\nCOPY . .\nCOPY --from=y /a /b\n"), ctx)).toEqual(["a.log", "conf/x.log"]);
  });
  test("a pattern that hides a source, or overrides an exception, is refused", () => {
    const s = [
      { pattern: "**/*.log", why: "" },
      { pattern: "dist", why: "" },
      { pattern: ".git", why: "" },
    ];
    const r = checkedSuggestions("dist\n!keep.log\n", s, ["conf/x.log"]);
    expect(patterns(r.add)).toEqual([".git"]);
    expect(r.refused.map((x) => x.pattern)).toEqual(["**/*.log"]);
    expect(checkedSuggestions(null, [{ pattern: "/build", why: "" }], ["build/config.json"]).add).toEqual([]);
  });
  test("a source the user's file already hides does not block a pattern", () => {
    expect(patterns(checkedSuggestions("*.log\n", [{ pattern: "**/*.log", why: "" }], ["a.log"]).add)).toEqual(["**/*.log"]);
  });
  test("**/*.log stays out when a COPY ships a log the app may read; package manager failure logs do not count", () => {
    const node = "FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n";
    const shipped = candidates(df(node), memoryContext({ "package.json": "{}", "debug.log": "x", "node_modules/a/x.log": "" }));
    expect(patterns(shipped.suggestions)).not.toContain("**/*.log");
    expect(patterns(shipped.suggestions)).toEqual(expect.arrayContaining(["**/npm-debug.log*", "**/yarn-error.log*"]));
    expect(shipped.refused.find((r) => r.pattern === "**/*.log")?.reason).toContain("`COPY .` puts `debug.log` in the image");
    const junk = memoryContext({ "package.json": "{}", "npm-debug.log": "", "node_modules/a/x.log": "", ".git/logs/x.log": "" });
    expect(patterns(candidates(df(node), junk).suggestions)).toContain("**/*.log");
    // Only the folder a COPY names ships; a log the user's .dockerignore hides does not.
    const dirs = memoryContext({ "package.json": "{}", "logs/a.log": "", "conf/b.log": "", ".dockerignore": "conf\n" });
    expect(patterns(candidates(df("FROM node:20\nCOPY src ./src\n"), dirs).suggestions)).toContain("**/*.log");
    expect(patterns(candidates(df("FROM node:20\nCOPY conf/ ./conf/\n"), dirs).suggestions)).toContain("**/*.log");
    expect(patterns(candidates(df("FROM node:20\nCOPY logs/ ./logs/\n"), dirs).refused)).toContain("**/*.log");
  });
});
