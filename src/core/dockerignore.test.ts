import { describe, expect, test } from "vitest";
import { memoryContext } from "./context.js";
import { isIgnored, parseDockerignore, withDockerignore } from "./dockerignore.js";

describe("isIgnored", () => {
  test.each([
    // [patterns, path, ignored]
    ["node_modules", "node_modules", true],
    ["node_modules", "node_modules/a/index.js", true],
    ["node_modules", "web/node_modules", false],
    ["**/node_modules", "web/node_modules/x", true],
    ["**/node_modules", "node_modules", true],
    ["/node_modules", "node_modules/x", true],
    ["./build/", "build/out.js", true],
    ["*.md", "README.md", true],
    ["*.md", "docs/guide.md", false],
    ["**/*.md", "docs/guide.md", true],
    ["docs/**", "docs/a/b.md", true],
    ["docs/**", "docs", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file10.txt", false],
    ["file[0-9].txt", "file7.txt", true],
    ["file[^0-9].txt", "file7.txt", false],
    ["file[^0-9].txt", "filex.txt", true],
    ["file[!0-9].txt", "file!.txt", true],
    ["file[!0-9].txt", "file7.txt", true],
    ["\\*.txt", "*.txt", true],
    ["\\*.txt", "a.txt", false],
    ["*\n!keep.md", "keep.md", false],
    ["*\n!keep.md", "other.md", true],
    ["*.json\n!package*.json", "package-lock.json", false],
    ["*.json\n!package*.json\npackage-lock.json", "package-lock.json", true],
    ["node_modules\n!node_modules/keep", "node_modules/keep/x", false],
    ["# comment\n\n  .git  ", ".git/HEAD", true],
    ["# .git", ".git", false],
    ["a/../b", "b", true],
    ["*", "anything/deep", true],
    ["!x", "x", false],
  ])("%j on %s → %s", (text, path, expected) => {
    expect(isIgnored(parseDockerignore(text), path)).toBe(expected);
  });

  test("a leading BOM and CRLF are tolerated", () => {
    expect(isIgnored(parseDockerignore("\uFEFFdist\r\n"), "dist/app.js")).toBe(true);
  });
});

describe("withDockerignore", () => {
  const ctx = withDockerignore(
    memoryContext({
      ".dockerignore": "node_modules\n*.log\n",
      "package.json": "{}",
      "node_modules/x/index.js": "",
      "a.log": "",
      "src/a.log": "",
    }),
  );
  test("ignored paths do not exist", () => {
    expect(ctx.exists("package.json")).toBe(true);
    expect(ctx.exists("node_modules")).toBe(false);
    expect(ctx.read("a.log")).toBeNull();
    expect(ctx.exists("src/a.log")).toBe(true);
    expect(ctx.list(".")).toEqual([".dockerignore", "package.json", "src"]);
  });
  test("without a .dockerignore the context is unchanged", () => {
    const plain = memoryContext({ "a.log": "" });
    expect(withDockerignore(plain)).toBe(plain);
  });
});
