// The facts verify reads from a Dockerfile: the final stage's base image and the paths it copies.
import { describe, expect, test } from "vitest";
import { dockerfileFacts } from "./dockerfile-facts.js";

describe("dockerfileFacts", () => {
  test("follows stage aliases to the image and substitutes ARG defaults", () => {
    const text =
      "ARG V=12.15\nFROM debian:${V} AS build\nRUN make\nFROM debian:${V}-slim AS runtime\nWORKDIR /app\nCOPY --from=build /src/out ./bin\n";
    expect(dockerfileFacts(text)).toEqual({ base: "debian:12.15-slim", copied: ["/app/bin"], workdir: "/app" });
    expect(dockerfileFacts("FROM node:20 AS base\nWORKDIR /w\nFROM base\nCOPY . .\n")).toEqual({
      base: "node:20",
      copied: ["/w"],
      workdir: "/w",
    });
  });

  test("files copied into a system folder are the files, not the folder", () => {
    const text = "FROM debian\nCOPY a.sh b.sh /usr/local/bin/\nCOPY *.conf /etc/app/\nCOPY tool.sh /usr/local/bin/tool\nCOPY ./ /srv/\n";
    expect(dockerfileFacts(text).copied).toEqual(["/usr/local/bin/a.sh", "/usr/local/bin/b.sh", "/etc/app", "/usr/local/bin/tool", "/srv"]);
  });
});
