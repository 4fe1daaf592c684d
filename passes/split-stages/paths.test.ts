import { describe, expect, test } from "vitest";
import { braceWords, isSystemDir, isUnder, outermost, resolvePath } from "./paths.js";

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
  test("braceWords expands what bash expands and leaves the rest", () => {
    expect(braceWords("/opt/app/{conf,data}")).toEqual(["/opt/app/conf", "/opt/app/data"]);
    expect(braceWords("/var/{log,lib}/app")).toEqual(["/var/log/app", "/var/lib/app"]);
    expect(braceWords("/etc/app.conf{,.bak}")).toEqual(["/etc/app.conf", "/etc/app.conf.bak"]);
    expect(braceWords("app{1..3}.log")).toEqual(["app1.log", "app2.log", "app3.log"]);
    expect(braceWords("d{08..10}")).toEqual(["d08", "d09", "d10"]);
    expect(braceWords("{a..c}")).toEqual(["a", "b", "c"]);
    expect(braceWords("{a,{b,c}}x")).toEqual(["ax", "bx", "cx"]);
    expect(braceWords("/x/{a,b}/{c,d}")).toEqual(["/x/a/c", "/x/a/d", "/x/b/c", "/x/b/d"]);
    // Not expansions: one item, quoted, escaped, parameter expansions, find's `{}`.
    expect(braceWords("{}")).toEqual(["{}"]);
    expect(braceWords("/x/{a}")).toEqual(["/x/{a}"]);
    expect(braceWords("'/x/{a,b}'")).toEqual(["'/x/{a,b}'"]);
    expect(braceWords("\\{a,b}")).toEqual(["\\{a,b}"]);
    expect(braceWords("${X:-a,b}/y")).toEqual(["${X:-a,b}/y"]);
    expect(braceWords("$HOME/{a,b}")).toEqual(["$HOME/a", "$HOME/b"]);
    expect(braceWords("{1..1000}")).toBeNull();
  });
});
