import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "./parse.js";
import { commandNames, joinContinuations, mayRunCommand, parseRun, runScript, shellInEffect } from "./run-script.js";
import { loadShell, parseShell, simpleCommands } from "./shell.js";

beforeAll(() => loadShell());

describe("joinContinuations", () => {
  test.each([
    ["a \\\n  && b", "a   && b"],
    ["a \\\n# comment\n    # indented comment\n  && b", "a   && b"],
    ["a \\\n\n \\\n  b", "a    b"],
    ["C:\\\\dir\\\\", "C:\\\\dir\\\\"],
    ["echo `\n  hi", "echo `"],
  ])("%j", (input, expected) => expect(joinContinuations(input)).toBe(expected));
  test("backtick escape", () => expect(joinContinuations("Write-Host a; `\n  Write-Host b", "`")).toBe("Write-Host a;   Write-Host b"));
});

function firstRun(text: string) {
  const { dockerfile } = parseDockerfile(text);
  const stage = dockerfile.stages[dockerfile.stages.length - 1];
  const run = stage.body.find((i) => i.keyword === "RUN")!;
  return { dockerfile, stage, run };
}

describe("runScript", () => {
  test("shell form", () => {
    const { dockerfile, stage, run } = firstRun("FROM debian\nRUN apt-get update \\\n  && apt-get install -y curl\n");
    expect(runScript(dockerfile, stage, run)).toEqual({ ok: true, text: "apt-get update   && apt-get install -y curl" });
  });
  test.each([
    ['FROM debian\nRUN ["make"]\n', "exec (JSON) form"],
    ['FROM debian\nSHELL ["pwsh", "-c"]\nRUN Get-Item x\n', "not a POSIX shell"],
    ['FROM debian AS a\nSHELL ["pwsh", "-c"]\nFROM a\nRUN Get-Item x\n', "not a POSIX shell"],
    ["# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n", "escape"],
    ["FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", "python3"],
  ])("declines %j", (text, reason) => {
    const { dockerfile, stage, run } = firstRun(text);
    const result = runScript(dockerfile, stage, run);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });
  test("bash SHELL is POSIX", () => {
    const { dockerfile, stage, run } = firstRun('FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n');
    expect(runScript(dockerfile, stage, run).ok).toBe(true);
  });
  test("heredoc script and heredoc with a command", () => {
    let r = firstRun("FROM debian\nRUN <<EOF\nset -e\necho hi\nEOF\n");
    expect(runScript(r.dockerfile, r.stage, r.run)).toEqual({ ok: true, text: "set -e\necho hi\n" });
    r = firstRun("FROM debian\nRUN cat > /f <<'X'\nhello\nX\n");
    expect(runScript(r.dockerfile, r.stage, r.run)).toEqual({ ok: true, text: "cat > /f <<'X'\nhello\nX\n" });
  });
});

describe("parseRun and simpleCommands", () => {
  test("commands with literal words", () => {
    const r = firstRun("FROM debian\nRUN apt-get install -y --no-install-recommends 'curl' \"git\" $PKG && cd /tmp\n");
    const parsed = parseRun(r.dockerfile, r.stage, r.run);
    expect(parsed.ok).toBe(true);
    const cmds = parsed.ok ? simpleCommands(parsed.script) : [];
    expect(cmds.map((c) => c.name)).toEqual(["apt-get", "cd"]);
    expect(cmds[0].args.map((a) => a.value)).toEqual(["install", "-y", "--no-install-recommends", "curl", "git", null]);
  });
  test("words after a mid-command redirect stay arguments (tree-sitter-bash#233)", () => {
    const r = firstRun("FROM debian\nRUN apt-get install -y >/dev/null curl git\n");
    const parsed = parseRun(r.dockerfile, r.stage, r.run);
    const cmds = parsed.ok ? simpleCommands(parsed.script) : [];
    expect(cmds[0].args.map((a) => a.value)).toEqual(["install", "-y", "curl", "git"]);
  });
  test("a syntax error is never ok", () => {
    const r = firstRun("FROM debian\nRUN if then fi (\n");
    expect(parseRun(r.dockerfile, r.stage, r.run).ok).toBe(false);
  });
});

describe("shellInEffect", () => {
  test("follows FROM <stage> chains to the last SHELL, and the base image's default past them", () => {
    const { dockerfile: df } = parseDockerfile(
      'FROM debian AS a\nSHELL ["/bin/bash", "-c"]\nFROM a AS b\nRUN x\nFROM b AS c\nSHELL ["/bin/zsh", "-c"]\nFROM c\nRUN y\nFROM mcr.microsoft.com/windows/servercore AS w\nFROM w\nRUN z\n',
    );
    const [, b, , d, , f] = df.stages;
    expect(shellInEffect(df, b, b.body[0])).toEqual(["/bin/bash", "-c"]);
    expect(shellInEffect(df, d, d.body[0])).toEqual(["/bin/zsh", "-c"]);
    expect(shellInEffect(df, f, f.body[0])).toEqual(["cmd", "/S", "/C"]);
    expect(shellInEffect(df, df.stages[0], df.stages[0].body[0])).toEqual(["/bin/sh", "-c"]);
  });
});

describe("mayRunCommand", () => {
  const npm = commandNames("npm", "pip\\d*");
  /** The truth the screen stands in for: a simple command whose name, less its folders, is npm or pip<n>. */
  const runs = (text: string) => simpleCommands(parseShell(text)).some((c) => /^(npm|pip\d*)$/.test((c.name ?? "").replace(/^.*\//, "")));
  test.each([
    "npm ci",
    "/usr/local/bin/npm ci",
    '"npm" ci',
    "n'p'm ci",
    "n\\pm ci",
    "cd /app && pip3 install -r requirements.txt",
    "x=$(npm bin)",
    "x=`npm bin`",
    "a`npm bin`",
    "echo \\\\\nnpm ci",
    '"$DIR"/npm ci',
    "{ npm ci; }",
    "(npm ci)",
  ])("lets %j through", (text) => {
    expect(runs(text)).toBe(true);
    expect(mayRunCommand(text, npm)).toBe(true);
  });
  test.each(["npmx ci", "x-npm ci", "echo npm.tgz", "pipx install x", "./npm-run"])("stops %j", (text) => {
    expect(runs(text)).toBe(false);
    expect(mayRunCommand(text, npm)).toBe(false);
  });
});
