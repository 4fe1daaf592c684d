import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { builtDirs, candidates, checkedSuggestions, copySources } from "./suggest.js";
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
  test("a gitignored build folder that a COPY ships and no RUN writes is kept: output made outside the build", () => {
    const files = {
      "package.json": '{"scripts": {"build": "tsc -p tsconfig.json"}}',
      "tsconfig.json": '{ "compilerOptions": { "outDir": "dist", /* server */ "rootDir": "src", }, }',
      ".gitignore": "dist\nbuild\n",
      "dist/server.js": "",
      "build/index.html": "",
    };
    const r = candidates(df("FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n"), memoryContext(files));
    expect(patterns(r.suggestions)).toContain("dist");
    expect(patterns(r.suggestions)).not.toContain("build");
    expect(r.refused.find((x) => x.pattern === "build")?.reason).toContain("no RUN of this Dockerfile is known to write it");
    // Not shipped by a COPY: leaving it out of the context changes nothing in the image.
    const narrow = candidates(df("FROM node:20\nCOPY package.json src ./\nRUN npm run build\n"), memoryContext(files));
    expect(patterns(narrow.suggestions)).toContain("build");
  });
  test("the folders a build writes: tsconfig outDir (extended), framework defaults, output options, package.json scripts", () => {
    const ctx = memoryContext({
      "package.json":
        '{"scripts": {"build": "npm run build:web && npm run build:api", "build:web": "vite build", "build:api": "tsc -p api"}}',
      "api/tsconfig.json": '{"extends": "../tsconfig.base.json"}',
      "tsconfig.base.json": '{"compilerOptions": {"outDir": "lib"}}',
      "vite.config.ts": "export default { build: { outDir: 'public/app' } }",
    });
    expect([...builtDirs("npm run build", ctx)].sort()).toEqual(["lib", "public"]);
    expect([...builtDirs("npx next build && next export", memoryContext({}))].sort()).toEqual([".next", "out"]);
    expect([...builtDirs("go build -o out/app . && esbuild a.ts --outdir=build", memoryContext({}))].sort()).toEqual(["build", "out"]);
    expect([...builtDirs("react-scripts build; cargo build --release", memoryContext({}))].sort()).toEqual(["build", "target"]);
  });
});
