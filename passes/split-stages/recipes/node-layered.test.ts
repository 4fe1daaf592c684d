import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { corepackUser } from "./node-layered.js";

beforeAll(() => loadShell());

const cacheUser = (setup: string, user: string) => {
  const df = parseDockerfile(`FROM node:20\n${setup}\nWORKDIR /app\nUSER ${user}\nCOPY package.json ./\nRUN pnpm install\n`).dockerfile;
  const result = analyze(df, df.stages[0], memoryContext({ "package.json": "{}" }));
  if (!result.ok) throw new Error(result.refusal.id);
  return corepackUser(result.analysis, user);
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
