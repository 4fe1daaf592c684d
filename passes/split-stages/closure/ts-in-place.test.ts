import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import type { NodeProject } from "./node-project.js";
import { tscInPlaceSource } from "./ts-in-place.js";

const project: NodeProject = { dir: ".", pkg: {}, manager: "npm", lockfile: null, prodPackages: null };

test("an entry tsc compiled in place maps to its TypeScript sibling, only without outDir or extends", () => {
  const files = { "server.ts": "", "lib/job.mts": "" };
  const inPlace = memoryContext({ ...files, "tsconfig.json": '{ "compilerOptions": { // "outDir": "./",\n "strict": true } }' });
  expect(tscInPlaceSource(project, inPlace, "server.js")).toBe("server.ts");
  expect(tscInPlaceSource(project, inPlace, "server")).toBe("server.ts");
  expect(tscInPlaceSource(project, inPlace, "lib/job.mjs")).toBe("lib/job.mts");
  expect(tscInPlaceSource(project, inPlace, "other.js")).toBeNull();
  expect(tscInPlaceSource(project, inPlace, "../server.js")).toBeNull();
  expect(tscInPlaceSource(project, memoryContext(files), "server.js")).toBeNull();
  const extended = memoryContext({ ...files, "tsconfig.json": '{ "extends": "./base.json" }' });
  expect(tscInPlaceSource(project, extended, "server.js")).toBeNull();
});
