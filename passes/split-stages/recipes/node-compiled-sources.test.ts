import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { stripsTypesByDefault } from "./node-compiled-sources.js";

beforeAll(() => loadShell());

const strips = (from: string) => {
  const { dockerfile } = parseDockerfile(`FROM ${from}\nWORKDIR /app\nCOPY . .\nCMD ["node", "dist/server.js"]\n`);
  const r = analyze(dockerfile, dockerfile.stages[0], memoryContext({}));
  if (!r.ok) throw new Error(r.refusal.id);
  return stripsTypesByDefault(r.analysis);
};

test("node runs `.ts` files by itself from 22.18 and 23.6 on, and on any tag that names no older version (red team 21 F6)", () => {
  for (const from of ["node:24", "node:24-slim", "node:22", "node:22.18-bookworm", "node:23.6", "node:lts", "node:iron", "node"])
    expect(strips(from), from).toBe(true);
  for (const from of ["node:20", "node:20-slim", "node:22.12", "node:23.3-alpine", "node:18"]) expect(strips(from), from).toBe(false);
});
