import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { searchedSources } from "../mentions.js";
import { nodeEntryReach } from "./entry-reach.js";
import { nodeEntryFiles } from "./node-entry.js";
import { nodeProject } from "./node-project.js";

beforeAll(() => loadShell());

const PKG = (scripts: Record<string, string>) => JSON.stringify({ name: "app", scripts, dependencies: { ms: "2.1.3" } });
const DOCKERFILE = (cmd: string) => `FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ${cmd}\n`;

function reach(cmd: string, files: Record<string, string>) {
  const context = memoryContext(files);
  const { dockerfile } = parseDockerfile(DOCKERFILE(cmd));
  const result = analyze(dockerfile, dockerfile.stages[0], context);
  if (!result.ok) throw new Error("analysis failed");
  const project = nodeProject(result.analysis, context);
  if (!project) throw new Error("no project");
  const r = nodeEntryReach(result.analysis, project, context, searchedSources(context));
  return r.ok ? { files: [...r.files].sort() } : { lost: r.lost, files: [...r.files].sort() };
}

describe("nodeEntryReach", () => {
  const base = {
    "scripts/stamp.js": 'require("child_process").execSync("git rev-parse HEAD");\n',
    "lib/db.js": "module.exports = {};\n",
    "server.js": 'require("./lib/db");\nrequire("ms");\n',
  };

  test("the npm script the entry names and the module graph from its file; a build script stays out", () => {
    const r = reach('["npm", "start"]', { ...base, "package.json": PKG({ build: "node scripts/stamp.js", start: "node server.js" }) });
    expect(r).toEqual({ files: ["lib/db.js", "server.js"] });
  });

  test("a script's pre hook that runs the build script reaches it", () => {
    const pkg = PKG({ build: "node scripts/stamp.js", prestart: "npm run build", start: "node server.js" });
    expect(reach('["npm", "start"]', { ...base, "package.json": pkg }).files).toContain("scripts/stamp.js");
  });

  test("a file a reached file names (a script it runs) and the files of a folder it names are reached", () => {
    const files = {
      ...base,
      "package.json": PKG({}),
      "server.js": 'require("child_process").spawn("bin/report");\nconst jobs = load(__dirname + "/jobs/*.js");\n',
      "bin/report": "#!/bin/sh\nnode tools/report.js\n",
      "tools/report.js": "module.exports = 1;\n",
      "jobs/a.js": "module.exports = 1;\n",
    };
    expect(reach('["node", "server.js"]', files).files).toEqual(["bin/report", "jobs/a.js", "server.js", "tools/report.js"]);
    // A program found on PATH, named alone in quotes.
    const onPath = { ...files, "server.js": 'require("child_process").execFileSync("report");\n' };
    expect(reach('["node", "server.js"]', onPath).files).toEqual(["bin/report", "server.js", "tools/report.js"]);
  });

  test("a computed require, a program of another language or a dependency's program loses the thread", () => {
    const computed = reach('["node", "server.js"]', { ...base, "package.json": PKG({}), "server.js": "require(process.env.X);\n" });
    expect(computed.lost).toBe("`server.js` loads a computed module name");
    const python = reach('["node", "server.js"]', {
      ...base,
      "package.json": PKG({}),
      "server.js": 'spawn("tools/render.py");\n',
      "tools/render.py": "import os\n",
    });
    expect(python.lost).toBe("`server.js` names `tools/render.py`, a program whose own loads are not followed");
    expect(python.files).toContain("tools/render.py");
    const next = reach('["npm", "start"]', {
      ...base,
      "package.json": JSON.stringify({ scripts: { start: "next start" }, dependencies: { next: "14.0.0" } }),
    });
    expect(next.lost).toBe("`next start` runs `next`, a program of the dependencies that may run the app's files");
    const built = reach('["node", "dist/server.js"]', { ...base, "package.json": PKG({}) });
    expect(built.lost).toBe("the sources of the entry file `dist/server.js` are not in the build context");
  });
  test("NODE_OPTIONS set on the command line: flags alone preload nothing; a --require is followed (snyk-labs/nodejs-goof)", () => {
    const start = (s: string) =>
      reach('["npm", "start"]', { ...base, "boot.js": 'require("./lib/db");\n', "package.json": PKG({ start: s }) });
    expect(start("NODE_OPTIONS=--openssl-legacy-provider node server.js")).toEqual({ files: ["lib/db.js", "server.js"] });
    expect(start('NODE_OPTIONS="--max-old-space-size=4096 --enable-source-maps" node server.js').lost).toBeUndefined();
    expect(start("NODE_OPTIONS='--require ./boot.js' node server.js")).toEqual({ files: ["boot.js", "lib/db.js", "server.js"] });
    expect(start("NODE_OPTIONS=--require=dotenv/config node server.js").lost).toBe(
      "`NODE_OPTIONS=--require=dotenv/config` preloads the package `dotenv/config`",
    );
    expect(start('NODE_OPTIONS="$OPTS" node server.js').lost).toBe("`NODE_OPTIONS=$OPTS` preloads modules the pass cannot tell");
    expect(start("env | grep NODE_OPTIONS; node server.js").lost).toContain("sets NODE_OPTIONS, whose preloads are not followed");
  });
});

describe("nodeEntryFiles", () => {
  test("a file after a literal `cd` is that folder's; after one the pass cannot follow, `$PWD`'s", () => {
    expect(nodeEntryFiles("node server.js", "/app")).toEqual(["server.js"]);
    expect(nodeEntryFiles("cd server && exec node index.js", "/app")).toEqual(["/app/server/index.js"]);
    expect(nodeEntryFiles("cd /srv/app\nnode -r dotenv/config server.js >> /tmp/log 2>&1", "/app")).toEqual(["/srv/app/server.js"]);
    expect(nodeEntryFiles('cd "$APP_DIR" && node index.js', "/app")).toEqual(["$PWD/index.js"]);
    expect(nodeEntryFiles("(cd web && make); node index.js", "/app")).toEqual(["$PWD/index.js"]);
    expect(nodeEntryFiles("if [ -d x ]; then cd x; fi; node /abs/index.js", "/app")).toEqual(["/abs/index.js"]);
  });
});
