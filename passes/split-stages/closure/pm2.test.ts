import { expect, test } from "vitest";
import { ecosystemCommands, pm2Target } from "./pm2.js";

const noFile = () => false;
const everyFile = () => true;

test("the file a pm2 command starts", () => {
  expect(pm2Target(["pm2-runtime", "ecosystem.config.js", "--env", "production"])).toBe("ecosystem.config.js");
  expect(pm2Target(["pm2-runtime", "start", "pm2.json"])).toBe("pm2.json");
  expect(pm2Target(["pm2", "start", "app.js", "--no-daemon"])).toBe("app.js");
  expect(pm2Target(["npx", "--yes", "pm2-runtime", "process.yml"])).toBe("process.yml");
  expect(pm2Target(["yarn", "pm2", "start", "ecosystem.config.cjs"])).toBe("ecosystem.config.cjs");
  expect(pm2Target(["pm2", "logs"])).toBeNull();
  expect(pm2Target(["node", "app.js"])).toBeNull();
});

test("a JavaScript ecosystem file's apps, as the commands they amount to", () => {
  const config = `// three apps
module.exports = {
  apps: [
    { name: "web", script: "./server.js", node_args: "--max-old-space-size=512", env: { PORT: "3000" } },
    { name: "jobs", cwd: __dirname, script: "npm", args: ["run", "jobs"] },
    { name: "ts", script: "src/cron.ts", interpreter: "ts-node" },
  ],
};`;
  expect(ecosystemCommands(config, "/app/ecosystem.config.js", "/app", noFile)).toEqual([
    "node --max-old-space-size=512 /app/server.js",
    "npm run jobs",
    "ts-node /app/src/cron.ts",
  ]);
});

test("computed apps or settings, and scripts of other interpreters, cannot be read", () => {
  const at = "/app/ecosystem.config.js";
  expect(ecosystemCommands('module.exports = { apps: [{ script: path.join(__dirname, "a.js") }] };', at, "/app", noFile)).toBeNull();
  expect(ecosystemCommands('module.exports = { apps: [web, { script: "./b.js" }] };', at, "/app", noFile)).toBeNull();
  expect(ecosystemCommands("module.exports = { apps: names.map((n) => ({ script: n })) };", at, "/app", noFile)).toBeNull();
  expect(ecosystemCommands('module.exports = { apps: [{ script: "./jobs.py" }] };', at, "/app", noFile)).toBeNull();
  // `npm start` in another folder runs that folder's package.json.
  expect(ecosystemCommands('module.exports = { apps: [{ script: "npm", args: "start", cwd: "web" }] };', at, "/app", noFile)).toBeNull();
});

test("JSON and YAML ecosystem files", () => {
  const json = JSON.stringify({
    apps: [
      { script: "dist/main.js", args: ["--port", "80"] },
      { script: "worker.js", cwd: "jobs" },
    ],
  });
  expect(ecosystemCommands(json, "/srv/pm2.json", "/srv", everyFile)).toEqual([
    "node /srv/dist/main.js --port 80",
    "node /srv/jobs/worker.js",
  ]);
  const yaml = ["apps:", "  - name: web", "    script: ./server.js", "  - script: 'worker.js'", "    interpreter: none", ""].join("\n");
  expect(ecosystemCommands(yaml, "/srv/process.yml", "/srv", everyFile)).toEqual(["node /srv/server.js", "/srv/worker.js"]);
});

test("an exported array of apps; a file without extension runs with node, a name that is no file is a program", () => {
  const config = 'module.exports = [{ script: "bin/www", name: "api" }, { script: "server" }, { script: "npm", args: "start" }];';
  const isFile = (path: string) => path === "/app/server";
  expect(ecosystemCommands(config, "/app/ecosystem.config.js", "/app", isFile)).toEqual([
    "node /app/bin/www",
    "node /app/server",
    "npm start",
  ]);
});

test("NODE_OPTIONS of an app's env maps become node's options; a computed one cannot be read", () => {
  const js =
    "module.exports = { apps: [{ script: 'a.js', env: { NODE_OPTIONS: '-r dotenv/config' }, env_production: { NODE_OPTIONS: '--max-old-space-size=512' } }] };";
  expect(ecosystemCommands(js, "/app/ecosystem.config.js", "/app", everyFile)).toEqual([
    "node -r dotenv/config --max-old-space-size=512 /app/a.js",
  ]);
  expect(
    ecosystemCommands(
      "module.exports = { apps: [{ script: 'a.js', env: { NODE_OPTIONS: process.env.X } }] };",
      "/app/ecosystem.config.js",
      "/app",
      everyFile,
    ),
  ).toBeNull();
  const json = JSON.stringify({
    apps: [{ script: "a.js", node_args: "--trace-warnings", env_production: { NODE_OPTIONS: "--require ./boot.js" } }],
  });
  expect(ecosystemCommands(json, "/app/pm2.json", "/app", everyFile)).toEqual(["node --require ./boot.js --trace-warnings /app/a.js"]);
});
