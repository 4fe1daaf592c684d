// The Python import scan on hand-made image file systems: the entry forms, top-level imports only, the app's own
// modules followed, third-party ones looked up on the image's module path.
import { describe, expect, test } from "vitest";
import { findings, newFindings } from "./closure.js";
import { EMPTY_CONFIG } from "./contract.js";
import type { ImageConfig } from "./docker.js";
import { type FsEntry, ImageFs } from "./image-fs.js";
import { missingPythonModules, pythonEntry, topLevelImports } from "./python-imports.js";

const file = (text = ""): FsEntry => ({
  type: "file",
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: text.length,
  link: null,
  data: Buffer.from(text),
});
const dir = (): FsEntry => ({ type: "dir", mode: 0o755, uid: 0, gid: 0, size: 0, link: null, data: null });
function image(entries: Record<string, FsEntry>): ImageFs {
  const fs = new ImageFs();
  for (const [p, e] of Object.entries(entries)) fs.entries.set(p, e);
  return fs;
}

const SERVER = [
  '"""A server.',
  "import nowhere_in_a_docstring",
  '"""',
  "import os, json as j",
  "from flask import Flask",
  "from app.views import routes",
  "from . import sibling",
  "try:",
  "    import ujson",
  "except ImportError:",
  "    ujson = None",
  "def later():",
  "    import lazy_thing",
  "",
].join("\n");

const WHOLE = {
  "/usr/local/lib/python3.11": dir(),
  "/usr/local/lib/python3.11/os.py": file(),
  "/usr/local/lib/python3.11/json": dir(),
  "/usr/local/lib/python3.11/json/__init__.py": file(),
  "/usr/local/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so": file(),
  "/usr/local/lib/python3.11/site-packages/flask/__init__.py": file(),
  "/usr/local/lib/python3.11/site-packages/yaml/__init__.py": file(),
  "/usr/local/lib/python3.11/site-packages/gunicorn/__init__.py": file(),
  "/srv": dir(),
  "/srv/server.py": file(SERVER),
  "/srv/app": dir(),
  "/srv/app/__init__.py": file(),
  "/srv/app/views.py": file("import yaml\nimport _ssl\n"),
};
const env = new Map([["PATH", "/usr/local/bin:/usr/bin:/bin"]]);

describe("python entry", () => {
  test("python app.py, python -m pkg, gunicorn module:app, sh -c", () => {
    expect(pythonEntry(["python3", "-u", "server.py"], "/srv")).toEqual({ file: "/srv/server.py", modules: [], home: "/srv" });
    expect(pythonEntry(["python", "-m", "app"], "/srv")).toEqual({ file: null, modules: ["app"], home: "/srv" });
    expect(pythonEntry(["gunicorn", "-b", "0.0.0.0:8000", "--chdir", "src", "app.wsgi:application"], "/srv")).toEqual({
      file: null,
      modules: ["app.wsgi"],
      home: "/srv/src",
    });
    expect(pythonEntry(["python", "-m", "uvicorn", "main:app"], "/w")?.modules).toEqual(["uvicorn", "main"]);
    expect(pythonEntry(["/bin/sh", "-c", "exec python /srv/server.py"], "/")?.file).toBe("/srv/server.py");
    expect(pythonEntry(["node", "server.js"], "/srv")).toBeNull();
    expect(pythonEntry(["python", "-c", "print(1)"], "/srv")).toBeNull();
  });

  test("only top-level imports count: not in docstrings, try/except ImportError or functions", () => {
    expect(topLevelImports(SERVER).map((i) => i.module)).toEqual(["os", "json", "flask", "app.views"]);
  });
});

describe("python modules on the image's module path", () => {
  test("a complete image resolves every import, the app's own modules followed", () => {
    const entry = pythonEntry(["python", "server.py"], "/srv")!;
    expect(missingPythonModules(image(WHOLE), entry, env)).toEqual([]);
  });

  test("a third-party module a local module imports, missing from site-packages, is named", () => {
    const fs = image(WHOLE);
    fs.entries.delete("/usr/local/lib/python3.11/site-packages/yaml/__init__.py");
    const entry = pythonEntry(["python", "server.py"], "/srv")!;
    expect(missingPythonModules(fs, entry, env)).toEqual([{ module: "yaml", file: "/srv/app/views.py" }]);
  });

  test("dist-packages and a virtual environment on PATH count; the finding is new only against the original", () => {
    const venv = {
      ...WHOLE,
      "/opt/venv/pyvenv.cfg": file("home = /usr/local/bin\n"),
      "/opt/venv/lib/python3.11/site-packages/flask/__init__.py": file(),
    };
    const moved = image(venv);
    moved.entries.delete("/usr/local/lib/python3.11/site-packages/flask/__init__.py");
    const entry = pythonEntry(["python", "server.py"], "/srv")!;
    expect(missingPythonModules(moved, entry, new Map([["PATH", "/opt/venv/bin:/usr/bin"]]))).toEqual([]);
    const config: ImageConfig = { ...EMPTY_CONFIG, Cmd: ["gunicorn", "server:app"], WorkingDir: "/srv", Env: ["PATH=/usr/bin:/bin"] };
    const view = (fs: ImageFs) => ({ fs, config, roots: ["/srv"] });
    const found = newFindings(findings(view(image(WHOLE))), findings(view(moved)));
    expect(found.map((f) => f.data)).toEqual([{ module: "flask", file: "/srv/server.py" }]);
  });
});
