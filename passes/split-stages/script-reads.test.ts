import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { entryScriptReads } from "./script-reads.js";

beforeAll(loadShell);

const reads = (files: Record<string, string>) => {
  const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/server .\nENTRYPOINT ["/src/entry.sh"]\n';
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext({ "go.mod": "module example.com/app\n", "main.go": "package main\n", ...files });
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return entryScriptReads(r.analysis, context);
};

test("a shell script the entry script runs is read too, for what it names (rt20 F10)", () => {
  const files = {
    "entry.sh": "#!/bin/sh\nset -e\nsh scripts/migrate.sh\nexec server\n",
    "scripts/migrate.sh": 'for f in /src/migrations/*.sql; do cat "$f"; done\nsh ./scripts/seed.sh\n',
    "scripts/seed.sh": "cat data/seed.csv\n",
    "migrations/001.sql": "CREATE TABLE t;\n",
    "data/seed.csv": "a,b\n",
  };
  expect([...reads(files).paths].sort()).toEqual([
    "/src/data/seed.csv",
    "/src/migrations",
    "/src/scripts/migrate.sh",
    "/src/scripts/seed.sh",
  ]);
  // A file that is no shell script is not read as one.
  expect(reads({ "entry.sh": "#!/bin/sh\ncat notes.txt\nexec server\n", "notes.txt": "cat /src/secret\n", secret: "" }).paths).toEqual([
    "/src/notes.txt",
  ]);
});
