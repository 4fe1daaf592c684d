import { describe, expect, test } from "vitest";
import type { EntryProgram } from "./entry.js";
import { lackedTools, missingProgram } from "./runtime-check.js";

const program = (name: string, artifact: string | null, shell = false): EntryProgram => ({ name, from: "CMD", line: 3, artifact, shell });

describe("missingProgram", () => {
  test("recipe tools, base tools, packages and copied files are there", () => {
    expect(
      missingProgram(
        [program("node", null), program("sh", null, true), program("jq", null), program("./app", "/app/app")],
        ["node"],
        ["jq=1.6"],
        false,
      ),
    ).toBeNull();
  });
  test("a tool of the full image only is missing", () => {
    expect(missingProgram([program("curl", null)], ["node"], [], false)).toEqual({ id: "entryTool", command: "curl", line: 3 });
  });
  test("a shell-less runtime has no shell and no base tools", () => {
    expect(missingProgram([program("/app/server", "/app/server", true)], [], [], true)?.id).toBe("shellNeeded");
    expect(missingProgram([program("cat", null)], [], [], true)?.id).toBe("entryTool");
  });
  test("lackedTools: full-image tools the runtime has no package or recipe tool for", () => {
    expect(lackedTools([], ["git", "curl=7"], false).named).not.toContain("git");
    expect(lackedTools([], ["git"], false).named).toContain("curl");
    expect(lackedTools([], ["git"], false).named).toContain("python3");
    // Everyday words count only as calls; a shell-less runtime lacks the shell's programs too.
    expect(lackedTools([], [], false).called).toContain("make");
    expect(lackedTools([], [], false).called).not.toContain("sh");
    expect(lackedTools([], [], true).called).toEqual(expect.arrayContaining(["sh", "cat", "ls"]));
    expect(lackedTools([], [], true).called).not.toContain("exec");
  });
});
