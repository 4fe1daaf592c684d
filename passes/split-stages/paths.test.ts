import { describe, expect, test } from "vitest";
import { isSystemDir, isUnder, outermost, resolvePath } from "./paths.js";

describe("paths", () => {
  test("resolvePath", () => {
    expect(resolvePath("/app", "dist/")).toBe("/app/dist");
    expect(resolvePath("/app", ".")).toBe("/app");
    expect(resolvePath(null, "/usr/local/bin/tool")).toBe("/usr/local/bin/tool");
    expect(resolvePath(null, "x")).toBeNull();
  });
  test("outermost drops nested paths", () => {
    expect(outermost(["/app/dist", "/app", "/opt/venv", "/application"])).toEqual(["/app", "/application", "/opt/venv"]);
    expect(isUnder("/app/x", "/app")).toBe(true);
    expect(isUnder("/apple", "/app")).toBe(false);
  });
  test("system folders", () => {
    expect(isSystemDir("/usr/local/bin")).toBe(true);
    expect(isSystemDir("/usr/local/bin/tool")).toBe(false);
  });
});
