import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze, goToolNames } from "./analysis.js";

beforeAll(() => loadShell());

const run = (text: string, files: Record<string, string> = {}) => {
  const { dockerfile } = parseDockerfile(text);
  return analyze(dockerfile, dockerfile.stages[0], memoryContext(files));
};

describe("analyze", () => {
  test("an init wrapper's CMD is a program the image runs", () => {
    const r = run('FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n');
    expect(r.ok && r.analysis.entry.map((e) => e.name)).toEqual(["/usr/bin/tini", "node"]);
    const plain = run('FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/app/run"]\nCMD ["--port", "80"]\n');
    expect(plain.ok && plain.analysis.entry.map((e) => e.name)).toEqual(["/app/run"]);
  });
  test('an entry script that runs "$@" makes the CMD a program; a built program takes it as arguments', () => {
    const df = (entry: string) => `FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN make\nENTRYPOINT ["${entry}"]\nCMD ["node", "server.js"]\n`;
    const script = run(df("./entry.sh"), { "entry.sh": '#!/bin/sh\nset -e\nexec "$@"\n' });
    expect(script.ok && script.analysis.entry.map((e) => e.name)).toContain("node");
    const built = run(df("./wordcount"), { Makefile: "wordcount: main.c\n" });
    expect(built.ok && built.analysis.entry.map((e) => e.name)).toEqual(["./wordcount"]);
  });
  test("braces expand under bash and a `/bin/sh` that is bash, not under dash (red team 22 F6)", () => {
    const df = (from: string, shell: string) =>
      `FROM ${from}\nWORKDIR /src\n${shell}COPY . .\nRUN make && mkdir -p /opt/app/{conf,data} && touch /var/log/app{1..2}.log\nCMD ["./app"]\n`;
    const paths = (from: string, shell = "") => {
      const r = run(df(from, shell), { Makefile: "app:\n" });
      return r.ok ? r.analysis.copyPaths : r.refusal.id;
    };
    const expanded = ["/opt/app/conf", "/opt/app/data", "/src", "/var/log/app1.log", "/var/log/app2.log"];
    expect(paths("gcc:13", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n')).toEqual(expanded);
    expect(paths("amazoncorretto:17")).toEqual(expanded);
    expect(paths("gcc:13")).toEqual(["/opt/app/{conf,data}", "/src", "/var/log/app{1..2}.log"]);
    expect(paths("amazoncorretto:17-alpine")).toEqual(["/opt/app/{conf,data}", "/src", "/var/log/app{1..2}.log"]);
  });
  test("`cp --parents` writes the source's path under the folder (red team 22 F7)", () => {
    const r = run(
      'FROM gcc:13\nWORKDIR /src\nCOPY . .\nRUN cp --parents conf/app.conf /etc/ && cp --pa -r src/*/x.yml /out\nCMD ["./app"]\n',
    );
    expect(r.ok && r.analysis.copyPaths).toEqual(["/etc/conf/app.conf", "/out/src", "/src"]);
  });
  test("pip's configuration that sets where packages go refuses; one that sets an index does not (red team 22 F5)", () => {
    const id = (lines: string, files: Record<string, string> = {}) => {
      const r = run(`FROM python:3.11\nWORKDIR /app\nCOPY . .\n${lines}\nCMD ["python", "app.py"]\n`, { "app.py": "", ...files });
      return r.ok ? "ok" : r.refusal.id;
    };
    const install = "RUN pip install -r requirements.txt";
    expect(id(`RUN pip config set global.target /opt/deps && pip install flask`)).toBe("pipConfigLocation");
    expect(id(`RUN python -m pip config --user set install.user true\n${install}`)).toBe("pipConfigLocation");
    expect(id(`RUN pip config set global.index-url https://pypi.example.com/simple\n${install}`)).toBe("ok");
    expect(id(`ENV PIP_CONFIG_FILE=/app/pip.conf\n${install}`, { "pip.conf": "[global]\nprefix = /opt/py\n" })).toBe("pipConfigLocation");
    expect(id(`ENV PIP_CONFIG_FILE=/app/pip.conf\n${install}`, { "pip.conf": "[global]\ntimeout = 60\n" })).toBe("ok");
    expect(id(`RUN printf "[global]\\nindex-url = x\\ntarget = /opt/deps\\n" > /etc/pip.conf\n${install}`)).toBe("pipConfigLocation");
    expect(id(`RUN printf "[global]\\nindex-url = x\\n" > /etc/pip.conf\n${install}`)).toBe("ok");
  });
  test("pip's location and HOME as a build argument or the RUN's own variable are unknown (red team 22 F13, F14)", () => {
    const id = (lines: string) => {
      const r = run(`FROM python:3.11\nWORKDIR /app\nCOPY . .\n${lines}\nCMD ["python", "app.py"]\n`, { "app.py": "" });
      return r.ok ? r.analysis.systemPip.map((p) => p.home).join(" ") : r.refusal.id;
    };
    expect(id("RUN export PYTHONUSERBASE=/opt/u && pip install --user flask")).toBe("systemPip");
    expect(id("ARG PIP_USER=1\nRUN pip install flask")).toBe("systemPip");
    expect(id("ARG HOME=/opt/home\nRUN pip install --user flask")).toBe("pipUserHome");
    expect(id("ARG HOME=/opt/home\nRUN mkdir -p ~/.app")).toBe("dynamicPath");
    expect(id("ENV HOME=/opt/home\nRUN pip install --user flask")).toBe("/opt/home");
    expect(id("RUN pip install --user flask")).toBe("/root");
  });
  test("copy paths: the workdir, go build -o, venvs, single copied files", () => {
    const r = run(
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app . && python3 -m venv /opt/v\nCOPY run.sh /usr/local/bin/\nCMD ["/out/app"]\n',
      { "run.sh": "#!/bin/sh\n" },
    );
    expect(r.ok && r.analysis.copyPaths).toEqual(["/opt/v", "/out/app", "/src", "/usr/local/bin/run.sh"]);
    expect(r.ok && r.analysis.lastBuild).toBe(3);
  });
  test("`python setup.py install|develop` installs into the system site-packages as pip does; elsewhere it refuses", () => {
    const df = (run: string) => `FROM python:3.11\nWORKDIR /build\nCOPY . .\nRUN ${run}\nCMD ["python", "-c", "import x"]\n`;
    const files = { "setup.py": "", "x.py": "" };
    for (const line of ["python setup.py install", "python3 ./setup.py -q develop"]) {
      const r = run(df(line), files);
      expect(r.ok && r.analysis.systemPip.map((p) => p.line)).toEqual([4]);
    }
    const prefix = run(df("python setup.py install --prefix=/opt/x"), files);
    expect(!prefix.ok && prefix.refusal.id).toBe("systemSetupPy");
    const build = run(df("python setup.py build_ext --inplace"), files);
    expect(build.ok && build.analysis.systemPip).toEqual([]);
  });
  test("`pip install --user` as root writes under the stage's HOME; a HOME a build argument or the RUN sets refuses (red team 22 F13)", () => {
    const df = (head: string, run: string) => `FROM python:3.11\n${head}WORKDIR /app\nCOPY . .\nRUN ${run}\nCMD ["python", "app.py"]\n`;
    const env = run(df("ENV HOME=/opt/home\n", "pip install --user ./pkg"));
    expect(env.ok && env.analysis.systemPip.map((p) => p.home)).toEqual(["/opt/home"]);
    const root = run(df("", "pip install --user ./pkg"));
    expect(root.ok && root.analysis.systemPip.map((p) => p.home)).toEqual(["/root"]);
    for (const [head, line] of [
      ["", "HOME=/opt/home pip install --user ./pkg"],
      ["", "export HOME=/opt/home && pip install --user ./pkg"],
      ["ARG HOME=/opt/home\n", "pip install --user ./pkg"],
      ["ENV HOME=$BASE/home\n", "pip install --user ./pkg"],
    ]) {
      const r = run(df(head, line));
      expect(r.ok ? "ok" : r.refusal.id).toBe("pipUserHome");
    }
    // Files written under `~` or `$HOME` with HOME from a build argument are not root's.
    const written = run(df("ARG HOME=/opt/home\n", "mkdir -p ~/.app && echo x > ~/.app/rc"));
    expect(written.ok ? written.analysis.copyPaths : written.refusal.id).not.toContain("/root/.app");
  });
  test("a remote `go install` tool only the build runs is build-only; one the entry or a source runs refuses", () => {
    expect(goToolNames(["github.com/swaggo/swag/cmd/swag@latest", "github.com/golang-migrate/migrate/v4@v4.17.0"])).toEqual([
      "swag",
      "migrate",
    ]);
    expect(goToolNames(["github.com/x/y/...@latest"])).toBeNull();
    expect(goToolNames(["github.com/x/$TOOL@latest"])).toBeNull();
    const df = (cmd: string) =>
      `FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go install github.com/swaggo/swag/cmd/swag@latest\nRUN swag init -o api/docs\nRUN go build -o server .\nCMD ${cmd}\n`;
    const files = { "go.mod": "module example.com/api\n\ngo 1.22\n", "main.go": "package main\n" };
    const build = run(df('["./server"]'), files);
    expect(build.ok && build.analysis.runWrites.map((w) => w.path)).toContain("/app/api/docs");
    const entry = run(df('["swag", "init"]'), files);
    expect(!entry.ok && entry.refusal.id).toBe("globalInstall");
    const source = run(df('["./server"]'), {
      ...files,
      "main.go": 'package main\nimport "os/exec"\nfunc main() { exec.Command("swag", "init").Run() }\n',
    });
    expect(!source.ok && source.refusal.id).toBe("globalInstall");
    // Another tool's run writes what msb-opt cannot name.
    const other = run(df('["./server"]').replace("swag init -o api/docs", "swag gen"), files);
    expect(!other.ok && other.refusal.id).toBe("unknownCommand");
  });
  test("`go install .` on the golang image writes /go/bin/<last module path element>; what is not known refuses", () => {
    const df = (run: string, env = "") => `FROM golang:1.22\nWORKDIR /src\nCOPY . .\n${env}RUN ${run}\nCMD ["/go/bin/app"]\n`;
    const files = { "go.mod": "module example.com/x/app/v2\n\ngo 1.22\n", "main.go": "package main\n" };
    const golang = (text: string) => {
      const { dockerfile } = parseDockerfile(text);
      return analyze(dockerfile, dockerfile.stages[0], memoryContext(files), "/go");
    };
    for (const run of ["go install", "go install .", "go install -trimpath ."]) {
      const r = golang(df(run));
      expect(r.ok && r.analysis.copyPaths).toContain("/go/bin/app");
    }
    for (const [run, env] of [
      ["go install ./cmd/x", ""],
      ["go install -tags x .", ""],
      ["go install .", "ENV GOBIN=/usr/local/bin\n"],
    ]) {
      const r = golang(df(run, env));
      expect(!r.ok && r.refusal.id).toBe("goInstallUnknown");
    }
    // A tool from elsewhere that the entry runs (`/go/bin/app`).
    const tool = golang(df("go install example.com/tools/app@latest"));
    expect(!tool.ok && tool.refusal.id).toBe("globalInstall");
  });
  test("`jar --file X` writes the archive X: copied, not refused as a write outside", () => {
    const r = run(
      'FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY . .\nRUN mkdir -p /opt/out/c && javac -d /opt/out/c A.java && jar --create --file /opt/out/app.jar -C /opt/out/c .\nCMD ["java", "-jar", "/opt/out/app.jar"]\n',
      { "A.java": "" },
    );
    expect(r.ok && r.analysis.copyPaths).toEqual(["/app", "/opt/out/app.jar", "/opt/out/c"]);
  });
  test("apt installs are collected with their options", () => {
    const r = run(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc jq\nWORKDIR /w\nCOPY . .\nCMD ["./x"]\n',
    );
    expect(r.ok && r.analysis.apt.map((a) => [a.options, a.packages])).toEqual([
      [
        ["-y", "--no-install-recommends"],
        ["gcc", "jq"],
      ],
    ]);
  });
  test("output flags and folder flags say where a tool writes", () => {
    const r = run(
      'FROM node:20\nWORKDIR /w\nCOPY . .\nRUN javac -d /out/classes Main.java && npm --prefix /opt/app ci && make -C sub\nCMD ["java"]\n',
    );
    expect(r.ok && r.analysis.copyPaths).toEqual(["/opt/app", "/out/classes", "/w"]);
  });
  test("a path removed later is not copied", () => {
    const r = run('FROM node:20\nWORKDIR /app\nCOPY a.tgz /opt/a.tgz\nRUN rm /opt/a.tgz\nCOPY . .\nCMD ["node", "i.js"]\n');
    expect(r.ok && r.analysis.copyPaths).toEqual(["/app"]);
  });
  test("the entry follows one level into a copied shell script", () => {
    const r = run('FROM debian:bookworm\nCOPY t.sh /usr/local/bin/t\nENTRYPOINT ["t"]\n', { "t.sh": "#!/bin/sh\njq . | bc\n" });
    expect(r.ok && r.analysis.entry.map((e) => `${e.from}:${e.name}:${e.artifact ?? "-"}`)).toEqual([
      "ENTRYPOINT:t:/usr/local/bin/t",
      "script:jq:-",
      "script:bc:-",
    ]);
  });
  test("files the entry script sources run in its shell: followed to a bound, each once, not a system file", () => {
    const files = {
      "entry.sh": "#!/bin/sh\n. ./env.sh\n. /etc/os-release\nexec node server.js\n",
      "env.sh": "source lib/a.sh\n",
      "lib/a.sh": "jq . x\n. ./lib/b.sh\n",
      "lib/b.sh": ". ./lib/a.sh\ntar -xjf seed.tar.bz2\n",
    };
    const r = run('FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./entry.sh"]\n', files);
    expect(r.ok && r.analysis.entry.filter((e) => e.sourced || e.parent).map((e) => `${e.name}:${e.artifact ?? "-"}`)).toEqual([
      "./env.sh:/app/env.sh",
      "lib/a.sh:/app/lib/a.sh",
      "./lib/b.sh:/app/lib/b.sh",
      "bzip2:-",
    ]);
    expect(r.ok && r.analysis.entry.map((e) => e.name)).toContain("jq");
  });
  test.each([
    ['FROM node:20\nRUN setcap cap_net_bind_service=+ep /usr/local/bin/node\nCMD ["node"]\n', "unknownCommand"],
    ['FROM node:20\nCOPY . .\nCMD ["node"]\n', "noWorkdir"],
    ['FROM golang:1.22\nWORKDIR /app\nRUN go install x@latest\nCMD ["x"]\n', "globalInstall"],
    ['FROM python:3.11\nWORKDIR /app\nRUN pip install --prefix /deps flask\nCMD ["flask"]\n', "systemPip"],
    ['FROM python:3.11\nWORKDIR /app\nUSER app\nRUN pip install flask\nCMD ["flask"]\n', "systemPip"],
    ['FROM debian:12\nWORKDIR /w\nRUN make install\nCMD ["x"]\n', "makeInstall"],
    ['FROM debian:12\nWORKDIR /w\nRUN apt-get purge -y curl\nCMD ["x"]\n', "aptUpgrade"],
    ['FROM eclipse-temurin:17\nWORKDIR /w\nCOPY . .\nRUN javac -cp /opt/lib/x.jar Main.java\nCMD ["java"]\n', "outsideWrite"],
    ['FROM debian:12\nWORKDIR /w\nRUN apt-get install -y $(cat pkgs.txt)\nCMD ["x"]\n', "dynamicPath"],
    ['FROM debian:12\nWORKDIR /w\nCOPY . /usr\nCMD ["x"]\n', "systemDir"],
    ['FROM node:20\nARG APP_HOME=/srv/app\nWORKDIR /base$APP_HOME\nCOPY . .\nCMD ["node"]\n', "argPath"],
    ['FROM node:20\nARG APP_HOME\nWORKDIR $APP_HOME\nCOPY . .\nCMD ["node"]\n', "dynamicPath"],
    ['FROM node:20\nARG APP_HOME=/srv\nWORKDIR $APP_HOME/$NAME\nCOPY . .\nCMD ["node"]\n', "dynamicPath"],
  ])("refuses %j with %s", (text, id) => {
    const r = run(text);
    expect(r.ok ? "ok" : r.refusal.id).toBe(id);
  });
  test("a path led by a build argument resolves under its default and is recorded (arg-paths.ts keeps the variable)", () => {
    for (const text of [
      'FROM node:20\nARG APP_HOME=/srv/app\nENV APP_HOME=${APP_HOME}\nWORKDIR $APP_HOME\nCOPY . .\nCMD ["node"]\n',
      'ARG APP_HOME=/srv/app\nFROM node:20\nARG APP_HOME\nWORKDIR ${APP_HOME}\nCOPY . .\nCMD ["node"]\n',
    ]) {
      const r = run(text);
      expect(r.ok && { workdir: r.analysis.workdir, arg: r.analysis.argPaths[0]?.arg }).toEqual({ workdir: "/srv/app", arg: "APP_HOME" });
    }
  });
  test("a quoted WORKDIR is the path inside the quotes, as Docker reads it (bw256/dockerSpring `WORKDIR '/app'`)", () => {
    const r = run('FROM python:3.11\nWORKDIR \'/app\'\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    expect(r.ok && { workdir: r.analysis.workdir, copyPaths: r.analysis.copyPaths }).toEqual({ workdir: "/app", copyPaths: ["/app"] });
  });
});
