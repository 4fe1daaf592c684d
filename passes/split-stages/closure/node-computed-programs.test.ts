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
