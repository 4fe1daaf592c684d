import { describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { tagVersion, toolchains, versionArgName } from "./toolchains.js";

describe("tagVersion", () => {
  test.each([
    ["20.18.1-slim", { version: "20.18.1", variant: "slim" }],
    ["20", { version: "20", variant: "" }],
    ["21.0.8_9-jre", { version: "21.0.8_9", variant: "jre" }],
    ["3.12.7-slim-bookworm", { version: "3.12.7", variant: "slim-bookworm" }],
  ])("%s", (tag, expected) => expect(tagVersion(tag)).toEqual(expected));
  test.each(["latest", "bookworm-slim", "lts", "3.15.0rc1"])("%s is no release tag", (tag) => expect(tagVersion(tag)).toBeNull());
  test("no tag", () => expect(tagVersion(null)).toBeNull());
});

describe("versionArgName", () => {
  test.each([
    ["node", "NODE_VERSION"],
    ["golang", "GO_VERSION"],
    ["eclipse-temurin", "JAVA_VERSION"],
    ["ghcr.io/acme/my-sdk", "MY_SDK_VERSION"],
  ])("%s", (repo, name) => expect(versionArgName(repo)).toBe(name));
});

describe("toolchains", () => {
  const of = (text: string) => toolchains(parseDockerfile(text).dockerfile);
  test("groups the stages of one repository with their versions", () => {
    expect(of("FROM node:20 AS b\nFROM golang:1.22\nFROM node:20-slim\n")).toEqual([
      {
        repository: "node",
        uses: [
          { stage: 0, version: "20", variant: "" },
          { stage: 2, version: "20", variant: "slim" },
        ],
      },
    ]);
  });
  test("leaves out stage references, scratch, digests, named tags and other registries", () => {
    const text = "FROM node:20 AS b\nFROM b\nFROM scratch\nFROM node:20@sha256:abc\nFROM node:lts\nFROM ghcr.io/x/node:20\n";
    expect(of(text)).toEqual([]);
  });
});
