// The project's own rules, checked: every pass is registered once, named after its file, documented,
// and has golden cases that change something and cases that must stay unchanged; no orphan folders.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, test } from "vitest";
import { PASSES } from "../../passes/index.js";
import { ROOT, TESTDATA } from "../../test/support/golden.js";

const NOT_PASSES = new Set(["pipeline", "roundtrip", "errors"]);

describe("passes", () => {
  test("ids are unique and equal their folder names", () => {
    const folders = readdirSync(join(ROOT, "passes")).filter((f) => statSync(join(ROOT, "passes", f)).isDirectory());
    expect(new Set(PASSES.map((p) => p.id)).size).toBe(PASSES.length);
    expect(PASSES.map((p) => p.id).sort()).toEqual(folders.sort());
    for (const id of folders) expect(existsSync(join(ROOT, "passes", id, "index.ts")), `passes/${id}/index.ts`).toBe(true);
  });

  test("every position in the pipeline says why it is there", () => {
    const source = readFileSync(join(ROOT, "passes", "index.ts"), "utf8");
    const list = source.slice(source.indexOf("PASSES"));
    for (const p of PASSES) {
      const importName = new RegExp(`import (\\w+) from "\\./${p.id}/index\\.js"`).exec(source)?.[1];
      expect(importName, `passes/index.ts imports ${p.id}`).toBeDefined();
      const lines = list.split("\n");
      const at = lines.findIndex((l) => new RegExp(`^${importName},$`).test(l.trim()));
      expect(at, `${p.id} is in the PASSES array`).toBeGreaterThan(0);
      expect(lines[at - 1].trim().startsWith("//"), `${p.id} has a reason comment above it`).toBe(true);
    }
  });

  test("metadata is complete: title, rationale, one-sentence messages", () => {
    for (const p of PASSES) {
      expect(p.title.length, p.id).toBeGreaterThan(5);
      expect(p.rationale.length, p.id).toBeGreaterThan(40);
      for (const [id, m] of Object.entries(p.messages)) expect(m, `${p.id}.${id}`).toMatch(/^[A-Z`].*[.]$/s);
    }
  });

  for (const p of PASSES) {
    test(`${p.id} has golden cases that change something and unchanged-* cases`, () => {
      const dir = join(TESTDATA, p.id);
      expect(existsSync(dir), `testdata/${p.id}/`).toBe(true);
      const cases = readdirSync(dir).filter((c) => statSync(join(dir, c)).isDirectory());
      const unchanged = cases.filter((c) => c.startsWith("unchanged-"));
      expect(unchanged.length, "unchanged-* cases").toBeGreaterThan(0);
      // A change is a non-empty diff: the Dockerfile's, or a proposed context file's (dockerignore).
      const changing = cases.filter(
        (c) => existsSync(join(dir, c, "expected.diff")) && readFileSync(join(dir, c, "expected.diff"), "utf8") !== "",
      );
      expect(changing.length, "cases that change the file").toBeGreaterThan(0);
    });
  }
});

// A pass folder imports only the core and itself; the core never imports a pass (but the pipeline's list).
test("passes/<id>/ imports only src/core/ and its own folder; src/core/ imports no pass and no edge", () => {
  const offenders: string[] = [];
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
    );
  const imports = (file: string) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(dirname(file), m[1]));
  for (const id of readdirSync(join(ROOT, "passes")).filter((f) => statSync(join(ROOT, "passes", f)).isDirectory())) {
    const own = join(ROOT, "passes", id);
    for (const file of sources(own))
      for (const target of imports(file))
        if (!target.startsWith(own + sep) && !target.startsWith(join(ROOT, "src", "core") + sep))
          offenders.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
  }
  for (const file of sources(join(ROOT, "src", "core")))
    for (const target of imports(file)) {
      const inCore = target.startsWith(join(ROOT, "src", "core") + sep);
      const passList = relative(ROOT, file) === join("src", "core", "pipeline.ts") && target === join(ROOT, "passes", "index.js");
      if (!inCore && !passList) offenders.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
    }
  expect(offenders).toEqual([]);
});

test("every folder under testdata/ is a pass or a known group", () => {
  const orphans = readdirSync(TESTDATA).filter(
    (g) => statSync(join(TESTDATA, g)).isDirectory() && !NOT_PASSES.has(g) && !PASSES.some((p) => p.id === g),
  );
  expect(orphans).toEqual([]);
});
