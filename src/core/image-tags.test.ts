import { describe, expect, test } from "vitest";
import { compareVersions, isFullVersion, namedTagVariant, parseVersionTag, pinCandidates } from "./image-tags.js";

describe("parseVersionTag", () => {
  test.each([
    ["20", [20], ""],
    ["20.18.1-slim", [20, 18, 1], "slim"],
    ["22.04", [22, 4], ""],
    ["3.12.7-slim-bookworm", [3, 12, 7], "slim-bookworm"],
    ["1.22-alpine3.19", [1, 22], "alpine3.19"],
    ["21.0.8_9-jdk", [21, 0, 8, 9], "jdk"],
  ])("%s", (tag, parts, variant) => {
    expect(parseVersionTag(tag)).toEqual({ tag, parts, variant });
  });
  test.each(["latest", "bookworm", "lts-slim", "3.15.0rc1-slim", "jammy-20240911.1", ""])("%s is not a release tag", (tag) => {
    expect(parseVersionTag(tag)).toBeNull();
  });
});

test("named tags ask for a variant, channel words aside", () => {
  expect(namedTagVariant("latest")).toBe("");
  expect(namedTagVariant("lts-slim")).toBe("slim");
  expect(namedTagVariant("bookworm-slim")).toBe("bookworm-slim");
  expect(namedTagVariant("alpine")).toBe("alpine");
});

test("versions compare numerically, not as text", () => {
  expect(compareVersions([22, 4], [22, 10])).toBeLessThan(0);
  expect(compareVersions([20, 18, 1], [20, 9, 9])).toBeGreaterThan(0);
  expect(compareVersions([21, 0, 8, 9], [21, 0, 8, 10])).toBeLessThan(0);
  expect(compareVersions([3, 12, 7], [3, 12, 7])).toBe(0);
});

describe("pinCandidates", () => {
  const node = [
    "20",
    "20.18",
    "20.18.0",
    "20.18.1",
    "20-slim",
    "20.18.1-slim",
    "20.18.0-slim",
    "22.11.0",
    "22.11.0-slim",
    "slim",
    "latest",
    "lts",
    "bookworm",
  ];
  test("a version tag extends to the most specific tags of its line and variant, newest first", () => {
    expect(pinCandidates("20", node)).toEqual(["20.18.1", "20.18.0"]);
    expect(pinCandidates("20-slim", node)).toEqual(["20.18.1-slim", "20.18.0-slim"]);
  });
  test("a named tag prefers its variant", () => {
    expect(pinCandidates("slim", node)).toEqual(["22.11.0-slim", "20.18.1-slim", "20.18.0-slim"]);
    expect(pinCandidates("latest", node).slice(0, 2)).toEqual(["22.11.0", "20.18.1"]);
  });
  test("a codename without versioned variants falls back to plain versions", () => {
    expect(pinCandidates("bookworm", ["bookworm", "bookworm-20260803", "12.15", "12"])).toEqual(["12.15"]);
  });
  test("the newest release of each major line comes first", () => {
    const tags = ["26.7.0", "26.6.1", "26.6.0", "25.9.0", "24.19.0", "24.18.0", "lts"];
    expect(pinCandidates("lts", tags)).toEqual(["26.7.0", "25.9.0", "24.19.0", "26.6.1", "26.6.0", "24.18.0"]);
  });
  test("a codename with a variant keeps the variant", () => {
    const tags = ["20.20.2", "20.20.2-slim", "20.20.2-bookworm-slim", "iron-slim", "iron"];
    expect(pinCandidates("iron-slim", tags)[0]).toBe("20.20.2-slim");
    expect(pinCandidates("iron", tags)[0]).toBe("20.20.2");
  });
  test("a full version has nothing more specific", () => {
    expect(pinCandidates("20.18.1", node)).toEqual([]);
    expect(pinCandidates("22.04", ["22.04", "jammy", "24.04"])).toEqual([]);
  });
  test("isFullVersion", () => {
    expect(isFullVersion("3.12.7-slim-bookworm")).toBe(true);
    expect(isFullVersion("22.04")).toBe(false);
    expect(isFullVersion("latest")).toBe(false);
  });
});
