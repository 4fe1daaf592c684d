import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { gitReader } from "./git-readers.js";

const df = (text: string) => parseDockerfile(text).dockerfile;
const NODE = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n";

describe("gitReader", () => {
  test("a file an npm script runs that calls git", () => {
    const ctx = memoryContext({
      ".git/HEAD": "ref: refs/heads/main\n",
      "package.json": JSON.stringify({ scripts: { build: "node scripts/stamp.js" } }),
      "scripts/stamp.js": "require('child_process').execSync('git rev-parse --short HEAD')",
    });
    expect(gitReader(df(NODE), ctx, false)).toContain("scripts/stamp.js");
  });
  test("scripts and files that never mention git: nothing reads the repository", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      "package.json": JSON.stringify({ scripts: { build: "node scripts/gen.js" } }),
      "scripts/gen.js": "console.log('github.com is a host, not a call')",
    });
    expect(gitReader(df(NODE), ctx, false)).toBeNull();
  });
  test("an npm script that calls git itself", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "package.json": JSON.stringify({ scripts: { build: "git describe > VERSION && tsc" } }) });
    expect(gitReader(df(NODE), ctx, false)).toContain("`build`");
  });
  test("a build config that reads the revision", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      "package.json": JSON.stringify({ scripts: { build: "next build" } }),
      "next.config.js": "const rev = require('child_process').execSync('git rev-parse HEAD').toString();",
    });
    expect(gitReader(df(NODE), ctx, false)).toContain("next.config.js");
  });
  test("Python versions from tags (setuptools_scm)", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "pyproject.toml": '[tool.setuptools_scm]\nversion_file = "x/_v.py"\n' });
    expect(gitReader(df("FROM python:3.12\nCOPY . .\nRUN pip install .\n"), ctx, false)).toContain("pyproject.toml");
  });
  test("go build stamps the revision unless -buildvcs=false", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "main.go": "package main" });
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n"), ctx, false)).toContain("go build");
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN go build -buildvcs=false -o /app .\n"), ctx, false)).toBeNull();
  });
  test("go build through make or a script stamps the revision too", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      Makefile: "build:\n\tgo build -o /app ./cmd/app\n",
      "build.sh": "#!/bin/sh\ngo build -o /app .\n",
    });
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN make build\n"), ctx, false)).toContain("Makefile");
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN ./build.sh\n"), ctx, false)).toContain("build.sh");
  });
  test("a program that reads its checkout at run time, when COPY . puts it in the image", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "src/version.js": "fs.readFileSync('.git/HEAD', 'utf8')", "package.json": "{}" });
    const file = df('FROM node:20\nCOPY . .\nCMD ["node", "src/version.js"]\n');
    expect(gitReader(file, ctx, true)).toContain("src/version.js");
    expect(gitReader(file, ctx, false)).toBeNull();
  });
  test("a file only a script the build does not run names: said as it is, not as run by the build", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      "package.json": JSON.stringify({ scripts: { build: "node build.js", start: "node server.js" } }),
      "build.js": "console.log('ok')",
      "server.js": "fs.readFileSync(path.join(__dirname, '.git', 'HEAD'))",
    });
    const file = df('FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "server.js"]\n');
    expect(gitReader(file, ctx, true)).toBe("`COPY .` puts it in the image and `server.js` reads the repository");
    expect(gitReader(file, ctx, false)).toBe("`server.js`, which the package.json script `start` runs, reads the repository");
  });
  test("scripts the build runs: named by a RUN or by such a script, their pre/post hooks, install lifecycle", () => {
    const ctx = (scripts: Record<string, string>) =>
      memoryContext({ ".git/HEAD": "", "package.json": JSON.stringify({ scripts }), "stamp.js": "execSync('git rev-parse HEAD')" });
    const build = df("FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n");
    expect(gitReader(build, ctx({ build: "npm run gen", gen: "node stamp.js" }), false)).toContain("which the build runs");
    expect(gitReader(build, ctx({ build: "tsc", prebuild: "node stamp.js" }), false)).toContain("which the build runs");
    expect(gitReader(build, ctx({ postinstall: "node stamp.js" }), false)).toContain("which the build runs");
    expect(gitReader(build, ctx({ "build-docs": "node stamp.js" }), false)).toContain("script `build-docs` runs");
  });
});
