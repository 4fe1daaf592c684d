import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { instruction } from "../../src/core/ir.js";
import { contextCopy, isConfigFile, landings } from "./copies.js";

const ctx = memoryContext({ "deploy/package.prod.json": "{}", "ci/pip.conf": "", "src/a.js": "", "src/lib/b.js": "", "x.txt": "" });
const land = (args: string, cwd: string | null = "/app") => landings(contextCopy(instruction("COPY", args))!, cwd, ctx);

describe("landings", () => {
  test("a file to a new name, or into a folder", () => {
    expect(land("deploy/package.prod.json ./package.json").files).toEqual(["/app/package.json", "/app/package.json/package.prod.json"]);
    expect(land("ci/pip.conf /etc/").files).toEqual(["/etc/pip.conf"]);
    expect(land("ci/pip.conf x.txt /etc").files).toEqual(["/etc/pip.conf", "/etc/x.txt"]);
  });
  test("a folder's files under the destination", () => {
    expect(land("src ./src").files.sort()).toEqual(["/app/src/a.js", "/app/src/lib/b.js"]);
  });
  test("relative to the working folder when it is unknown; incomplete for a variable", () => {
    expect(land("x.txt ./", null).files).toEqual(["x.txt"]);
    expect(land("x.txt $DEST").complete).toBe(false);
  });
});

describe("isConfigFile", () => {
  test.each([
    ["/etc/pip.conf", true],
    ["/root/.npmrc", true],
    ["/usr/local/etc/npmrc", true],
    ["/root/.m2/settings.xml", true],
    ["/root/.nuget/NuGet/NuGet.Config", true],
    ["/usr/local/cargo/config.toml", false],
    ["/root/.cargo/config.toml", true],
    ["/app/src/settings.xml", false],
    ["/app/src/index.js", false],
  ])("%s → %s", (path, expected) => expect(isConfigFile(path)).toBe(expected));
});
