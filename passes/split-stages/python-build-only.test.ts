import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { searchedSources } from "./mentions.js";
import { pythonBuildOnly } from "./python-build-only.js";

beforeAll(() => loadShell());

const buildOnly = (files: Record<string, string>, cmd = '["python", "app.py"]') => {
  const context = memoryContext(files);
  const { dockerfile } = parseDockerfile(`FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCMD ${cmd}\n`);
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return [...pythonBuildOnly(r.analysis, searchedSources(context))];
};

describe("pythonBuildOnly", () => {
  const setup = 'import subprocess\nsubprocess.run(["git", "describe"])\n';
  test("a setup.py nothing names or imports is pip's alone", () => {
    expect(buildOnly({ "setup.py": setup, "app.py": "print(1)\n" })).toEqual(["setup.py"]);
  });
  test("one the entry, another file or an import names runs at run time", () => {
    expect(buildOnly({ "setup.py": setup, "app.py": "from setup import version\n" })).toEqual([]);
    expect(buildOnly({ "setup.py": setup, "run.sh": "#!/bin/sh\npython setup.py develop\n", "app.py": "" })).toEqual([]);
    expect(buildOnly({ "setup.py": setup, "app.py": "" }, '["python", "setup.py", "serve"]')).toEqual([]);
  });
});
