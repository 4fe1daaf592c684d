import { describe, expect, test } from "vitest";
import { parseDockerfile, parseExecForm } from "./parse.js";

describe("exec form", () => {
  test("comment lines inside a continuation are dropped, as BuildKit does", () => {
    const { dockerfile } = parseDockerfile('FROM busybox\nCMD ["sh", \\\n# the script\n  "-c", "echo hi"]\n');
    expect(dockerfile.stages[0].body[0].exec).toEqual(["sh", "-c", "echo hi"]);
  });
  test("backtick escape and blanks after it", () => {
    expect(parseExecForm('["a", `  \n  "b"]', "`")).toEqual(["a", "b"]);
  });
});

describe("flag values BuildKit checks", () => {
  const parses = (text: string) => () => parseDockerfile(`FROM busybox\n${text}\n`);
  test("refused: a duration, retries, mount type or network BuildKit cannot read", () => {
    expect(parses("HEALTHCHECK --interval=abc CMD true")).toThrow(/invalid duration for flag interval/);
    expect(parses("HEALTHCHECK --retries=x CMD true")).toThrow(/retries/);
    expect(parses("RUN --mount=type=bogus,target=/x true")).toThrow(/unsupported mount type "bogus"/);
    expect(parses("RUN --network=lan true")).toThrow(/network/);
  });
  test("accepted: quoted values, compound durations, variables left to the builder", () => {
    expect(parses('HEALTHCHECK --interval="30s" --timeout=1m30s --start-period=0 CMD true')).not.toThrow();
    expect(parses('RUN --mount=type="cache",target=/x --network="none" true')).not.toThrow();
    expect(parses("RUN --mount=type=$KIND,target=/x true")).not.toThrow();
  });
});
