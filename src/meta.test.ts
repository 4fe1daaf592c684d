// The project's own rules, checked: every pass is registered once, named after its file, documented,
// and has golden cases that change something and cases that must stay unchanged; no orphan folders.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PASSES } from "../passes/index.js";
import { FIXTURE_GROUPS, ROOT, TESTDATA } from "./testing.js";

const NOT_PASSES = new Set(["pipeline", "roundtrip", "errors"]);


describe("passes", () => {
  test("ids are unique and equal their file names", () => {
    const files = readdirSync(join(ROOT, "passes")).filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".test.ts"));
    expect(new Set(PASSES.map((p) => p.id)).size).toBe(PASSES.length);
    expect(PASSES.map((p) => `${p.id}.ts`).sort()).toEqual(files.sort());
  });

  test("every position in the pipeline says why it is there", () => {
    const source = readFileSync(join(ROOT, "passes", "index.ts"), "utf8");
    const list = source.slice(source.indexOf("PASSES"));
    for (const p of PASSES) {
      const importName = new RegExp(`import (\\w+) from "\\./${p.id}\\.js"`).exec(source)?.[1];
      expect(importName, `passes/index.ts imports ${p.id}`).toBeDefined();
      const lines = list.split("\n");
      const at = lines.findIndex((l) => new RegExp(`^${importName}( as Pass)?,$`).test(l.trim()));
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
      const changing = cases.filter((c) => existsSync(join(dir, c, "expected.diff")) && readFileSync(join(dir, c, "expected.diff"), "utf8") !== "");
      expect(changing.length, "cases that change the file").toBeGreaterThan(0);
    });
  }
});

test("every folder under testdata/ is a pass or a known group", () => {
  const orphans = readdirSync(TESTDATA).filter((g) => statSync(join(TESTDATA, g)).isDirectory() && !NOT_PASSES.has(g) && !FIXTURE_GROUPS.has(g) && !PASSES.some((p) => p.id === g));
  expect(orphans).toEqual([]);
});
