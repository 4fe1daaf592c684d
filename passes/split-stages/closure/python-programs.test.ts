import { describe, expect, test } from "vitest";
import { pipPrograms } from "./python-programs.js";

describe("pipPrograms", () => {
  test("programs and libraries of the full image that pip packages run or load", () => {
    expect(pipPrograms(["gitpython", "flask", "python-gnupg"], "bookworm").packages).toEqual(["git", "gnupg"]);
    expect(pipPrograms(["file-magic"], "bookworm").packages).toEqual(["libmagic1"]);
    expect(pipPrograms(["file-magic"], null).unknown).toBe("file-magic");
  });
  test("lxml needs libxslt only when built from source", () => {
    expect(pipPrograms(["lxml"], "bookworm").packages).toEqual([]);
    expect(pipPrograms(["lxml"], "bookworm", new Set(["lxml"])).packages).toEqual(["libxslt1.1"]);
    expect(pipPrograms(["lxml"], "bookworm", new Set([":all:"])).packages).toEqual(["libxslt1.1"]);
  });
});
