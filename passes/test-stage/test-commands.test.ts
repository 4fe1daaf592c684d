import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell, parseShell, simpleCommands } from "../../src/core/shell.js";
import { neededStages, testCommand } from "./test-commands.js";

beforeAll(() => loadShell());

const first = (script: string) => testCommand(simpleCommands(parseShell(script))[0]);

describe("testCommand", () => {
  test.each([
    "npm test",
    "npm run test",
    "npm t",
    "npm run test:unit",
    "yarn test",
    "pnpm test",
    "go test ./...",
    "pytest -q",
    "python3 -m pytest",
    "python -m unittest discover",
    "mvn -B test",
    "./gradlew test",
    "cargo test --release",
    "make check",
    "make test",
    "dotnet test",
  ])("%s runs only tests", (script) => expect(first(script)).toEqual({ text: script.replace(/^\.\//, ""), pure: true }));
  test.each(["mvn verify", "mvn -B package verify", "gradle build check", "make all test"])("%s tests and builds", (script) =>
    expect(first(script)?.pure).toBe(false),
  );
  test.each(["npm ci", "npm run build", "go build ./...", "python app.py", "python -m pip install x", "make", "cargo build", "testify"])(
    "%s runs no tests",
    (script) => expect(first(script)).toBeNull(),
  );
});

describe("neededStages", () => {
  const stages = (text: string) => [...neededStages(parseDockerfile(text).dockerfile)].sort();
  test("a test stage that nothing reads is not built", () => {
    expect(stages("FROM node AS build\nRUN x\nFROM build AS test\nRUN npm test\nFROM node:slim\nCOPY --from=build /a /a\n")).toEqual([
      0, 2,
    ]);
  });
  test("COPY --from, FROM <stage> and RUN --mount from= count", () => {
    const text =
      "FROM a AS one\nFROM a AS two\nFROM one AS three\nFROM b AS four\nFROM c\nCOPY --from=three /x /x\nRUN --mount=type=bind,from=two,target=/t true\n";
    expect(stages(text)).toEqual([0, 1, 2, 4]);
  });
  test("numeric --from", () => expect(stages("FROM a\nFROM b\nCOPY --from=0 /x /x\n")).toEqual([0, 1]));
});
