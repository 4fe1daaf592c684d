import { expect, test } from "vitest";
import { absoluteLocalProjects, localConsoleScripts, namesLocalProject, requirementFiles } from "./pip-local.js";

test("requirements files are read from every way pip names them", () => {
  expect(requirementFiles(["install", "-r", "a.txt", "-rb.txt", "--requirement=c.txt", "--requirement", "d.txt", "x"])).toEqual([
    "a.txt",
    "b.txt",
    "c.txt",
    "d.txt",
  ]);
});

test("a local project in a requirements file, or in one it includes, is found; an unreadable file is unknown", () => {
  const files: Record<string, string> = {
    "plain.txt": "flask==3.0 # web\n--find-links wheels\n",
    "editable.txt": "requests\n-e .\n",
    "path.txt": "./libs/shared\n",
    "url.txt": "shared @ file:///src/shared\n",
    "deps/outer.txt": "-r inner.txt\n",
    "deps/inner.txt": "-e ../lib\n",
    "missing.txt": "-r gone.txt\n",
  };
  const read = (p: string) => files[p] ?? null;
  expect(namesLocalProject("plain.txt", read)).toBe(false);
  expect(namesLocalProject("editable.txt", read)).toBe(true);
  expect(namesLocalProject("path.txt", read)).toBe(true);
  expect(namesLocalProject("url.txt", read)).toBe(true);
  expect(namesLocalProject("deps/outer.txt", read)).toBe(true);
  expect(namesLocalProject("missing.txt", read)).toBe(null);
  expect(namesLocalProject("absent.txt", read)).toBe(null);
});

test("absolute local projects: editable, bare, file: URLs, and through -r", () => {
  const files: Record<string, string> = {
    "req.txt": "flask==3.0\n-e /opt/libs/mylib\n/srv/vendor/pkg/\nother @ file:///opt/wheels/other\n-r more.txt\n./relative\n",
    "more.txt": "--editable=/opt/extra # comment\n",
  };
  const read = (p: string) => files[p] ?? null;
  expect(absoluteLocalProjects("req.txt", read)).toEqual(["/opt/libs/mylib", "/srv/vendor/pkg", "/opt/wheels/other", "/opt/extra"]);
  expect(absoluteLocalProjects("missing.txt", read)).toEqual([]);
});

test("a local project's console scripts, from setup.py, setup.cfg or pyproject.toml", () => {
  const project = (files: Record<string, string>) => localConsoleScripts((f) => files[f] ?? null);
  expect(project({ "setup.py": 'setup(entry_points={"console_scripts": ["flask=flaskstub:main", "db-tool = x.y:run"]})' })).toEqual([
    "flask",
    "db-tool",
  ]);
  expect(
    project({ "setup.cfg": "[metadata]\nname = x\n[options.entry_points]\nconsole_scripts =\n    serve = app.cli:main\n[other]\n" }),
  ).toEqual(["serve"]);
  expect(
    project({
      "pyproject.toml": '[project]\nname = "x"\n[project.scripts]\nmy-app = "app:main"\n\n[tool.poetry.scripts]\nworker = "app:w"\n',
    }),
  ).toEqual(["my-app", "worker"]);
  expect(project({ "setup.py": "setup(name='x')", "pyproject.toml": '[project]\nname = "x"\n' })).toEqual([]);
});
