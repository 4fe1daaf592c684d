import { describe, expect, test } from "vitest";
import { printable } from "./terminal-text.js";

describe("printable", () => {
  test("removes colour, cursor, title and hyperlink sequences", () => {
    expect(printable("RUN \x1b[31mred\x1b[0m \x1b[2J\x1b[H")).toBe("RUN red ");
    expect(printable("a\x1b]0;pwned\x07b")).toBe("ab");
    expect(printable("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b")).toBe("alinkb");
    expect(printable("a\x9b2Jb")).toBe("ab");
  });

  test("shows other control characters as U+FFFD; tabs stay, newlines only when asked", () => {
    expect(printable("ok\rfake\x08\x00\x7f")).toBe("ok\uFFFDfake\uFFFD\uFFFD\uFFFD");
    expect(printable("a\tb\nc")).toBe("a\tb\uFFFDc");
    expect(printable("a\tb\nc", true)).toBe("a\tb\nc");
    expect(printable("evil\u202Eexe.txt")).toBe("evil\uFFFDexe.txt");
  });

  test("leaves ordinary text alone", () => {
    const text = "Dockerfile:3 merge-run: Merged 3 RUN instructions — «ü» 日本";
    expect(printable(text)).toBe(text);
  });
});
