import { expect, test } from "vitest";
import { checkCommand } from "./node-checks.js";

test("test runners and check-only linters are checks; flags that write make them writers", () => {
  expect(checkCommand("jest", ["--ci", "--coverage"])).toEqual({ tool: "jest", writes: false });
  expect(checkCommand("vitest", ["run"])).toEqual({ tool: "vitest", writes: false });
  expect(checkCommand("eslint", ["src", "--ext", ".ts"])).toEqual({ tool: "eslint", writes: false });
  expect(checkCommand("prettier", ["--check", "."])).toEqual({ tool: "prettier", writes: false });
  expect(checkCommand("nyc", ["--reporter=text", "mocha"])).toEqual({ tool: "mocha", writes: false });
  expect(checkCommand("eslint", ["--fix", "src"])).toEqual({ tool: "eslint", writes: true });
  expect(checkCommand("prettier", ["--write", "."])).toEqual({ tool: "prettier", writes: true });
  expect(checkCommand("jest", ["-u"])).toEqual({ tool: "jest", writes: true });
  expect(checkCommand("vitest", ["watch"])).toEqual({ tool: "vitest", writes: true });
  expect(checkCommand("node", ["--test", "test/"])).toEqual({ tool: "node --test", writes: false });
  expect(checkCommand("node", ["--test", "--test-update-snapshots"])).toEqual({ tool: "node --test", writes: true });
});

test("other commands, prettier without --check, and wrappers with `--flag value` pairs are not checks", () => {
  expect(checkCommand("tsc", [])).toBeNull();
  expect(checkCommand("node", ["build.js"])).toBeNull();
  expect(checkCommand("node", ["-e", "require('fs').writeFileSync('x', '')"])).toBeNull();
  expect(checkCommand("prettier", ["src"])).toBeNull();
  expect(checkCommand("nyc", ["--reporter", "text", "mocha"])).toBeNull();
});
