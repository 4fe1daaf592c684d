import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { pipLibraries, pipRequirements } from "./python-native.js";

describe("pipRequirements", () => {
  test("names are normalized and keep their extras, from requirements files, pyproject.toml and Pipfile", () => {
    const context = memoryContext({
      "requirements.txt": "Django==5.1\npsycopg[binary,pool]>=3.2  # db\n-r other.txt\n",
      "pyproject.toml": '[project]\ndependencies = ["Python_Magic>=0.4", "flask"]\n',
      Pipfile: '[packages]\nmysqlclient = "*"\n\n[dev-packages]\npytest = "*"\n',
    });
    const found = pipRequirements(context);
    expect(found.get("psycopg")).toEqual(["binary", "pool"]);
    expect([...found.keys()].sort()).toEqual(["django", "flask", "mysqlclient", "psycopg", "python-magic"]);
  });

  test("a UTF-16 requirements file (pip freeze in PowerShell) is read too", () => {
    const utf16 = Buffer.from("\ufeffuvicorn==0.34.0\r\npsycopg2==2.9.10\r\n", "utf16le").toString("utf8");
    expect([...pipRequirements(memoryContext({ "requirements.txt": utf16 })).keys()]).toEqual(["uvicorn", "psycopg2"]);
  });
});

describe("pipLibraries", () => {
  test("each release's run-time package names; none for a package that brings its own library", () => {
    const context = memoryContext({ "requirements.txt": "psycopg2==2.9.10\npython-magic\npsycopg[binary]\n" });
    expect(pipLibraries(context, "bookworm").packages).toEqual(["libpq5", "libmagic1"]);
    expect(pipLibraries(context, "trixie").packages).toEqual(["libpq5", "libmagic1t64"]);
    expect(pipLibraries(context, null).unknown).toBe("psycopg2");
  });

  test("WeasyPrint's and cairo's libraries, narrowed to those they load; what the full image lacks is apart", () => {
    const context = memoryContext({ "requirements.txt": "WeasyPrint==62.3\ncairosvg\npyzbar\npdf2image\nmoviepy\n" });
    const bookworm = pipLibraries(context, "bookworm");
    expect(bookworm.packages).toEqual([
      "libpango-1.0-0",
      "libpangoft2-1.0-0",
      "libharfbuzz-subset0",
      "libharfbuzz0b",
      "libfontconfig1",
      "libcairo2",
    ]);
    expect(bookworm.absent.map((n) => [n.pkg, n.packages])).toEqual([
      ["pyzbar", ["libzbar0"]],
      ["pdf2image", ["poppler-utils"]],
    ]);
    // Bullseye's HarfBuzz has no subsetter package of its own.
    expect(pipLibraries(context, "bullseye").packages).toContain("libharfbuzz0b");
    expect(pipLibraries(context, "bullseye").packages).not.toContain("libharfbuzz-subset0");
    expect(pipLibraries(context, null).unknown).toBe("weasyprint");
  });

  test("packages the stage's pip install lines name themselves count too, with their extras", () => {
    const empty = memoryContext({});
    expect(pipLibraries(empty, "bookworm", ["WeasyPrint==62.3"]).packages).toContain("libpango-1.0-0");
    expect(pipLibraries(empty, "bookworm", ["psycopg[binary]"]).packages).toEqual([]);
    expect(pipLibraries(empty, "bookworm", ["psycopg"]).packages).toEqual(["libpq5"]);
  });
});
