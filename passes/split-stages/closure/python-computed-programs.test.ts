import { expect, test } from "vitest";
import { pythonComputedProgram } from "./python-computed-programs.js";

const found = (text: string, path = "app.py") => pythonComputedProgram([{ path, name: path.replace(/^.*\//, ""), text }]);

test("a subprocess, os or asyncio call whose program is computed when it runs is found, with its line", () => {
  expect(found('import os\nimport subprocess\n\nsubprocess.run([os.environ["TOOL"], "--version"])\n')).toEqual({
    file: "app.py",
    line: 4,
    call: 'subprocess.run([os.environ["TOOL"], "--version"]',
  });
  expect(found("import subprocess as sp\ndef f(cmd):\n    return sp.check_output(cmd, shell=True)\n")?.line).toBe(3);
  expect(found("from subprocess import Popen as P\nP(config.binary)\n")).not.toBeNull();
  expect(found("import os\nos.system(command)\n")).not.toBeNull();
  expect(found('import os\nos.system("$TOOL --version")\n')).not.toBeNull();
  expect(found('import os\nos.system(f"{tool} --version")\n')).not.toBeNull();
  expect(found("import os\nos.execvp(sys.argv[1], sys.argv[1:])\n")).not.toBeNull();
  expect(found("import os\nos.spawnlp(os.P_WAIT, prog, prog)\n")?.call).toBe("os.spawnlp(os.P_WAIT, prog");
  expect(found("import asyncio\nawait asyncio.create_subprocess_exec(*args)\n")).not.toBeNull();
  expect(found('import subprocess\ncmd = [tool, "x"]\nsubprocess.run(cmd)\n')).not.toBeNull();
});

test("a program the call names, or a name the file binds to one, is no computed program", () => {
  expect(found('import subprocess\nsubprocess.run(["git", "log"], check=True)\nsubprocess.check_output("ls -l", shell=True)\n')).toBeNull();
  expect(found('import subprocess, sys\nsubprocess.run([sys.executable, "-m", "pip", "list"])\n')).toBeNull();
  expect(found('import os\nos.system(f"convert {src} {dst}")\nos.execv(sys.executable, [sys.executable] + sys.argv)\n')).toBeNull();
  expect(found('import subprocess\nFFMPEG = "ffmpeg"\ncmd = [FFMPEG, "-i", path]\nsubprocess.run(cmd)\n')).toBeNull();
  expect(found('import subprocess, shlex\nsubprocess.run(shlex.split("git pull --ff-only"))\n')).toBeNull();
  expect(found('from subprocess import run\nrun(\n    ["git",\n     "status"],\n)\n')).toBeNull();
  // Another object's `run` (a Flask app), a module that is not imported, a comment.
  expect(found("from flask import Flask\napp = Flask(__name__)\napp.run(host=host)\n")).toBeNull();
  expect(found("subprocess.run(cmd)\n")).toBeNull();
  expect(found("import subprocess\n# subprocess.run(cmd)\n")).toBeNull();
  expect(found("import subprocess\nsubprocess.run(cmd)\n", "lib.js")).toBeNull();
});
