import { expect, test } from "vitest";
import { installOptions, omittingOptions } from "./node-deps.js";

const install = (tool: "npm" | "yarn" | "pnpm", args: string[]) => ({ index: 0, tool, dir: "/app", args, alone: true });

test("an option's value given as the next word joins it; the verb does not", () => {
  expect(installOptions(["ci", "--omit", "optional", "--omit=peer"])).toEqual(["--omit=optional", "--omit=peer"]);
  expect(installOptions(["ci", "--registry", "https://r.example", "--legacy-peer-deps"])).toEqual([
    "--registry=https://r.example",
    "--legacy-peer-deps",
  ]);
  expect(installOptions(["--ignore-optional", "--production=false"])).toEqual(["--ignore-optional", "--production=false"]);
  expect(installOptions(["install"])).toEqual([]);
});

test("a prune keeps the original's omission of optional and peer dependencies, not its choice of devDependencies", () => {
  expect(omittingOptions(install("npm", ["ci", "--omit", "optional", "--omit=dev", "--legacy-peer-deps"]))).toEqual(["--omit=optional"]);
  expect(omittingOptions(install("npm", ["ci", "--no-optional", "--omit=peer"]))).toEqual(["--no-optional", "--omit=peer"]);
  expect(omittingOptions(install("yarn", ["install", "--ignore-optional", "--frozen-lockfile"]))).toEqual(["--ignore-optional"]);
  expect(omittingOptions(install("npm", ["ci"]))).toEqual([]);
  expect(omittingOptions(undefined)).toEqual([]);
});
