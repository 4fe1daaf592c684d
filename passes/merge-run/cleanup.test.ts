import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { cleanupRun } from "./cleanup.js";
import { loadShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());
const options = { cacheMounts: false, aptNoRecommends: false, yarnClassic: true, runtime: () => [] };

describe("cleanupRun", () => {
  const run = (text: string, shipped = true, opts = options) => {
    const { dockerfile } = parseDockerfile(text);
    const instr = dockerfile.stages[0].body.find((i) => i.keyword === "RUN")!;
    return cleanupRun(dockerfile, 0, instr, shipped, opts);
  };
  test("returns the same instruction when there is nothing to do", () => {
    const { dockerfile } = parseDockerfile("FROM debian\nRUN make\n");
    const instr = dockerfile.stages[0].body[0];
    expect(cleanupRun(dockerfile, 0, instr, true, options).instr).toBe(instr);
  });
  test("appends the cleanup to the last statement", () => {
    expect(run("FROM debian\nRUN apt-get update; apt-get install -y curl\n").instr.args).toBe(
      "apt-get update; \\\n    apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*",
    );
  });
  test("a stage that does not ship keeps its caches, with a note", () => {
    const { instr, notes } = run("FROM node\nRUN npm ci\n", false);
    expect(instr.raw).not.toBeNull();
    expect(notes.map((n) => n.id)).toEqual(["notShipped"]);
  });
  test("cache mounts replace the cleanup", () => {
    const { instr } = run("FROM node\nRUN npm ci\n", true, { ...options, cacheMounts: true });
    expect(instr.flags).toEqual([{ name: "mount", value: "type=cache,target=/root/.npm" }]);
    expect(instr.args).toBe("npm ci");
  });
});
