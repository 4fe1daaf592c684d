// What the golden cases cannot show: input without a build context, and refusals that name their line.
import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { optimize } from "../../src/core/pipeline.js";

const NODE_APP = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';

describe("split-stages", () => {
  test("without a build context (stdin) it declines", async () => {
    const r = await optimize(NODE_APP, { passes: ["split-stages"] });
    expect(r.output).toBe(NODE_APP);
    expect(r.refusals.map((n) => n.message)).toEqual([expect.stringContaining("build context is not available")]);
  });
  test("with a context it splits, and the output is stable", async () => {
    const context = memoryContext({
      "package.json": '{"name":"a"}',
      "package-lock.json": '{"lockfileVersion":3,"packages":{}}',
      "server.js": "",
    });
    const r = await optimize(NODE_APP, { passes: ["split-stages"], context });
    expect(r.output).toContain("FROM node:20-slim AS runtime");
    const again = await optimize(r.output, { passes: ["split-stages"], context });
    expect(again.output).toBe(r.output);
    expect(again.refusals.map((n) => n.message)).toEqual([expect.stringContaining("so it is split already")]);
  });
});
