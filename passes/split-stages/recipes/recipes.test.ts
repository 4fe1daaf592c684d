import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseImageRef } from "../../../src/core/image-ref.js";
import type { Analysis } from "../analysis.js";
import { javaRecipe } from "./java.js";
import { nodeRecipe } from "./node.js";
import { pythonRecipe } from "./python.js";
import { debianRecipe } from "./debian.js";

const stage = { from: { line: 1 }, body: [{ keyword: "RUN", args: "true", line: 2 }] };
const analysis = {
  stage,
  lastBuild: 0,
  copyPaths: [],
  apt: [],
  buildCommands: new Set(),
  venvs: [],
  entry: [],
  workdir: null,
  sources: new Map(),
  globalInstalls: [],
  projectInstalls: [],
  owners: new Map(),
} as unknown as Analysis;
const image = (recipe: typeof nodeRecipe, ref: string) => {
  const r = recipe.plan(parseImageRef(ref), analysis, memoryContext({}), [], { cacheMounts: false, takenNames: new Set(), harden: false });
  return r.ok ? r.plan.image : r.id;
};

describe("runtime images keep family and version", () => {
  test.each([
    ["node:20", "node:20-slim"],
    ["node:20.11.1", "node:20.11.1-slim"],
    ["node:20-bookworm", "node:20-bookworm-slim"],
    ["node:lts", "node:lts-slim"],
    ["node", "node:slim"],
    ["node:20-alpine", "alreadySlim"],
  ])("node %s → %s", (from, to) => expect(image(nodeRecipe, from)).toBe(to));
  test.each([
    ["python:3.11", "python:3.11-slim"],
    ["python:3.11-bookworm", "python:3.11-slim-bookworm"],
    ["python:3.11-slim", "alreadySlim"],
  ])("python %s → %s", (from, to) => expect(image(pythonRecipe, from)).toBe(to));
  test.each([
    ["eclipse-temurin:17-jdk", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:17", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:21-jdk-jammy", "eclipse-temurin:21-jre-jammy"],
    ["maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:17-jdk-alpine", "noRuntimeImage"],
    ["eclipse-temurin:17-jre", "alreadySlim"],
  ])("java %s → %s", (from, to) => expect(image(javaRecipe, from)).toBe(to));
  test.each([
    ["debian:bookworm", "debian:bookworm-slim"],
    ["debian:12", "debian:12-slim"],
    ["debian", "debian:stable-slim"],
  ])("debian %s → %s", (from, to) => expect(image(debianRecipe, from)).toBe(to));
});
