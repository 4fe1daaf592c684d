import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { copiedFromContext, mentionedCommands, pythonPrograms, searchedSources } from "./mentions.js";
import { loadShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());

describe("mentionedCommands", () => {
  test("finds commands written in quotes in any source file", () => {
    const context = memoryContext({
      "main.go": 'exec.Command("git", "clone", url)',
      "tools/build.c": 'system("/usr/bin/make -C x");',
      "README.md": "run make to build with gcc",
      "package.json": '{"repository": {"type": "git"}, "scripts": {"x": "gcc a.c"}}',
    });
    expect(mentionedCommands(context, ["git", "make", "gcc", "g++"])).toEqual(
      new Map([
        ["git", "main.go"],
        ["make", "tools/build.c"],
      ]),
    );
  });
  test("in C and C++, a string is a program only as what system, popen, exec* or posix_spawn runs", () => {
    const context = memoryContext({
      "main.c":
        'printf("curl %s\\n", url);\nsystem("git pull");\nexeclp("make", "make", NULL);\nposix_spawnp(&pid, "unzip", 0, 0, argv, envp);',
      "log.cpp": 'std::cout << "wget " << url;',
    });
    expect(mentionedCommands(context, ["curl", "git", "make", "unzip", "wget"])).toEqual(
      new Map([
        ["git", "main.c"],
        ["make", "main.c"],
        ["unzip", "main.c"],
      ]),
    );
    // A call that runs a program from a variable: any string of the file may be it.
    const computed = memoryContext({ "main.c": 'const char *cmd = "curl -s x";\nsystem(cmd);' });
    expect(mentionedCommands(computed, ["curl"])).toEqual(new Map([["curl", "main.c"]]));
  });

  test("Python: the sh package's attributes, constants given as the program, shutil.which and an environment default", () => {
    expect(pythonPrograms('import sh\nprint(sh.git("--version"))\nsh.google_chrome.bake("--headless")\nsh.Command("x")\n')).toEqual([
      "git",
      "google-chrome",
    ]);
    expect(pythonPrograms("from sh import (convert, identify as ident)\n")).toEqual(["convert", "identify"]);
    expect(pythonPrograms('MIME_TOOL = "file"\nsubprocess.run([MIME_TOOL, "--brief", p])\n')).toEqual(["file"]);
    expect(pythonPrograms('CONVERT = os.environ.get("CONVERT", "/usr/bin/convert")\nsubprocess.check_call([CONVERT, a, b])\n')).toEqual([
      "convert",
    ]);
    // A constant that is no call's program.
    expect(pythonPrograms('KIND = "file"\nprint(KIND)\nrun(KIND.upper())\n')).toEqual([]);
    const files = {
      "a.py": 'import shutil\nif shutil.which("make"): pass\n',
      "b.py": 'subprocess.run([os.environ.get("TOOL", "convert"), "a.png", "b.jpg"])\n',
    };
    expect(mentionedCommands(memoryContext(files), [], ["make", "convert"])).toEqual(
      new Map([
        ["make", "a.py"],
        ["convert", "b.py"],
      ]),
    );
  });
  test("skips node_modules", () => {
    expect(mentionedCommands(memoryContext({ "node_modules/x/index.js": "spawn('git')" }), ["git"])).toEqual(new Map());
  });
  test("an everyday word counts only as the program of a call; a script's #! line names its interpreter", () => {
    const files = {
      "build.py": 'subprocess.run(["make", "-C", "native"])\n',
      "notes.js": 'const kind = "file";\nconst cmd = "make";\n',
      "tools/render": "#!/usr/bin/env python3\nprint(1)\n",
      "go/main.go": 'out, _ := exec.Command("sh", "-c", "echo hi").Output()\n',
      "src/main.rs": 'let out = std::process::Command::new("file").arg(path).output()?;\n',
      "scripts/setup.sh": "set -e\ncurl -fsS http://localhost/ready\n",
      "start.sh": "#!/bin/sh\n./scripts/setup.sh\nexec node server.js\n",
      "server.js": 'execFileSync("./tools/render", [a]);\n',
      // Nothing runs these: the developer's tools.
      "deploy.sh": "#!/bin/bash\nssh host wget http://x\n",
      mvnw: "#!/bin/sh\nshasum -a 256 x\n",
    };
    const found = mentionedCommands(memoryContext(files), ["python3", "curl", "ssh", "shasum"], ["make", "file", "sh"], ["./start.sh"]);
    expect(found).toEqual(
      new Map([
        ["make", "build.py"],
        ["file", "src/main.rs"],
        ["sh", "go/main.go"],
        ["curl", "scripts/setup.sh"],
        ["python3", "tools/render"],
      ]),
    );
  });
  test("a shell line given to a call runs every command in it, through wrappers", () => {
    const files = {
      "server.js": "execSync(`cd ${dir} && unzip -o geo.zip`, { stdio: 'inherit' });\nexec('set -e; timeout 9 git pull');\n",
      "app.py": 'os.system("cd data && /usr/bin/env wget -q x")\nsubprocess.run(f"mkdir -p {d}; make -C {d}", shell=True)\n',
      "main.go": 'exec.Command("sh", "-c", "cd /srv && curl -fsS x | xz -d").Run()\n',
      "notes.js": 'const help = "cd data && svn up";\n',
    };
    expect(mentionedCommands(memoryContext(files), ["unzip", "git", "wget", "curl", "xz", "svn"], ["make"])).toEqual(
      new Map([
        ["unzip", "server.js"],
        ["git", "server.js"],
        ["wget", "app.py"],
        ["make", "app.py"],
        ["curl", "main.go"],
        ["xz", "main.go"],
      ]),
    );
  });
  test("a script that unpacks an archive with tar runs tar's compressor", () => {
    const files = { "scripts/unpack.sh": "#!/bin/sh\ntar -C /tmp -xf data/seed.tar.bz2\n", "server.js": 'execSync("./scripts/unpack.sh")' };
    expect(mentionedCommands(memoryContext(files), ["bzip2", "xz"])).toEqual(new Map([["bzip2", "scripts/unpack.sh"]]));
  });
  test("skips a virtualenv committed with the sources, not a folder that only looks like one", () => {
    const archive = "spawn(['bzip2', path])";
    const venv = { "venv/pyvenv.cfg": "home = /usr/bin", "venv/lib/python3.9/site-packages/archive_util.py": archive };
    expect(mentionedCommands(memoryContext(venv), ["bzip2"])).toEqual(new Map());
    const lib = { "lib/archive_util.py": archive };
    expect(mentionedCommands(memoryContext(lib), ["bzip2"])).toEqual(new Map([["bzip2", "lib/archive_util.py"]]));
  });
});

test("a Node app's committed dist, build and vendor folders are searched when asked, after the sources", () => {
  const context = memoryContext({
    "server.js": 'require("./dist/version")',
    "dist/version.js": 'execSync("git log -1")',
    "dist/style.css": "git",
    "lib/vendor/x.cjs": 'spawn("hg")',
    "node_modules/a/dist/b.js": 'spawn("svn")',
  });
  expect(searchedSources(context).map((f) => f.path)).toEqual(["server.js"]);
  expect(searchedSources(context, true).map((f) => f.path)).toEqual(["server.js", "dist/version.js", "lib/vendor/x.cjs"]);
  const sources = searchedSources(context, true);
  expect([...mentionedCommands(context, ["git", "hg", "svn"], [], [], undefined, sources)]).toEqual([
    ["git", "dist/version.js"],
    ["hg", "lib/vendor/x.cjs"],
  ]);
  expect([...mentionedCommands(context, ["git"], [], [], new Set(["server.js", "dist/version.js"]), sources)]).toEqual([
    ["git", "dist/version.js"],
  ]);
});

test("copiedFromContext: the context files the stage's COPY/ADD lines can bring; null when that cannot be told", () => {
  const body = (text: string) => parseDockerfile(`FROM gcc:13\n${text}`).dockerfile.stages[0].body;
  const src = copiedFromContext(body("COPY ./src/ .\nCOPY Makefile /app/\nRUN make"));
  expect(src?.("src/main.cpp")).toBe(true);
  expect(src?.("Makefile")).toBe(true);
  expect(src?.("lib/googletest/include/gtest/internal/gtest-internal.h")).toBe(false);
  expect(src?.("srcx/a.c")).toBe(false);
  expect(copiedFromContext(body("COPY . ."))).toBeNull();
  expect(copiedFromContext(body("COPY *.c ./"))).toBeNull();
  expect(copiedFromContext(body("COPY --from=build /out /out"))).toBeNull();
  expect(copiedFromContext(body("COPY src src\nRUN --mount=type=bind,target=/ctx cp -r /ctx/lib /lib2"))).toBeNull();
});

test("a Makefile's or shell script's line that only prints names no command; one that pipes or substitutes does", () => {
  const named = (files: Record<string, string>) => [...mentionedCommands(memoryContext(files), ["make", "git"]).keys()];
  expect(
    named({ Makefile: "deploy:\n\t@echo \"Once complete, run 'make status' to verify.\"\n\tprintf 'then \"git pull\"\\n'\n" }),
  ).toEqual([]);
  expect(named({ "deploy.sh": "#!/bin/sh\necho \"run 'make status'\"\n" })).toEqual([]);
  expect(named({ "deploy.sh": "#!/bin/sh\necho \"'make status'\" | sh\n" })).toEqual(["make"]);
  expect(named({ Makefile: "x:\n\t@echo \"$$(git rev-parse HEAD)\"\n\tsh -c 'make status'\n" })).toEqual(["make"]);
  // A shell given its line after an option cluster (`bash -lc`) runs the line's commands (red team 21 F4).
  expect(named({ "deploy.js": "require('child_process').execSync(\"/bin/bash -lc 'make status'\");\n" })).toEqual(["make"]);
});
