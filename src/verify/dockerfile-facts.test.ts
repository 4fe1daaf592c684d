// The facts verify reads from a Dockerfile: the final stage's base image and the paths it copies.
import { describe, expect, test } from "vitest";
import { dockerfileFacts } from "./dockerfile-facts.js";

describe("dockerfileFacts", () => {
  test("a file-name glob copied into a folder is kept as a pattern, the folder as the copied root", () => {
    const facts = dockerfileFacts(
      "FROM node:20-slim\nWORKDIR /srv/app\nCOPY package*.json ./\nCOPY --from=build /srv/app/dist /srv/app/dist\n",
    );
    expect(facts.copied).toEqual(["/srv/app", "/srv/app/dist"]);
    expect(facts.copiedPatterns).toEqual(["/srv/app/package*.json", "/srv/app/dist"]);
  });
  test("a file copied to `.` lands in the working folder under its own name, not as the whole folder", () => {
    const facts = dockerfileFacts("FROM node:slim\nWORKDIR /app\nCOPY package.json .\nCOPY --from=build /app/dist /app/dist\n");
    expect(facts.copied).toEqual(["/app/package.json", "/app/dist"]);
    expect(facts.copiedPatterns).toEqual(["/app/package.json", "/app/dist"]);
  });
  test("follows stage aliases to the image and substitutes ARG defaults", () => {
    const text =
      "ARG V=12.15\nFROM debian:${V} AS build\nRUN make\nFROM debian:${V}-slim AS runtime\nWORKDIR /app\nCOPY --from=build /src/out ./bin\n";
    expect(dockerfileFacts(text)).toEqual({
      base: "debian:12.15-slim",
      copied: ["/app/bin"],
      copiedPatterns: ["/app/bin"],
      workdir: "/app",
      writes: ["/app", "/app/bin"],
      exposed: [],
    });
    expect(dockerfileFacts("FROM node:20 AS base\nWORKDIR /w\nFROM base\nCOPY . .\n")).toEqual({
      base: "node:20",
      copied: ["/w"],
      copiedPatterns: ["/w"],
      workdir: "/w",
      writes: ["/w"],
      exposed: [],
    });
  });

  test("files copied into a system folder are the files, not the folder", () => {
    const text = "FROM debian\nCOPY a.sh b.sh /usr/local/bin/\nCOPY *.conf /etc/app/\nCOPY tool.sh /usr/local/bin/tool\nCOPY ./ /srv/\n";
    expect(dockerfileFacts(text).copied).toEqual(["/usr/local/bin/a.sh", "/usr/local/bin/b.sh", "/etc/app", "/usr/local/bin/tool", "/srv"]);
  });

  test("writes: every path the final stage writes above its base, or null when a RUN or a variable hides them", () => {
    const writes = (text: string, isFile?: (p: string) => boolean) => dockerfileFacts(text, {}, isFile).writes;
    // A folder named as a source writes its contents into the destination: the whole folder counts, unless
    // the sources are files of the context; ADD may unpack an archive there.
    const text = "FROM debian\nWORKDIR /srv\nCOPY a.sh b.sh /usr/local/bin/\nADD t.tgz /opt/\nCOPY --from=x /o /w/\n";
    expect(writes(text)).toEqual(["/srv", "/usr/local/bin", "/opt", "/w"]);
    expect(writes(text, () => true)).toEqual(["/srv", "/usr/local/bin/a.sh", "/usr/local/bin/b.sh", "/opt", "/w"]);
    expect(writes('FROM debian\nADD ["a b", "/x y/"]\nUSER 1\nENV A=1\n')).toEqual(["/x y"]);
    // A RUN in the final stage or a stage it builds on, a VOLUME, a variable or a relative path before any
    // WORKDIR (relative to the base's own working folder), a foreign syntax: unknown.
    for (const unknown of [
      "FROM debian\nRUN touch /x\n",
      "FROM debian AS a\nRUN touch /x\nFROM a\nCOPY x /y\n",
      "FROM debian\nVOLUME /data\n",
      "FROM debian\nENV D=/x\nCOPY a $D\n",
      "FROM debian\nCOPY . .\n",
      "FROM debian\nONBUILD RUN x\n",
      "# syntax=example/other\nFROM debian\nCOPY a /a\n",
    ])
      expect(writes(unknown), unknown).toBeNull();
    expect(writes("# syntax=docker/dockerfile:1.7\nFROM debian\nCOPY a /a\n")).toEqual(["/a"]);
    // A RUN that only byte-compiles named folders writes there alone; any other command in it hides its writes.
    expect(writes("FROM python\nWORKDIR /srv\nCOPY a.py .\nRUN python -m compileall -q -j 0 . lib\n")).toEqual(["/srv", "/srv/lib"]);
    for (const other of ["python -m compileall -q . && touch x", "python -m compileall -q", "python -m compileall -i list", "python x.py"])
      expect(writes(`FROM python\nWORKDIR /srv\nRUN ${other}\n`), other).toBeNull();
  });

  test("exposed: the TCP ports of the final stage's EXPOSE, null for a variable or a range", () => {
    const exposed = (text: string) => dockerfileFacts(text).exposed;
    expect(exposed("FROM a AS b\nEXPOSE 1\nFROM b\nEXPOSE 8080/tcp 53/udp 3000\n")).toEqual([1, 3000, 8080]);
    expect(exposed("FROM a\nEXPOSE $PORT\n")).toBeNull();
    expect(exposed("FROM a\nEXPOSE 8000-8010\n")).toBeNull();
  });
});
