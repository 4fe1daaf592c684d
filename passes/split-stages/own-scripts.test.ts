import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { scriptWritingOutside } from "./own-scripts.js";

beforeAll(() => loadShell());

/** The outside write of the `npm ci` of a project whose postinstall is `postinstall`, with the context `files`. */
const outside = (postinstall: string, files: Record<string, string>) => {
  const pkg = JSON.stringify({ scripts: { postinstall } });
  const context = memoryContext({ "package.json": pkg, ...files });
  const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n`);
  const result = analyze(dockerfile, dockerfile.stages[0], context);
  if (!result.ok) throw new Error(result.refusal.id);
  const index = dockerfile.stages[0].body.findIndex((i) => i.keyword === "RUN");
  return scriptWritingOutside(result.analysis, index, { context, scripts: JSON.parse(pkg).scripts });
};

const WRITES_SRV = "#!/bin/sh\nmkdir -p /srv/data\necho '{}' > /srv/data/conf.json\n";

test("a shell script an install script's program runs is read like a RUN", () => {
  const exec = { "scripts/post.js": 'require("child_process").execSync("sh scripts/setup.sh");', "scripts/setup.sh": WRITES_SRV };
  expect(outside("node scripts/post.js", exec)).toMatchObject({ file: "scripts/setup.sh", evidence: "it names `/srv/data`" });
  const spawn = { "scripts/post.js": 'spawnSync("bash", ["./setup.sh"], { cwd: __dirname });', "scripts/setup.sh": WRITES_SRV };
  expect(outside("node scripts/post.js", spawn)).toMatchObject({ file: "scripts/setup.sh" });
  // A script the shell script sources in turn.
  const nested = {
    "scripts/post.js": 'execSync("bash scripts/setup.sh")',
    "scripts/setup.sh": ". scripts/lib.sh\n",
    "scripts/lib.sh": WRITES_SRV,
  };
  expect(outside("node scripts/post.js", nested)).toMatchObject({ file: "scripts/lib.sh" });
});

test("an install script that runs a shell script itself has it read", () => {
  expect(outside("sh scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
  expect(outside("./scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
});

test("a shell script that writes inside the working folder is no evidence", () => {
  const inside = "#!/bin/sh\nmkdir -p gen\necho '{}' > gen/conf.json\n";
  expect(outside("node scripts/post.js", { "scripts/post.js": 'execSync("sh scripts/setup.sh")', "scripts/setup.sh": inside })).toBeNull();
  expect(outside("sh scripts/setup.sh", { "scripts/setup.sh": inside })).toBeNull();
});
