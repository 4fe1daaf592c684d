import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { goEntryFromImage, placedInFolder } from "./go-entry.js";

beforeAll(() => loadShell());

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

describe("goEntryFromImage", () => {
  const fromImage = (text: string) => {
    const { dockerfile } = parseDockerfile(text);
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "go.mod": "module x\n", "main.go": "package main\n" }));
    if (!r.ok) throw new Error(r.refusal.id);
    return goEntryFromImage(r.analysis);
  };
  test("an entry program a COPY --from of another image brings, by file or into a folder (red team 22 m4)", () => {
    const df = (copy: string, entry: string) =>
      `FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app/server .\n${copy}\nENTRYPOINT ${entry}\n`;
    expect(fromImage(df("COPY --from=tianon/gosu:1.17 /gosu /opt/bin/gosu", '["/opt/bin/gosu", "nobody", "/app/server"]'))).toEqual({
      command: "/opt/bin/gosu",
      path: "/opt/bin/gosu",
      image: "tianon/gosu:1.17",
    });
    expect(fromImage(df("COPY --from=migrate/migrate /usr/local/bin/migrate /opt/tools/", '["/opt/tools/migrate"]'))?.image).toBe(
      "migrate/migrate",
    );
    expect(fromImage(df("COPY --from=tianon/gosu:1.17 /gosu /opt/bin/gosu", '["/app/server"]'))).toBeNull();
  });
});
