import { describe, expect, test } from "vitest";
import { parseDockerfile } from "./parse.js";
import { shippedStages } from "./stages.js";

describe("shippedStages", () => {
  test("the last stage and the stages it is built FROM", () => {
    const { dockerfile } = parseDockerfile("FROM a AS base\nFROM base AS build\nFROM node AS tools\nFROM build\n");
    expect([...shippedStages(dockerfile)].sort()).toEqual([0, 1, 3]);
  });
});
