import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import type { Dockerfile } from "../../../src/core/ir.js";
import type { BuildContext } from "../../../src/core/context.js";
import { type Analysis, analyze } from "../analysis.js";
import { compiledLibraries, pipCommands } from "./python-site.js";

beforeAll(() => loadShell());

function analysis(df: Dockerfile, ctx: BuildContext): Analysis {
  const result = analyze(df, df.stages[0], ctx);
  if (!result.ok) throw new Error(result.refusal.id);
  return result.analysis;
}

test("console scripts: requirement names and the scripts of local packages", () => {
  const ctx = memoryContext({
    "requirements.txt": "Gunicorn==22.0\n# comment\n",
    "greet/setup.py": 'setup(entry_points={"console_scripts": ["greet-server=greet.server:main"]})\n',
    "pyproject.toml": '[project]\nname = "x"\n\n[project.scripts]\nx-cli = "x.cli:main"\n',
  });
  const df = parseDockerfile("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n").dockerfile;
  expect(pipCommands(ctx, analysis(df, ctx)).sort()).toEqual(["greet-server", "gunicorn", "x-cli"]);
});

test("console scripts: packages a RUN installs by name, not the values of options", () => {
  const ctx = memoryContext({ "requirements.txt": "flask\n" });
  const df = parseDockerfile(
    "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir poetry==1.8.3 'uvicorn[standard]' -r requirements.txt -i https://x/simple\n",
  ).dockerfile;
  expect(pipCommands(ctx, analysis(df, ctx)).sort()).toEqual(["flask", "poetry", "uvicorn"]);
});

test("console scripts: setup.py's scripts= files, under their own names", () => {
  const ctx = memoryContext({ "setup.py": 'setup(name="legacy", scripts=["bin/legacy-run", "tools/sync.py"])\n' });
  const df = parseDockerfile("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN python setup.py install\n").dockerfile;
  expect(pipCommands(ctx, analysis(df, ctx)).sort()).toEqual(["legacy-run", "sync.py"]);
});

test("compiledLibraries: the `-l` names of a RUN's compiler commands; computed link flags are unread (red team 22 F4)", () => {
  const stage = (run: string) => parseDockerfile(`FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN ${run}\n`).dockerfile.stages[0];
  const read = compiledLibraries({ stage: stage("gcc -shared -fPIC -o cv.so cv.c -lxml2 -l m && make -j2 -l 3") });
  expect(read.libraries.map((l) => l.library)).toEqual(["xml2", "m"]);
  expect(read.unread).toBeNull();
  expect(compiledLibraries({ stage: stage("cc -shared -o x.so x.c $(pkg-config --libs libxml-2.0)") }).unread).toContain("pkg-config");
  expect(compiledLibraries({ stage: stage("gcc -shared -o x.so x.c $LDFLAGS") }).unread).toContain("$LDFLAGS");
  expect(compiledLibraries({ stage: stage("pip install -r requirements.txt") }).libraries).toEqual([]);
});
