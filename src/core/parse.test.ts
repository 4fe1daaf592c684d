import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { astRawArguments, buildkitDirectives, parseDockerfile, parseExecForm, rawArguments } from "./parse.js";

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

describe("rawArguments, dockerfile-ast's getRawArguments without its cost", () => {
  /** Each instruction's arguments (values and ranges) both ways, as plain data. */
  const bothWays = (text: string) =>
    DockerfileParser.parse(text)
      .getInstructions()
      .map((instr) => [JSON.stringify(astRawArguments.call(instr)), JSON.stringify(rawArguments.call(instr as never))]);
  const same = (text: string) => {
    for (const [theirs, ours] of bothWays(text)) expect(ours).toBe(theirs);
  };
  test("every Dockerfile of testdata", () => {
    const files: string[] = [];
    (function walk(dir: string) {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name === "Dockerfile" || name === "expected.Dockerfile") files.push(path);
      }
    })("testdata");
    expect(files.length).toBeGreaterThan(500);
    for (const file of files) same(readFileSync(file, "utf8"));
  });
  test("escapes, blanks, line ends and comments in any order, under both escape characters", () => {
    const piece = fc.constantFrom(
      " ",
      "\t",
      "\\",
      "`",
      "\n",
      "\r\n",
      "\r",
      "#",
      "# c\n",
      "$",
      "a",
      "bc",
      '"',
      "'",
      "\\\n",
      "\\ \n",
      "` \r\n",
      "\\$",
    );
    const body = fc.array(piece, { maxLength: 24 }).map((p) => p.join(""));
    fc.assert(
      fc.property(
        fc.constantFrom("", "# escape=`\n"),
        fc.constantFrom("RUN", "COPY", "ENV", "FROM", "CMD", "LABEL"),
        body,
        (directive, keyword, args) => {
          same(`${directive}FROM scratch\n${keyword} ${args}\nRUN x\n`);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("parser directives, by BuildKit's rules", () => {
  const names = (text: string) => buildkitDirectives(text).map((d) => `${d.line}:${d.name}=${d.value}`);
  test("leading lines of known directives, in any case and with blanks around", () => {
    expect(names("# SYNTAX=docker/dockerfile:1\n  #  Escape = `\nFROM x\n")).toEqual(["1:syntax=docker/dockerfile:1", "2:escape=`"]);
  });
  test("a blank line, a comment or an unknown directive ends them", () => {
    expect(names("\n# escape=`\nFROM x\n")).toEqual([]);
    expect(names("# build me\n# escape=`\nFROM x\n")).toEqual([]);
    expect(names("# foo=bar\n# escape=`\nFROM x\n")).toEqual([]);
  });
  test("a directive given twice is an error", () => {
    expect(() => buildkitDirectives("# escape=`\n# escape=\\\nFROM x\n")).toThrow("only one escape parser directive can be used");
  });
  test("an escape BuildKit reads as a comment: the file is kept whole, not an error", () => {
    const parsed = parseDockerfile("# foo=bar\n# escape=`\nFROM debian\nRUN echo a \\\n  b\n");
    expect(parsed.unsupported.map((u) => u.line)).toEqual([2]);
  });
});

describe("lines indented with white space other than spaces and tabs (BuildKit trims Go's unicode.IsSpace)", () => {
  test.each([
    ["\u00a0", "U+00A0 (a no-break space)"],
    ["\f", "U+000C (a form feed)"],
    ["\v", "U+000B (a vertical tab)"],
    ["\u2003", "U+2003 (a typographic space)"],
    ["\u3000", "U+3000 (an ideographic space)"],
    ["\u0085", "U+0085 (a next-line character)"],
  ])("%j: read, reported as a line msb-opt leaves alone, never bad input", (space, name) => {
    for (const text of [`FROM debian:bookworm\n${space}RUN echo ok\nRUN echo two\n`, `FROM debian:bookworm\n \t${space}\nRUN echo two\n`]) {
      const { unsupported } = parseDockerfile(text);
      expect(unsupported).toEqual([{ line: 2, reason: `a line indented with ${name}; BuildKit takes it for a space` }]);
    }
  });
  test("a zero-width space is no white space to BuildKit either: still an unknown instruction", () => {
    expect(() => parseDockerfile("FROM debian:bookworm\n\u200bRUN echo ok\n")).toThrow(/unknown instruction/);
  });
});
