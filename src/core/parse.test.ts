import { describe, expect, test } from "vitest";
import { parseDockerfile, parseExecForm } from "./parse.js";

describe("exec form", () => {
  test("comment lines inside a continuation are dropped, as BuildKit does", () => {
    const { dockerfile } = parseDockerfile('FROM busybox\nCMD ["sh", \\\n# the script\n  "-c", "echo hi"]\n');
    expect(dockerfile.stages[0].body[0].exec).toEqual(["sh", "-c", "echo hi"]);
  });
  test("backtick escape and blanks after it", () => {
    expect(parseExecForm('["a", `  \n  "b"]', "`")).toEqual(["a", "b"]);
  });
});
