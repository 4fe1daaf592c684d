import { expect, test } from "vitest";
import { goComputedProgram } from "./go-computed-programs.js";

const found = (text: string, path = "main.go") => goComputedProgram([{ path, name: path, text }]);
const head = 'package main\n\nimport (\n\t"os"\n\t"os/exec"\n)\n\n';

test("an exec call whose program is computed when it runs is found, with its line", () => {
  expect(found(`${head}func main() {\n\texec.Command(os.Getenv("TOOL"), "--version").Run()\n}\n`)).toEqual({
    file: "main.go",
    line: 9,
    call: 'exec.Command(os.Getenv("TOOL")',
  });
  expect(found(`${head}func run(name string) { exec.Command(name).Run() }\n`)?.line).toBe(8);
  expect(found(`${head}func f() { exec.CommandContext(ctx, cfg.Bin, "x") }\n`)).not.toBeNull();
  expect(found('package main\nimport run "os/exec"\nfunc f() { run.Command(tool) }\n')).not.toBeNull();
  expect(found(`${head}func f() { exec.Command("sh", "-c", "$TOOL --version") }\n`)).not.toBeNull();
  expect(found(`${head}func f() { exec.Command("sh", "-c", script) }\n`)).not.toBeNull();
  expect(found(`${head}func f() { exec.Command("$TOOL") }\n`)).not.toBeNull();
});

test("a program the call names, or a constant the file sets to one, is no computed program", () => {
  expect(found(`${head}func f() { exec.Command("git", "log").Run(); exec.Command(\`ls\`) }\n`)).toBeNull();
  expect(found(`${head}const tool = "git"\nfunc f() { exec.Command(tool, os.Args[1]) }\n`)).toBeNull();
  expect(
    found(`${head}const (\n\tA = "x"\n\tgitBin string = "/usr/bin/git"\n)\nfunc f() { exec.CommandContext(ctx, gitBin) }\n`),
  ).toBeNull();
  expect(found(`${head}func f() { exec.Command("sh", "-c", "echo hi") }\n`)).toBeNull();
  // A test file, a file that does not import os/exec, a variable the file sets (it may change).
  expect(found(`${head}func f() { exec.Command(name) }\n`, "main_test.go")).toBeNull();
  expect(found("package main\nfunc f() { x.Command(name) }\n")).toBeNull();
  expect(found(`${head}var tool = "git"\nfunc f() { exec.Command(tool) }\n`)).not.toBeNull();
});
