import { beforeAll, describe, expect, test } from "vitest";
import { andOrChain, hasBackground, shellHasErrexit, shellLoadsProfile, stateLeftBehind, topLevel } from "./shell-state.js";
import { loadShell, parseShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());
const state = (text: string) => stateLeftBehind(parseShell(text)).map((s) => `${s.what}${s.isolatable ? "" : " (!)"}`);

describe("stateLeftBehind", () => {
  test.each([
    ["cd /tmp && make", ["`cd`"]],
    ["export A=1", ["`export`"]],
    ["A=1", ["`A=…`"]],
    ["A=1 make", []],
    ["set -eux; make", ["`set -eux` (!)"]],
    ["set -o errexit", ["`set -o errexit` (!)"]],
    ["set -x", ["`set -x`"]],
    ["trap 'rm x' EXIT", ["`trap` (!)"]],
    ["f() { :; }", ["`f()`"]],
    ["for i in 1; do :; done", ["`for i`"]],
    [". /etc/os-release", ["`.`"]],
    ["echo ${X:=1}", ["`${X:=1}`"]],
    ["(cd /tmp && make)", []],
    ["echo $(cd /tmp; pwd)", []],
    ["cd /tmp | cat", []],
    ["if true; then umask 077; fi", ["`umask`"]],
    ["test -f x || exit 0", ["`exit`"]],
    ["apt-get update && apt-get install -y curl", []],
    ["\\cd /x", ["`cd`"]],
    ["time cd /x", ["`cd`"]],
    ["time -p make", []],
    ["service postgresql start && psql -c 'select 1'", ["`service` (!)"]],
    ["/etc/init.d/mysql start", ["`/etc/init.d/mysql` (!)"]],
    ["$CMD /tmp", ["`$CMD`"]],
  ])("%j", (text, expected) => expect(state(text)).toEqual(expected));
});

describe("structure", () => {
  test("background", () => {
    expect(hasBackground(parseShell("sleep 1 & touch a"))).toBe(true);
    expect(hasBackground(parseShell("{ sleep 1 & }"))).toBe(true);
    expect(hasBackground(parseShell("a && b >&2 2>&1"))).toBe(false);
  });
  test("top level and trailing comment", () => {
    const { statements, comment } = topLevel(parseShell("a; b && c # note"));
    expect(statements.map((s) => s.text)).toEqual(["a", "b && c"]);
    expect(comment?.text).toBe("# note");
  });
  test.each([
    ["a && b || c && d | e", ["a", "&&b", "||c", "&&d | e"]],
    // tree-sitter-bash parses these as `(a || b) > f`: the redirect belongs to the last link.
    ["a || echo x > f", ["a", "||echo x > f"]],
    ["a > f && b 2>&1 || c > g", ["a > f", "&&b 2>&1", "||c > g"]],
  ])("and-or chain of %j", (text, expected) => {
    const script = parseShell(text);
    const [stmt] = topLevel(script).statements;
    expect(andOrChain(stmt, script.text).map((l) => `${l.op}${l.text}`)).toEqual(expected);
  });
  test("errexit shells", () => {
    expect(shellHasErrexit(["/bin/bash", "-e", "-c"])).toBe(true);
    expect(shellHasErrexit(["/bin/sh", "-ec"])).toBe(true);
    expect(shellHasErrexit(["/bin/bash", "-o", "errexit", "-c"])).toBe(true);
    expect(shellHasErrexit(["/bin/bash", "-o", "pipefail", "-c"])).toBe(false);
    expect(shellHasErrexit(["/bin/sh", "-c"])).toBe(false);
  });
  test("shells that run start-up scripts", () => {
    expect(shellLoadsProfile(["/bin/bash", "--login", "-c"])).toBe(true);
    expect(shellLoadsProfile(["/bin/bash", "-lc"])).toBe(true);
    expect(shellLoadsProfile(["/bin/bash", "-o", "pipefail", "-c"])).toBe(false);
  });
});

describe("hasBackground looks only at the nodes around a `&`", () => {
  test.each([
    ["a && b && c", false],
    ["a && { b & } && c", true],
    ["echo '&' \"&\" \\& && x", false],
    ["( ( ( sleep 1 & ) ) ) && y", true],
    ["a &> /dev/null && b 2>&1", false],
    ["if true; then a; fi && b & wait", true],
    ["for i in 1 2; do a $i & done", true],
  ])("%j", (text, expected) => expect(hasBackground(parseShell(text))).toBe(expected));
});
