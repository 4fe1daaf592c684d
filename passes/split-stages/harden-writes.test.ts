import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { unownedWrite } from "./harden-writes.js";

const stage = (text: string) => parseDockerfile(text).dockerfile.stages[0];
const NODE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY conf /etc/app\nRUN npm ci\nCMD ["node", "index.js"]\n';

describe("writes the hardened user would not own", () => {
  test.each([
    ["index.js", 'require("fs").appendFileSync("/var/log/app.log", "x")', "/var/log/app.log"],
    ["index.js", 'fs.mkdirSync("/data/cache", { recursive: true })', "/data/cache"],
    ["index.js", "fs.createWriteStream(`/var/run/app.pid`)", "/var/run/app.pid"],
    ["app.py", 'with open("/var/lib/app/state.json", "w") as f: pass', "/var/lib/app/state.json"],
    ["app.py", 'os.makedirs("/srv/uploads", exist_ok=True)', "/srv/uploads"],
    ["app.py", 'logging.FileHandler("/var/log/app/${name}.log")', "/var/log/app/${name}.log"],
    ["main.go", 'os.WriteFile("/etc/app.conf", b, 0o644)', "/etc/app.conf"],
    ["start.sh", "#!/bin/sh\necho ok > /etc/nginx/conf.d/x.conf\nexec node index.js\n", "/etc/nginx/conf.d/x.conf"],
  ])("%s: %s", (file, text, path) => {
    expect(unownedWrite(memoryContext({ [file]: text }), stage(NODE), "node")).toEqual({ file, path });
  });

  test.each([
    'fs.writeFileSync("state.json", "{}")',
    'fs.writeFileSync("/app/state.json", "{}")',
    'fs.appendFileSync("/etc/app/extra.conf", "x")',
    'fs.mkdirSync("/tmp/cache")',
    'fs.writeFileSync("/home/node/.cache/x", "")',
    'fs.writeFileSync("/dev/stdout", "x")',
    'fs.readFileSync("/etc/hosts")',
    'open("/etc/hosts")',
    "fs.mkdirSync(`/${dir}/x`)",
  ])("allowed or no write: %s", (text) => {
    expect(unownedWrite(memoryContext({ "index.js": text }), stage(NODE), "node")).toBeNull();
  });
});
