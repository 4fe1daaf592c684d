import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { type Analysis, analyze } from "../analysis.js";
import { filesAside, trailingCopies } from "./node-files-aside.js";
import { filesFolder } from "./node-layered.js";

beforeAll(() => loadShell());

/**
 * The build's last step with the copy-aside appended (its printed args), or why not. A last RUN the split itself
 * refuses (a command it does not know) is tried in place of a plain build, to test the reasons of this module.
 */
const aside = (body: string) => {
  const file = (b: string) =>
    parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n${b}\nCMD ["node", "server.js"]\n`)
      .dockerfile;
  const context = memoryContext({ "package.json": "{}", "config.json": "{}" });
  const own = file(body);
  const lines = body.split("\n");
  const plain = file([...lines.slice(0, -1), "RUN npm run build"].join("\n"));
  const result = analyze(own, own.stages[0], context);
  const a = result.ok ? result.analysis : (analyze(plain, plain.stages[0], context) as { analysis: Analysis }).analysis;
  const last = [...own.stages[0].body].reverse().find((i) => i.keyword !== "CMD");
  const r = filesAside(a, last ?? a.stage.body[a.lastBuild], a.lastBuild, "/app", "/app-files");
  return r.ok ? r.instr.args : r.why;
};

const COPY = "mkdir /app-files \\\n    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \\;";

test("the copy follows the build's last RUN with `&&`, on lines of its own", () => {
  expect(aside("RUN npm run build")).toBe(`npm run build \\\n    && ${COPY}`);
  expect(aside("RUN npm run lint; npm run build || exit 1")).toMatch(/runs `exit`/);
  expect(aside("RUN npm run lint; npm run build || true")).toBe(`npm run lint; npm run build || true \\\n    && ${COPY}`);
  expect(aside("RUN node a.js | tee log && ! grep -q ERR log")).toBe(`node a.js | tee log && ! grep -q ERR log \\\n    && ${COPY}`);
  // Continuation lines are kept as written.
  expect(aside("RUN npm run build \\\n    && node scripts/post.js")).toBe(
    `npm run build \\\n    && node scripts/post.js \\\n    && ${COPY}`,
  );
  // Mounts elsewhere are fine; the RUN's flags stay.
  expect(aside("RUN --mount=type=cache,target=/root/.npm npm run build")).toBe(`npm run build \\\n    && ${COPY}`);
  expect(aside("RUN export NODE_OPTIONS=--max-old-space-size=4096 && npm run build")).toMatch(/^export .* \\\n {4}&& mkdir/);
});

test("scripts where the copy could run otherwise than in a RUN of its own keep the files stage", () => {
  expect(aside("RUN npm run build # the site")).toMatch(/comment/);
  expect(aside("RUN npm run build;")).toMatch(/ends with `;`/);
  expect(aside("RUN node server.js & npm run build")).toMatch(/background/);
  expect(aside("RUN npm run build && exec node x.js")).toMatch(/runs `exec`/);
  expect(aside("RUN umask 077 && npm run build")).toMatch(/runs `umask`/);
  expect(aside("RUN trap 'rm -rf /app/tmp' EXIT; npm run build")).toMatch(/runs `trap`/);
  expect(aside('RUN eval "$BUILD"')).toMatch(/runs `eval`/);
  expect(aside("RUN . ./env.sh && npm run build")).toMatch(/runs `.`/);
  expect(aside("RUN $BUILD_CMD")).toMatch(/computed/);
  expect(aside("RUN export PATH=/app/bin:$PATH && npm run build")).toMatch(/PATH/);
  expect(aside("RUN PATH=/app/bin:$PATH npm run build")).toMatch(/PATH/);
  expect(aside("RUN b() { npm run build; } && b")).toMatch(/function/);
  // `set -e` does not apply inside a compound command on the left of `&&`.
  expect(aside("RUN set -e; for p in a b; do npm run build:$p; done")).toMatch(/compound/);
  expect(aside("RUN if [ -f x ]; then npm run build; fi")).toMatch(/compound/);
  expect(aside("RUN (cd web && npm run build)")).toMatch(/compound/);
  expect(aside("RUN --mount=type=cache,target=/app/.next/cache npm run build")).toMatch(/mounts/);
  expect(aside("RUN --mount=type=cache,target=.cache npm run build")).toMatch(/mounts/);
  expect(aside("RUN --mount=type=bind,target=/ npm run build")).toMatch(/mounts/);
  expect(aside('RUN ["npm", "run", "build"]')).toMatch(/exec form/);
  expect(aside("USER node\nRUN npm run build")).toMatch(/other than root/);
  expect(aside('SHELL ["/bin/bash", "-c", "--"]\nRUN npm run build')).toMatch(/SHELL/);
  expect(aside("RUN npm run build\nCOPY config.json ./")).toMatch(/ends with a COPY/);
  // Tests alone: test-stage may move them into a stage of their own.
  expect(aside("RUN npm test")).toMatch(/only tests/);
  expect(aside("RUN cd /app && npm run test:unit")).toMatch(/only tests/);
  // No test at all (a revision file): test-stage leaves it in place, and the copy follows it.
  expect(aside('RUN echo "$GIT_SHA" > REVISION')).toBe(`echo "$GIT_SHA" > REVISION \\\n    && ${COPY}`);
});

test("a root USER, a POSIX SHELL and tests beside a build allow it", () => {
  expect(aside("USER node\nRUN echo hi\nUSER root\nRUN npm run build")).toMatch(/^npm run build \\\n/);
  expect(aside('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN npm run build | cat')).toMatch(/^npm run build \| cat \\\n/);
  expect(aside("RUN npm test && npm run build")).toMatch(/^npm test && npm run build \\\n/);
});

test("COPYs after the build's last RUN are replayed from the context when they only bring sources into the working folder", () => {
  const trailing = (body: string, files: Record<string, string> = {}) => {
    const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY package*.json ./\n${body}\nCMD ["node", "server.js"]\n`);
    const result = analyze(dockerfile, dockerfile.stages[0], memoryContext({ "package.json": "{}", "server.js": "", ...files }));
    if (!result.ok) throw new Error(result.refusal.id);
    const r = trailingCopies(result.analysis, memoryContext({ "package.json": "{}", "server.js": "", ...files }));
    return "why" in r ? r.why : r;
  };
  expect(trailing("RUN npm ci\nCOPY . .")).toEqual({ run: 2, copies: [3] });
  expect(trailing("RUN npm ci\nCOPY server.js ./\nENV A=1\nCOPY lib ./lib", { "lib/a.js": "" })).toEqual({ run: 2, copies: [3, 5] });
  // The context's node_modules would land over the one the runtime takes.
  expect(trailing("RUN npm ci\nCOPY . .", { "node_modules/x/index.js": "" })).toMatch(/node_modules/);
  expect(trailing("RUN npm ci\nCOPY . .", { "node_modules/x/index.js": "", ".dockerignore": "node_modules\n" })).toEqual({
    run: 2,
    copies: [3],
  });
  // Outside the working folder, or made under another one: the runtime's copies run where the last build step was.
  expect(trailing("RUN npm ci\nCOPY server.js /etc/app/")).toMatch(/cannot replay/);
  expect(trailing("RUN npm ci\nWORKDIR /app/sub\nCOPY server.js ./\nWORKDIR /app")).toMatch(/cannot replay/);
  expect(trailing("RUN npm ci\nADD server.js ./")).toMatch(/ends with an ADD/);
  expect(trailing("COPY . .")).toMatch(/ends with a COPY, not a RUN/);
});

test("the aside folder is one no instruction of the Dockerfile names", () => {
  const folder = (body: string) => {
    const df = parseDockerfile(`FROM node:20\nWORKDIR /app\n${body}\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n`).dockerfile;
    const result = analyze(df, df.stages[0], memoryContext({ "package.json": "{}" }));
    if (!result.ok) throw new Error(result.refusal.id);
    return filesFolder(result.analysis, "/app");
  };
  expect(folder("ENV A=1")).toBe("/app-files");
  expect(folder("RUN mkdir -p /app-files && echo seed > /app-files/seed.txt")).toBe("/app-files-1");
  expect(folder("COPY seed /app-files/\nENV DIRS=/app-files-1:/app-files-2")).toBe("/app-files-3");
});
