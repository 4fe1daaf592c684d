import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, MAX_SHELL_DEPTH, overlapsRun, parseShell, simpleCommands, textRuns } from "./shell.js";

beforeAll(() => loadShell());

describe("the depth check", () => {
  test("a wide script of more nodes than the depth limit is read (the node count alone does not decline it)", () => {
    const wide = Array.from({ length: MAX_SHELL_DEPTH }, (_, i) => `echo ${i}`).join("\n");
    const script = parseShell(wide);
    expect(script.root.descendantCount).toBeGreaterThan(MAX_SHELL_DEPTH);
    expect(script.problem).toBe(null);
  });
  test("a chain nested deeper than the limit is declined, a short one is not", () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `echo ${i}`).join(" && ");
    expect(parseShell(chain(MAX_SHELL_DEPTH + 10)).problem).toBe("depth");
    expect(parseShell(chain(100)).problem).toBe(null);
  });
});

describe("text runs", () => {
  const runs = textRuns("a  b &&   c", /[ \t]{2,}/g);
  test("finds each match", () =>
    expect(runs).toEqual([
      [1, 3],
      [7, 10],
    ]));
  test.each([
    [0, 1, false],
    [0, 2, true],
    [3, 7, false],
    [6, 8, true],
    [9, 20, true],
    [10, 20, false],
  ])("[%i, %i) overlaps: %s", (start, end, expected) => expect(overlapsRun(runs, start, end)).toBe(expected));
});

describe("POSIX `for name do`", () => {
  // The stock Gradle wrapper's loop (gradlew): valid POSIX that tree-sitter-bash reads only as `for arg; do`.
  const gradlew =
    'for arg do\n    if case $arg in -classpath) true;; *) false;; esac\n    then shift\n    fi\n    set -- "$@" "$arg"\ndone\nexec "$JAVACMD" "$@"\n';
  test("is read as the loop over the arguments, its words as written", () => {
    const script = parseShell(gradlew);
    expect(script.problem).toBe(null);
    expect(script.root.text).toBe(gradlew);
    expect(simpleCommands(script).map((c) => c.name)).toEqual(expect.arrayContaining(["shift", "set", "exec"]));
  });
  test("a script with another syntax error still does not parse", () => {
    expect(parseShell(`for arg do\n  echo "$arg"\ndone\nif then fi\n`).problem).toBe("syntax");
  });
});
