import { describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { resolveBaseArgs, runtimeWithArgs } from "./base-args.js";

const df = (text: string) => parseDockerfile(text).dockerfile;

describe("base images with build arguments", () => {
  test("global defaults fill the reference", () => {
    expect(resolveBaseArgs(df('ARG V=20\nARG D="bookworm"\nFROM node:${V}-$D\n'), "node:${V}-$D")).toBe("node:20-bookworm");
  });
  test("an argument without a default leaves it unknown", () => {
    expect(resolveBaseArgs(df("ARG V\nFROM node:${V}\n"), "node:${V}")).toBeNull();
  });
  test("the runtime keeps the argument when it extends the resolved reference", () => {
    expect(runtimeWithArgs("node:${V}", "node:20", "node:20-slim")).toBe("node:${V}-slim");
    expect(runtimeWithArgs("python:${V}-bookworm", "python:3.11-bookworm", "python:3.11-slim-bookworm")).toBeNull();
    expect(runtimeWithArgs("node:20", "node:20", "node:20-slim")).toBe("node:20-slim");
  });
});
