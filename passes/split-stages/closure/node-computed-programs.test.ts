import { expect, test } from "vitest";
import { computedProgram } from "./node-computed-programs.js";

const found = (text: string, path = "server.js") => computedProgram([{ path, name: path, text }]);

test("a child_process call whose program is computed when it runs is found, with its line", () => {
  expect(found('const { execSync } = require("child_process");\n\nexecSync(process.env.VCS + " log");')).toEqual({
    file: "server.js",
    line: 3,
    call: 'execSync(process.env.VCS + " log"',
  });
  expect(found('const cp = require("node:child_process");\nconst cmd = config.command;\ncp.spawn(cmd, []);')?.line).toBe(3);
  expect(found('import { spawn as run } from "child_process";\nrun(`${tool} --version`);')?.line).toBe(2);
  expect(found('require("child_process").execSync(cmd)')).not.toBeNull();
  expect(found('import * as cp from "child_process";\ncp.execFileSync(bin, ["x"]);', "src/index.ts")).not.toBeNull();
});

test("a program the call names, or a name bound to one, is no computed program", () => {
  expect(found('const { execSync } = require("child_process");\nexecSync("git log");\nexecSync(`git show ${ref}`);')).toBeNull();
  expect(found('const { exec } = require("child_process");\nconst cmd = "ls";\nexec(cmd + " /");\nexec(cmd);')).toBeNull();
  expect(found('const { execFile } = require("child_process");\nexecFile(process.execPath, ["worker.js"]);')).toBeNull();
  // Another `exec` (a RegExp's, a database's), a file that loads no child_process, a file of another language.
  expect(found('const { spawn } = require("child_process");\nconst m = re.exec(text);\ndb.exec(sql);')).toBeNull();
  expect(found("exec(cmd)")).toBeNull();
  expect(found('import subprocess\nsubprocess.run(cmd)  # "child_process"', "app.py")).toBeNull();
});

test("a shell command line whose command word is a variable or a substitution is computed", () => {
  const cp = 'const cp = require("child_process");\n';
  expect(found('console.log(require("child_process").execSync("$VCS --version").toString())')?.line).toBe(1);
  expect(found(`${cp}cp.spawnSync("$VCS --version", { shell: true });`)).not.toBeNull();
  expect(found(`${cp}cp.execSync('sh -c "$VCS --version"');`)).not.toBeNull();
  expect(found(`${cp}cp.execSync('bash -lc "$VCS --version"');`)).not.toBeNull();
  expect(found(`${cp}cp.execSync('/usr/bin/bash -e -c "$VCS --version"');`)).not.toBeNull();
  expect(found(`${cp}cp.execSync("cd /app && \`cat tool\` run");`)).not.toBeNull();
  expect(found(`${cp}cp.execSync("$(which git) log");`)).not.toBeNull();
  expect(found(`${cp}cp.execSync(\`$TOOL x\`);`)).not.toBeNull();
  // Variables in the arguments, or set before the command, leave the program named.
  expect(found(`${cp}cp.execSync("git log $REF");\ncp.execSync("FOO=$BAR node x.js");\ncp.execSync('sh -c "git pull"');`)).toBeNull();
});

test("child_process loaded by import() counts", () => {
  expect(found('const cp = await import("node:child_process");\ncp.execSync(process.env.VCS);')?.line).toBe(2);
  expect(found('const { execSync } = await import("child_process");\nexecSync("$VCS --version");')?.line).toBe(2);
  expect(found('import("node:child_process").then((cp) => cp.execSync(cmd));')).not.toBeNull();
  expect(found('import("node:child_process").then(({ spawn }) => spawn(cmd));')).not.toBeNull();
  expect(found('(await import("node:child_process")).execSync(cmd);')).not.toBeNull();
  expect(found('const cp = await import("node:child_process");\ncp.execSync("git log");')).toBeNull();
});
