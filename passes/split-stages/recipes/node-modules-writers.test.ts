import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { nodeModulesWriter } from "./node-modules-writers.js";

beforeAll(() => loadShell());

const writer = (body: string) => {
  const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY package*.json ./\n${body}\nCMD ["node", "server.js"]\n`);
  const result = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "package.json": "{}" }));
  if (!result.ok) throw new Error(result.refusal.id);
  return nodeModulesWriter(result.analysis, result.analysis.projectInstalls[0]);
};

test("steps after the install that change node_modules are found, with their line", () => {
  expect(writer("RUN npm ci\nCOPY . .\nRUN npx prisma generate")).toEqual({ line: 6, command: "npx prisma generate" });
  expect(writer("RUN npm ci && npm install --no-save left-pad")?.command).toBe("npm install --no-save left-pad");
  expect(writer("RUN yarn install --frozen-lockfile\nRUN yarn add sharp")?.command).toBe("yarn add sharp");
  expect(writer("RUN npm ci\nRUN mv node_modules /node_modules")?.command).toBe("mv node_modules /node_modules");
  expect(writer("RUN npm ci\nRUN npm rebuild bcrypt")?.command).toBe("npm rebuild bcrypt");
  expect(writer("RUN npm ci\nRUN npx patch-package")?.command).toBe("npx patch-package");
});

test("the install itself, builds, global installs and checks change nothing there", () => {
  expect(writer("RUN npm ci")).toBeNull();
  expect(writer("RUN npm ci\nCOPY . .\nRUN npm run build && npm test")).toBeNull();
  expect(writer("RUN npm ci && npm install -g pm2\nRUN yarn global add serve")).toBeNull();
  expect(writer("RUN npx prisma --version\nRUN npm ci")).toBeNull();
  expect(writer("RUN npm ci\nCOPY . .\nRUN npm run build && npm prune --omit=dev")).toBeNull();
  // A program run from node_modules/.bin names the folder without writing it; an operand naming it still counts.
  expect(writer("RUN npm ci\nCOPY . .\nRUN ./node_modules/.bin/svelte-kit sync")).toBeNull();
  expect(writer("RUN npm ci\nRUN ./node_modules/.bin/svelte-kit sync node_modules/x")?.command).toBe(
    "./node_modules/.bin/svelte-kit sync node_modules/x",
  );
});
