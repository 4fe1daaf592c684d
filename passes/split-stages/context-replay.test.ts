import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { contextReplay } from "./context-replay.js";

beforeAll(() => loadShell());

const replayOf = (text: string, files: Record<string, string> = { "app.py": "", "requirements.txt": "" }, compileRuns = false) => {
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext(files);
  // As the python recipe reads it: the official image has no WORKDIR.
  const r = analyze(dockerfile, dockerfile.stages[0], context, "/");
  if (!r.ok) throw new Error(r.refusal.id);
  const replay = contextReplay(r.analysis, r.analysis.copyPaths, { compileRuns, context });
  return replay && { ...replay, replayed: replay.replayed.map((i) => i.line) };
};

const VENV =
  "FROM python:3.12\nWORKDIR /app\nRUN python -m venv /opt/venv\nCOPY requirements.txt .\nRUN /opt/venv/bin/pip install -r requirements.txt\n";

describe("contextReplay", () => {
  test("a folder only COPY filled comes from the context; the build stage ends at its last RUN", () => {
    expect(replayOf(`${VENV}COPY app.py .\nCMD ["python", "app.py"]\n`)).toEqual({
      fromBuilder: ["/opt/venv"],
      fromContext: ["/app"],
      replayed: [4, 6],
      builderEnd: 3,
      repeatedRuns: [],
      root: false,
    });
  });
  test("a RUN that writes, removes or builds in the folder keeps it in the build stage", () => {
    expect(replayOf(`${VENV}COPY app.py .\nRUN python -m compileall .\nCMD ["python", "app.py"]\n`)).toBeNull();
    expect(replayOf(`${VENV}COPY app.py .\nRUN rm -f requirements.txt\nCMD ["python", "app.py"]\n`)).toBeNull();
    expect(replayOf(`${VENV}COPY app.py .\nRUN /opt/venv/bin/pip install -e .\nCMD ["python", "app.py"]\n`)).toBeNull();
  });
  test("with the same Python in the runtime, a RUN that only byte-compiles the copied folder is repeated in its place", () => {
    const compiled = `${VENV}COPY app.py .\nRUN python -m compileall -q -j 0 .\nCMD ["python", "app.py"]\n`;
    expect(replayOf(compiled, undefined, true)).toMatchObject({
      fromContext: ["/app"],
      replayed: [4, 6, 7],
      builderEnd: 3,
      repeatedRuns: [7],
    });
    // Another command in the RUN, another user, or a folder the runtime takes from the build: the build's copy stays.
    const more = `${VENV}COPY app.py .\nRUN python -m compileall . && touch ready\nCMD ["python", "app.py"]\n`;
    expect(replayOf(more, undefined, true)).toBeNull();
    const asUser = `${VENV}COPY app.py .\nUSER nobody\nRUN python -m compileall .\nCMD ["python", "app.py"]\n`;
    expect(replayOf(asUser, undefined, true)).toBeNull();
    const venv = `${VENV}COPY app.py .\nRUN python -m compileall . /opt/venv\nCMD ["python", "app.py"]\n`;
    expect(replayOf(venv, undefined, true)).toBeNull();
    const everyPath = `${VENV}COPY app.py .\nRUN python -m compileall -q\nCMD ["python", "app.py"]\n`;
    expect(replayOf(everyPath, undefined, true)).toBeNull();
  });
  test("a copy that cannot be repeated as written keeps the folder in the build stage", () => {
    const computed = `FROM python:3.12\nARG F=app.py\nWORKDIR /app\nRUN python -m venv /opt/venv\nCOPY $F .\nCMD ["python", "app.py"]\n`;
    expect(replayOf(computed)).toBeNull();
    const moved = `FROM python:3.12\nWORKDIR /app\nCOPY app.py .\nWORKDIR /srv\nRUN python -m venv /opt/venv\nCMD ["python", "/app/app.py"]\n`;
    expect(replayOf(moved)).toBeNull();
    const absolute = `FROM python:3.12\nWORKDIR /srv\nCOPY app.py /app/\nRUN python -m venv /opt/venv\nCMD ["python", "/app/app.py"]\n`;
    expect(replayOf(absolute)?.fromContext).toEqual(["/app/app.py"]);
  });
  test("a folder given away with chown -R is copied with its owner from the build stage", () => {
    expect(replayOf(`${VENV}COPY app.py /srv/\nRUN chown -R nobody /opt/venv\nCMD ["python", "/srv/app.py"]\n`)).toBeNull();
  });
  test("with no WORKDIR, the copies into `/` are repeated when no RUN wrote and nothing lands in a system folder", () => {
    const pip = 'FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
    expect(replayOf(pip)).toMatchObject({ fromContext: ["/"], replayed: [2], builderEnd: 1, root: true });
    // A RUN writing in `/`, a context folder named like a system one, a requirements file naming the project itself.
    expect(replayOf(pip.replace("requirements.txt\n", "requirements.txt && python app.py > out.txt\n"))).toBeNull();
    expect(replayOf(pip, { "app.py": "", "requirements.txt": "", "etc/app.conf": "" })).toBeNull();
    expect(replayOf(pip, { "app.py": "", "requirements.txt": "-e .\n" })).toBeNull();
  });
  test("a file copied into a folder named with a trailing slash is repeated: it is the path the runtime no longer takes from the build", () => {
    // instana/robot-shop load-gen: `COPY entrypoint.sh /load/` was neither repeated nor taken from the build stage.
    const loadGen =
      'FROM python:3.9\nWORKDIR /load\nCOPY requirements.txt /load/\nRUN pip install -r requirements.txt\nCOPY entrypoint.sh /load/\nCOPY app.py /load/\nCMD ["./entrypoint.sh"]\n';
    const files = { "app.py": "", "requirements.txt": "", "entrypoint.sh": "" };
    expect(replayOf(loadGen, files)).toMatchObject({
      fromBuilder: [],
      fromContext: ["/load/app.py", "/load/entrypoint.sh", "/load/requirements.txt"],
      replayed: [3, 5, 6],
    });
    const root = 'FROM python:3.9\nWORKDIR /srv\nRUN pip install flask\nCOPY entrypoint.sh /\nCMD ["/entrypoint.sh"]\n';
    expect(replayOf(root, files)).toMatchObject({ fromContext: ["/entrypoint.sh"], replayed: [4] });
  });
});
