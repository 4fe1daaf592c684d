import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";

beforeAll(() => loadShell());

/** The shell files the entry script `entry.sh` reads or runs (by path), or the refusal's id. */
const shellFiles = (script: string, entrypoint = "./bin/entry.sh") => {
  const files = { "bin/entry.sh": `#!/bin/sh\n${script}\nexec "$@"\n`, "bin/lib/env.sh": "jq . x\n", "scripts/setup.sh": "node seed.js\n" };
  const { dockerfile } = parseDockerfile(`FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["${entrypoint}"]\n`);
  const r = analyze(dockerfile, dockerfile.stages[0], memoryContext(files));
  return r.ok ? r.analysis.entry.filter((e) => e.sourced).map((e) => e.artifact) : r.refusal.id;
};

describe("the shell files an entry script reads or runs", () => {
  test('a path beside the script: `$(dirname "$0")`, `${0%/*}`, a `cd` there', () => {
    expect(shellFiles('. "$(dirname "$0")/lib/env.sh"')).toEqual(["/app/bin/lib/env.sh"]);
    expect(shellFiles('. "${0%/*}/lib/env.sh"')).toEqual(["/app/bin/lib/env.sh"]);
    expect(shellFiles('cd "$(dirname "$0")"\n. ./lib/env.sh')).toEqual(["/app/bin/lib/env.sh"]);
    // `$0` is relative: after a `cd` it names another folder; written absolute, it does not.
    expect(shellFiles('cd /tmp\n. "$(dirname "$0")/lib/env.sh"')).toBe("entryShellFileComputed");
    expect(shellFiles('cd /tmp\n. "$(dirname "$0")/lib/env.sh"', "/app/bin/entry.sh")).toEqual(["/app/bin/lib/env.sh"]);
  });
  test("a path relative to a literal `cd`, and a file a shell runs", () => {
    expect(shellFiles("cd bin && . ./lib/env.sh && cd ..")).toEqual(["/app/bin/lib/env.sh"]);
    expect(shellFiles("cd /app/scripts\n. setup.sh")).toEqual(["/app/scripts/setup.sh"]);
    expect(shellFiles("sh ./scripts/setup.sh")).toEqual(["/app/scripts/setup.sh"]);
    expect(shellFiles("/bin/bash -e scripts/setup.sh")).toEqual(["/app/scripts/setup.sh"]);
    expect(shellFiles('sh -c "node seed.js"')).toEqual([]);
  });
  test("a computed path, or one relative to a folder a `cd` went to unseen, is refused", () => {
    expect(shellFiles('for f in ./scripts/*.sh; do . "$f"; done')).toBe("entryShellFileComputed");
    expect(shellFiles('bash "$SETUP"')).toBe("entryShellFileComputed");
    expect(shellFiles('cd "$HOME" && . ./scripts/setup.sh')).toBe("entryShellFileAfterCd");
    expect(shellFiles("cd\n. scripts/setup.sh")).toBe("entryShellFileAfterCd");
    expect(shellFiles("cd /srv\n. /app/scripts/setup.sh")).toEqual(["/app/scripts/setup.sh"]);
  });
  test("in a shell-form CMD too: a wrapped shell's file is followed, a computed one refused", () => {
    const cmd = (line: string) => {
      const { dockerfile } = parseDockerfile(`FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nCMD ${line}\n`);
      const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "start.sh": "jq . x\n" }));
      return r.ok ? r.analysis.entry.filter((e) => e.sourced).map((e) => e.artifact) : r.refusal;
    };
    expect(cmd("exec sh start.sh")).toEqual(["/app/start.sh"]);
    expect(cmd('. "$ENV_FILE" && exec jq . x')).toMatchObject({
      id: "entryShellFileComputed",
      data: { script: '. "$ENV_FILE" && exec jq . x' },
    });
  });
  test("a command the shell computes is refused, naming it; a literal `sh -c` script is followed", () => {
    const cmd = (line: string) => {
      const { dockerfile } = parseDockerfile(`FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nCMD ${line}\n`);
      const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "start.sh": "jq . x\n" }));
      return r.ok ? r.analysis.entry.map((e) => e.name) : r.refusal;
    };
    expect(cmd('["sh", "-c", "$CMD"]')).toMatchObject({ id: "entryCommandComputed", data: { command: "$CMD", word: "$CMD" } });
    expect(cmd('sh -c "jq $FILTER x"')).toMatchObject({ id: "entryCommandComputed", data: { word: '"jq $FILTER x"' } });
    expect(cmd("sh -c 'git pull && exec jq . x'")).toEqual(["sh", "sh", "git", "exec", "jq", "sh"]);
    // A shell line given to a wrapper (`su app -c "…"`) is the shell's, with every command in it.
    expect(cmd(`["su", "app", "-c", "cd data && timeout 9 unzip a.zip"]`)).toEqual(["su", "sh", "sh", "cd", "timeout", "unzip"]);
  });
});

describe("the programs an entry script runs", () => {
  const programs = (script: string) => {
    const files = { "entry.sh": `#!/bin/sh\n${script}\n`, "main.go": "package main\n" };
    const { dockerfile } = parseDockerfile(
      'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\nENTRYPOINT ["/app/entry.sh"]\n',
    );
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext(files), "/go");
    return r.ok ? r.analysis.entry.filter((e) => e.from === "script").map((e) => [e.name, e.artifact]) : r.refusal.id;
  };
  test("a wrapper's command (`exec /app/server`) is one of them, with the build's file it runs", () => {
    expect(programs('exec /app/server "$@"')).toEqual([
      ["exec", null],
      ["/app/server", "/app/server"],
    ]);
    expect(programs("exec nohup env A=1 /app/server")).toContainEqual(["/app/server", "/app/server"]);
    expect(programs('exec "$@"')).toEqual([["exec", null]]);
  });
  test("a command run through timeout, xargs, find -exec, flock, nice, su -c or `sh -c` is one of them", () => {
    const names = (script: string) => {
      const found = programs(script);
      return Array.isArray(found) ? found.map(([name]) => name) : found;
    };
    expect(names("timeout 60 unzip -o data/a.zip -d data")).toEqual(["timeout", "unzip"]);
    expect(names("ls data/*.zip | xargs -n1 unzip -o")).toEqual(["ls", "xargs", "unzip"]);
    expect(names("find data -name '*.zip' -exec unzip -o {} \\;")).toEqual(["find", "unzip"]);
    expect(names("nice -n 5 flock /tmp/l wget -q x")).toEqual(["nice", "flock", "wget"]);
    expect(names('su app -c "cd data && unzip a.zip"')).toEqual(["su", "sh", "cd", "unzip"]);
    expect(names("sh -c 'set -e; git pull'")).toEqual(["sh", "set", "git"]);
  });
  test("installing or rebuilding packages at start runs node-gyp's python3, make and g++", () => {
    const builds = (script: string) => {
      const { dockerfile } = parseDockerfile(
        'FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./entry.sh"]\nCMD ["node", "server.js"]\n',
      );
      const r = analyze(
        dockerfile,
        dockerfile.stages[0],
        memoryContext({ "entry.sh": `#!/bin/sh\n${script}\nexec "$@"\n`, "package.json": "{}" }),
      );
      return r.ok ? r.analysis.entry.filter((e) => e.builds).map((e) => [e.name, e.parent]) : r.refusal.id;
    };
    expect(builds("npm rebuild --build-from-source")).toEqual([
      ["python3", "npm rebuild --build-from-source"],
      ["make", "npm rebuild --build-from-source"],
      ["g++", "npm rebuild --build-from-source"],
    ]);
    expect(builds("npx node-gyp rebuild")).toHaveLength(3);
    expect(builds("npm ci --ignore-scripts")).toEqual([]);
    expect(builds("npm run migrate")).toEqual([]);
  });
});

describe("what an entry script defines or consumes is no program", () => {
  const programs = (files: Record<string, string>, tail: string) => {
    const { dockerfile } = parseDockerfile(`FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\n${tail}`);
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "main.go": "package main\n", ...files }), "/go");
    return r.ok ? r.analysis.entry.map((e) => e.name) : r.refusal.id;
  };
  test("a function defined in the script or a file it sources; not one of a file a shell runs", () => {
    const lib = { "lib.sh": "start() {\n  exec /app/server\n}\n" };
    expect(programs({ "e.sh": "#!/bin/sh\nstart() { exec /app/server; }\nstart\n" }, 'ENTRYPOINT ["/app/e.sh"]\n')).not.toContain("start");
    expect(programs({ ...lib, "e.sh": "#!/bin/sh\n. /app/lib.sh\nstart\n" }, 'ENTRYPOINT ["/app/e.sh"]\n')).not.toContain("start");
    expect(programs({ ...lib, "e.sh": "#!/bin/sh\nsh /app/lib.sh\nstart\n" }, 'ENTRYPOINT ["/app/e.sh"]\n')).toContain("start");
  });
  test('a CMD word the script takes as its subcommand (`case "$1"`, `[ "$1" = … ]`)', () => {
    const cased = '#!/bin/sh\ncase "$1" in\n  serve)\n    shift\n    exec /app/server "$@"\n    ;;\n  *)\n    exec "$@"\n    ;;\nesac\n';
    const entry = 'ENTRYPOINT ["/app/e.sh"]\nCMD ["serve"]\n';
    expect(programs({ "e.sh": cased }, entry)).not.toContain("serve");
    expect(programs({ "e.sh": cased }, 'ENTRYPOINT ["/app/e.sh"]\nCMD ["worker"]\n')).toContain("worker");
    expect(programs({ "e.sh": '#!/bin/sh\nif [ "$1" = "serve" ]; then exec /app/server; fi\nexec "$@"\n' }, entry)).not.toContain("serve");
    // The branch runs the words itself: `serve` is a program after all.
    expect(programs({ "e.sh": '#!/bin/sh\ncase "$1" in\n  serve) exec "$@" ;;\nesac\n' }, entry)).toContain("serve");
  });
  test('the docker-entrypoint idiom (`if [ "${1#-}" != "$1" ]; then set -- prog "$@"; fi`) changes only an option', () => {
    const idiom = (test: string) =>
      `#!/bin/sh\nset -e\nif ${test}; then\n  set -- /app/cli "$@"\nfi\nif [ "$1" = "serve" ]; then exec /app/server; fi\nexec "$@"\n`;
    for (const test of ['[ "${1#-}" != "$1" ]', '[ "${1#-}" != "${1}" ]', "[ \"${1:0:1}\" = '-' ]", '[[ "${1:0:1}" == "-" ]]']) {
      // A word that is no option goes on to the subcommand branch, which consumes it.
      expect(programs({ "e.sh": idiom(test) }, 'ENTRYPOINT ["/app/e.sh"]\nCMD ["serve"]\n')).not.toContain("serve");
      // An option runs the program the idiom puts first.
      expect(programs({ "e.sh": idiom(test) }, 'ENTRYPOINT ["/app/e.sh"]\nCMD ["--port", "80"]\n')).toContain("/app/cli");
    }
    // Another test of `$1` before the subcommand keeps the word a program.
    const other = '#!/bin/sh\nif [ -n "$1" ]; then set -- x "$@"; fi\nif [ "$1" = "serve" ]; then exec /app/server; fi\nexec "$@"\n';
    expect(programs({ "e.sh": other }, 'ENTRYPOINT ["/app/e.sh"]\nCMD ["serve"]\n')).toContain("serve");
  });
});

describe("a CMD word the entry script consumes only when its branch ends the script", () => {
  const programs = (script: string, cmd = '["git", "--version"]') => {
    const tail = `ENTRYPOINT ["/app/e.sh"]\nCMD ${cmd}\n`;
    const { dockerfile } = parseDockerfile(`FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\n${tail}`);
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "main.go": "package main\n", "e.sh": script }), "/go");
    if (!r.ok) throw new Error(r.refusal.id);
    return r.analysis.entry.map((e) => e.name);
  };
  test('a branch that goes on to `exec "$@"` leaves the word a program', () => {
    const tail = 'esac\nexec "$@"\n';
    expect(programs(`#!/bin/sh\ncase "$1" in\n  git) echo "git" ;;\n  serve) exec /app/server ;;\n${tail}`)).toContain("git");
    expect(programs(`#!/bin/sh\ncase "$1" in\n  serve|git) echo go ;;\n${tail}`)).toContain("git");
    expect(programs(`#!/bin/sh\ncase "$1" in\n  git) shift; set -- git "$@" ;;\n${tail}`)).toContain("git");
    expect(programs(`#!/bin/sh\ncase "$1" in\n  g*) echo go ;;\n  git) exec /app/server ;;\n${tail}`)).toContain("git");
    expect(programs('#!/bin/sh\nif [ "$1" = git ]; then echo go; fi\nexec "$@"\n')).toContain("git");
    expect(programs('#!/bin/sh\ncase "$1" in\n  git) exec git "$@" ;;\nesac\n')).toContain("git");
  });
  test("a script that never runs its words as a command takes no program from the CMD", () => {
    // The words are node's arguments (a script file), not a command.
    expect(programs('#!/bin/sh\nset -e\nexec node "$@"\n', '["server.js"]')).not.toContain("server.js");
    expect(programs('#!/bin/sh\nexec java -jar /app/app.jar "$@"\n', '["--port", "80"]')).not.toContain("--port");
    // Run as a command after all: through `sh -c`, a wrapper, or a computed name.
    expect(programs('#!/bin/sh\nexec sh -c "$*"\n')).toContain("git");
    expect(programs('#!/bin/sh\nexec gosu app "$@"\n')).toContain("git");
    // Handed on to another script or tool, which may run them (red team 14: `exec docker-entrypoint.sh "$@"`).
    expect(programs('#!/bin/sh\nexec docker-entrypoint.sh "$@"\n')).toContain("git");
    expect(programs('#!/bin/sh\nexec npx dotenv -e .env -- "$@"\n')).toContain("git");
    expect(programs('#!/bin/sh\nset -- git "$@"\ncase "$1" in\n  git) exec /app/server ;;\nesac\n')).toContain("git");
    expect(programs('#!/bin/sh\nCMD="$@"\nexec $CMD\n')).toContain("git");
  });
  test("a branch that ends the script with `exec` of another program or `exit` consumes it", () => {
    expect(programs('#!/bin/sh\nset -e\ncase "$1" in\n  serve|git) exec /app/server ;;\nesac\nexec "$@"\n')).not.toContain("git");
    expect(programs('#!/bin/sh\ncase "$1" in\n  git) echo no git here; exit 1 ;;\nesac\nexec "$@"\n')).not.toContain("git");
    expect(programs('#!/bin/sh\n[ "$1" = git ] && exit 0\nexec "$@"\n')).not.toContain("git");
    expect(programs('#!/bin/sh\nif [ "$1" = "git" ]; then\n  shift\n  exec /app/server "$@"\nfi\nexec "$@"\n')).not.toContain("git");
  });
});

describe("an npm script started with options before or after its name (red team 21 F9)", () => {
  const programs = (cmd: string) => {
    const files = { "package.json": JSON.stringify({ scripts: { start: "unzip -o a.zip && node server.js" } }), "srv/package.json": "{}" };
    const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ${cmd}\n`);
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext(files));
    return r.ok ? r.analysis.entry.map((e) => e.name).filter((n) => n === "unzip") : r.refusal.id;
  };
  test.each([
    '["npm", "run", "-s", "start"]',
    '["npm", "--silent", "start"]',
    '["npm", "-s", "run", "start"]',
    '["npm", "run-script", "--silent", "start"]',
    '["npm", "--prefix", "/app", "start"]',
    '["npm", "--prefix=/app", "start"]',
    '["npm", "--loglevel", "warn", "start"]',
    '["yarn", "-s", "start"]',
    '["yarn", "run", "-s", "start"]',
    '["pnpm", "-C", ".", "start"]',
    '["node", "--run", "start"]',
    "npm run -s start",
  ])("%s runs the script's programs", (cmd) => {
    expect(programs(cmd)).toEqual(["unzip"]);
  });
  test("a folder option reads that folder's package.json; the script's own arguments are no script", () => {
    expect(programs('["npm", "--prefix", "/app/srv", "start"]')).toEqual([]);
    expect(programs('["npm", "run", "build", "--", "start"]')).toEqual([]);
  });
});

describe("what an npm script runs: its pre and post hooks, a shell line in it, another script it runs (red team 21 F12)", () => {
  const programs = (scripts: Record<string, string>, cmd = '["npm", "start"]') => {
    const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ${cmd}\n`);
    const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "package.json": JSON.stringify({ scripts }) }));
    return r.ok ? r.analysis.entry.map((e) => e.name).filter((n) => n === "unzip") : r.refusal.id;
  };
  test.each([
    [{ prestart: "unzip -o a.zip", start: "node server.js" }],
    [{ start: "node server.js", poststart: "unzip -o a.zip" }],
    [{ start: "npm run unpack && node server.js", unpack: "unzip -o a.zip" }],
    [{ start: "npm run --silent unpack && node server.js", unpack: "unzip -o a.zip" }],
    [{ start: 'sh -c "unzip -o a.zip" && node server.js' }],
    [{ start: "exec unzip -o a.zip" }],
  ])("%j", (scripts) => {
    expect(programs(scripts)).toContain("unzip");
  });
  test("`node --run` runs the script alone, without its hooks", () => {
    expect(programs({ prestart: "unzip -o a.zip", start: "node server.js" }, '["node", "--run", "start"]')).toEqual([]);
  });
});
