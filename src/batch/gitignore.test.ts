import { describe, expect, test } from "vitest";
import { GitIgnore } from "./gitignore.js";

describe("GitIgnore", () => {
  const root = new GitIgnore().with("/repo", "build/\n*.log\n!keep.log\n/top-only\n").with("/repo/sub", "docs/**/draft\n");
  test.each([
    ["/repo/build", true, true],
    ["/repo/build", false, false],
    ["/repo/a/build", true, true],
    ["/repo/x.log", false, true],
    ["/repo/keep.log", false, false],
    ["/repo/top-only", false, true],
    ["/repo/a/top-only", false, false],
    ["/repo/sub/docs/a/b/draft", false, true],
    ["/repo/docs/a/draft", false, false],
    ["/repository/x.log", false, false],
    ["/repo", true, false],
    ["/elsewhere/x.log", false, false],
  ])("%s (folder: %s) ignored: %s", (path, isDir, expected) => expect(root.ignores(path, isDir)).toBe(expected));

  test("rules of the file system root apply below it", () => {
    expect(new GitIgnore().with("/", "*.tmp\n").ignores("/a/b.tmp", false)).toBe(true);
  });
});
