import { describe, expect, test } from "vitest";
import { placedInFolder } from "./go-entry.js";

describe("placedInFolder", () => {
  test("cp, mv, install and ln put their sources in a destination folder under their own names", () => {
    expect(placedInFolder("cp", ["docker-entrypoint.sh", "/usr/local/bin/"])).toEqual(["/usr/local/bin/docker-entrypoint.sh"]);
    expect(placedInFolder("install", ["-m", "755", "scripts/run.sh", "/usr/local/bin"])).toEqual(["/usr/local/bin/run.sh"]);
    expect(placedInFolder("/bin/cp", ["-t", "/opt/bin", "a", "b/c"])).toEqual(["/opt/bin/a", "/opt/bin/c"]);
    expect(placedInFolder("ln", ["-s", "/app/server", "/usr/bin/"])).toEqual(["/usr/bin/server"]);
    expect(placedInFolder("mv", ["-f", "bin/", "/opt"])).toEqual(["/opt/bin"]);
  });
  test("other commands, one operand or a wildcard source make nothing here", () => {
    expect(placedInFolder("chmod", ["+x", "a", "/b"])).toEqual([]);
    expect(placedInFolder("cp", ["a"])).toEqual([]);
    expect(placedInFolder("cp", ["*.sh", "/usr/local/bin/"])).toEqual([]);
  });
});
