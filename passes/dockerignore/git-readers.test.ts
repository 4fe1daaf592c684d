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
    expect(gitReader(df(NODE), ctx)).toContain("scripts/stamp.js");
  });
  test("scripts and files that never mention git: nothing reads the repository", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      "package.json": JSON.stringify({ scripts: { build: "node scripts/gen.js" } }),
      "scripts/gen.js": "console.log('github.com is a host, not a call')",
    });
    expect(gitReader(df(NODE), ctx)).toBeNull();
  });
  test("an npm script that calls git itself", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "package.json": JSON.stringify({ scripts: { build: "git describe > VERSION && tsc" } }) });
    expect(gitReader(df(NODE), ctx)).toContain("`build`");
  });
  test("a build config that reads the revision", () => {
    const ctx = memoryContext({
      ".git/HEAD": "",
      "package.json": JSON.stringify({ scripts: { build: "next build" } }),
      "next.config.js": "const rev = require('child_process').execSync('git rev-parse HEAD').toString();",
    });
    expect(gitReader(df(NODE), ctx)).toContain("next.config.js");
  });
  test("Python versions from tags (setuptools_scm)", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "pyproject.toml": '[tool.setuptools_scm]\nversion_file = "x/_v.py"\n' });
    expect(gitReader(df("FROM python:3.12\nCOPY . .\nRUN pip install .\n"), ctx)).toContain("pyproject.toml");
  });
  test("go build stamps the revision unless -buildvcs=false", () => {
    const ctx = memoryContext({ ".git/HEAD": "", "main.go": "package main" });
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n"), ctx)).toContain("go build");
    expect(gitReader(df("FROM golang:1.22\nCOPY . .\nRUN go build -buildvcs=false -o /app .\n"), ctx)).toBeNull();
  });
});
