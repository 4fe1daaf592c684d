import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { scriptWritingOutside } from "./own-scripts.js";

beforeAll(() => loadShell());

/** What scriptWritingOutside says of the RUN on the Dockerfile's line 4. */
const outside = (run: string, files: Record<string, string> = {}) => {
  const text = `FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN ${run}\nCMD ["python", "app.py"]\n`;
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext({ "app.py": "", ...files });
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return scriptWritingOutside(r.analysis, 2, { context, scripts: {} });
};

describe("python -c and -m are read like the project's scripts", () => {
  test("-c code, and the local modules it imports, that use the home folder", () => {
    expect(outside(`python -c "import os; open(os.path.expanduser('~/m'), 'w')"`)).toMatchObject({
      file: "-c",
      evidence: "it uses the home folder",
    });
    expect(outside(`python -c "import fetch; fetch.run()"`, { "fetch.py": "import os\nos.path.expanduser('~/x')\n" })).toMatchObject({
      file: "fetch.py",
    });
    expect(outside(`python -c "open('VERSION', 'w').write('1')"`)).toBeNull();
  });
  test("-m: a local module's files, a known downloader, an unknown module; known tools write the working folder", () => {
    const dl = { "tools/dl/__init__.py": "", "tools/dl/get.py": "from pathlib import Path\nPath.home()\n" };
    expect(outside("python -m tools.dl.get", dl)).toMatchObject({ file: "tools/dl/get.py" });
    expect(outside("python3 -u -m nltk.downloader punkt")).toMatchObject({ module: "nltk.downloader" });
    expect(outside("python -m playwright install chromium")).toMatchObject({ module: "playwright" });
    expect(outside("python -m somepkg.fetch")).toMatchObject({ module: "somepkg.fetch", unknown: true });
    expect(outside("python -m compileall -q .")).toBeNull();
    expect(outside("python -m pytest -q")).toBeNull();
  });
});
