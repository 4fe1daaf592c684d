import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { notifierStamp, userHome } from "./node-user-home.js";

beforeAll(() => loadShell());

const cacheUser = (setup: string, user: string) => {
  const df = parseDockerfile(`FROM node:20\n${setup}\nWORKDIR /app\nUSER ${user}\nCOPY package.json ./\nRUN pnpm install\n`).dockerfile;
  const result = analyze(df, df.stages[0], memoryContext({ "package.json": "{}" }));
  if (!result.ok) throw new Error(result.refusal.id);
  return userHome(result.analysis, user);
};

test("the corepack cache of the install's user: node's, or a created user's home with its primary group", () => {
  expect(cacheUser("ENV A=1", "node")).toEqual({ home: "/home/node", owner: "node:node" });
  expect(cacheUser("RUN useradd -m -d /srv/app app", "app")).toEqual({ home: "/srv/app", owner: "app:app" });
  expect(cacheUser("RUN groupadd web && useradd -m -g web app", "app")).toEqual({ home: "/home/app", owner: "app:web" });
  expect(cacheUser("RUN adduser --disabled-password --gecos '' app", "app:app")).toEqual({ home: "/home/app", owner: "app:app" });
  expect(cacheUser("RUN addgroup -S web && adduser -S -G web -h /opt/app app", "app")).toEqual({ home: "/opt/app", owner: "app:web" });
});

test("a user whose home or group cannot be read has no cache copied", () => {
  // No home made (`useradd` without -m), a numeric id, HOME set by the stage, no group of its own.
  expect(cacheUser("RUN useradd app", "app")).toBeNull();
  expect(cacheUser("RUN useradd -m app", "1001")).toBeNull();
  expect(cacheUser("RUN useradd -m app\nENV HOME=/data", "app")).toBeNull();
  expect(cacheUser("RUN useradd -m -N app", "app")).toBeNull();
});

const stamp = (dockerfile: string) => {
  const df = parseDockerfile(dockerfile).dockerfile;
  const result = analyze(df, df.stages[0], memoryContext({ "package.json": "{}" }));
  if (!result.ok) throw new Error(result.refusal.id);
  const a = result.analysis;
  const install = a.projectInstalls[0];
  // The user the install runs as, as the deps stage reads it.
  const before = a.stage.body.slice(0, install.index).filter((i) => i.keyword === "USER");
  const user = before.length > 0 ? before[before.length - 1].args.trim() : null;
  return notifierStamp(a, install, user);
};
const npmStart = (before: string, install = "RUN npm ci", after = "") =>
  `FROM node:20\n${before}\nWORKDIR /app\nCOPY package.json ./\n${install}\n${after}\nCMD ["npm", "start"]\n`;

test("npm's update-notifier stamp is the runtime's when the install left it where the runtime's npm looks", () => {
  expect(stamp(npmStart(""))).toEqual({ path: "/root/.npm/_update-notifier-last-checked", owner: null });
  expect(stamp(npmStart("USER node"))).toEqual({ path: "/home/node/.npm/_update-notifier-last-checked", owner: "node:node" });
  // The runtime's npm does not run, or runs elsewhere, or the original kept no stamp.
  expect(stamp(npmStart("").replace('["npm", "start"]', '["node", "server.js"]'))).toBeNull();
  expect(stamp(npmStart("", "RUN --mount=type=cache,target=/root/.npm npm ci"))).toBeNull();
  expect(stamp(npmStart("", "RUN npm ci", "RUN rm -rf /root/.npm"))).toBeNull();
  expect(stamp(npmStart("ENV NPM_CONFIG_UPDATE_NOTIFIER=false"))).toBeNull();
  expect(stamp(npmStart("", "RUN npm ci", "USER node"))).toBeNull();
  expect(stamp(npmStart("").replace("npm ci", "yarn install"))).toBeNull();
  // A mount on the download cache alone leaves the stamp beside it.
  expect(stamp(npmStart("", "RUN --mount=type=cache,target=/root/.npm/_cacache npm ci"))).not.toBeNull();
});
