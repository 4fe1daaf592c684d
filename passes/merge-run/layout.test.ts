import { beforeAll, describe, expect, test } from "vitest";
import { collapseBlanks, commentLines, scriptLines, trailingComment, VERBATIM } from "./layout.js";
import { commentsInContinuation } from "../../src/core/ir.js";
import { loadShell, parseShell, type ShellNode } from "../../src/core/shell.js";

beforeAll(() => loadShell());

describe("scriptLines", () => {
  test.each([
    ["a && b", "first", false, ["a", "&& b"]],
    ["a || b", "first", false, ["{ a || b; }"]],
    ["a && b", "later", false, ["a", "&& b"]],
    ["a || b > f", "later", false, ["{ a || b > f; }"]],
    ["a; b", "later", false, ["{ a; b; }"]],
    ["cd /x && make", "first", true, ["( cd /x && make )"]],
    ["(a) && b", "first", true, ["( (a) && b )"]],
    ["set -e; a; b || c # note", "alone", false, ["set -e;", "a;", "b", "|| c"]],
  ] as const)("%j as %s (isolate %s)", (text, place, isolate, expected) => {
    expect(scriptLines(parseShell(text), place, isolate)).toEqual(expected);
  });
});

describe("comments", () => {
  test("trailing comment", () => expect(trailingComment(parseShell("a && b # note"))).toBe("# note"));
  test("comment lines of a continuation move out", () => {
    expect(commentsInContinuation({ raw: null, args: "a \\\n    # why b\n    && b", heredocs: [] })).toEqual(["# why b\n"]);
  });
  test("comments before the first argument and between flags are in the original text only", () => {
    const raw = "RUN \\\r\n# why  \r\n  --mount=type=cache,target=/x \\\n\t# which\n  a";
    expect(commentsInContinuation({ raw, args: "a", heredocs: [] })).toEqual(["# why  \n", "# which\n"]);
  });
  test("leading keeps comments, drops blank lines", () => {
    expect(commentLines("\n# one\r\n\n  # two\n")).toEqual(["# one\n", "# two\n"]);
  });
});

describe("collapseBlanks", () => {
  test.each([
    ["apt-get install -y a     b", "apt-get install -y a b"],
    ['echo "a   b"   c', 'echo "a   b" c'],
    ["echo 'a   b'  &&   x", "echo 'a   b' && x"],
    ["a   |   b  >   f", "a | b > f"],
    ["echo ${x:-a   b}", "echo ${x:-a   b}"],
    ["x  # a   comment", "x # a   comment"],
  ])("%j", (text, expected) => expect(collapseBlanks(parseShell(text)).text).toBe(expected));
});

describe("collapseBlanks looks only at the nodes around a run of blanks", () => {
  /** The whole-tree walk the screen stands in for: every gap of blanks between two sibling tokens. */
  const everyGap = (text: string): string => {
    const script = parseShell(text);
    const gaps: [number, number][] = [];
    const visit = (node: ShellNode): void => {
      if (VERBATIM.has(node.type)) return;
      const kids = node.children.filter((c): c is ShellNode => c !== null);
      for (let i = 0; i + 1 < kids.length; i++) {
        const [a, b] = [kids[i].endIndex, kids[i + 1].startIndex];
        if (b - a > 1 && /^[ \t]+$/.test(text.slice(a, b))) gaps.push([a, b]);
      }
      kids.forEach(visit);
    };
    visit(script.root);
    let out = text;
    for (const [a, b] of gaps.sort((x, y) => y[0] - x[0])) out = `${out.slice(0, a)} ${out.slice(b)}`;
    return out;
  };
  test.each([
    "apt-get install -y     curl   git && rm -rf /var/lib/apt/lists/*",
    "echo \"a    b\"  &&  printf  '%s   \\n'  x",
    "( cd /x  &&  make   -j4 )  ||  { echo  failed;  exit  1; }",
    'for f in  a  b; do  echo "$f"   ${f%%  x}; done',
    "a\t\t&& b  # a   comment",
    "x=1   y=2  make  >  /dev/null   2>&1",
    "plain && single spaces only",
  ])("%j", (text) => expect(collapseBlanks(parseShell(text)).text).toBe(everyGap(text)));
});
