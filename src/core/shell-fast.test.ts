// The fast path must build tree-sitter's tree exactly, wherever it accepts a script: compared on every RUN of
// every testdata Dockerfile (and of a corpus folder named by MSB_SHELL_CORPUS), and on generated command lines.
import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, parseWithTreeSitter } from "./shell.js";
import { parseFast } from "./shell-fast.js";
import { dockerfiles, dumpTree, runTexts } from "./shell-dump.js";

beforeAll(() => loadShell());

/** How many of the texts the fast path took; throws on the first tree that differs from tree-sitter's. */
function compare(texts: Iterable<string>): { accepted: number; total: number } {
  let accepted = 0;
  let total = 0;
  for (const text of texts) {
    total++;
    const fast = parseFast(text);
    if (!fast) continue;
    accepted++;
    const slow = parseWithTreeSitter(text);
    try {
      expect(dumpTree(fast), JSON.stringify(text)).toBe(dumpTree(slow.root));
      // The same text and parent links, which passes read too.
      for (const n of fast.descendantsOfType("command")) expect(n.parent?.children.includes(n)).toBe(true);
    } finally {
      slow.delete();
    }
  }
  return { accepted, total };
}

describe("fast shell path", () => {
  test("builds tree-sitter's tree for every testdata RUN it accepts, and accepts most", () => {
    const { accepted, total } = compare(runTexts(dockerfiles("testdata")));
    expect(total).toBeGreaterThan(1000);
    expect(accepted / total).toBeGreaterThan(0.4);
  });

  test("builds tree-sitter's tree for `export` with names and assignments, and leaves other forms to it", () => {
    const taken = [
      "export FLASK_APP=app.py",
      "export A B=1 && x",
      "x && export A=$(date) || y",
      "export PATH=$PATH:/opt/bin; make",
      'export A="x y" B=${C}',
      "cd /x && export A",
      'local f="$1"; shift; local a b=2',
      "local A=",
    ];
    expect(compare(taken)).toEqual({ accepted: taken.length, total: taken.length });
    const left = ["export", "export -p", "export A=1 > f", "export a-b", "A=1 export B", "export 'A'=1", "local -r A=1"];
    for (const text of left) expect(parseFast(text), text).toBeNull();
  });

  test("leaves deep nesting to tree-sitter, without overflowing the stack", () => {
    for (const [open, close] of [
      ["{ ", "; }"],
      ["if true; then ", "; fi"],
      ["for a in b; do ", "; done"],
      ["while a; do ", "; done"],
      ["case x in ab) ", ";; esac"],
    ]) {
      expect(parseFast(`${open.repeat(3000)}true${close.repeat(3000)}`), open).toBeNull();
      expect(parseFast(`${open.repeat(20)}true${close.repeat(20)}`), open).not.toBeNull();
    }
  });

  test.runIf(process.env.MSB_SHELL_CORPUS)("builds tree-sitter's tree for every RUN of the corpus it accepts", () => {
    const { accepted, total } = compare(runTexts(dockerfiles(process.env.MSB_SHELL_CORPUS ?? "")));
    console.log(`corpus: the fast path took ${accepted} of ${total} RUN texts`);
  });

  test("builds tree-sitter's tree for generated command lines", () => {
    // A fixed seed: the same lines every run.
    const { random, pick } = seeded(Number(process.env.MSB_SHELL_SEED ?? 20));
    const words = [
      "apt-get",
      "install",
      "-y",
      "curl",
      "rm",
      "-rf",
      "/var/lib/apt/lists/*",
      "1",
      "-1",
      "0x10",
      "0x1g",
      "12abc",
      "1.2.3",
      "a=b",
      "--x=y",
      "=x",
      "==",
      "=~",
      "A=1",
      "B=",
      "1=2",
      "A+=x",
      "_a=$B",
      "~/x",
      "x~",
      "a%b",
      "*",
      "?",
      "-",
      "--",
      ":",
      ".",
      "'raw str'",
      "'a\\b'",
      "'\\t $x \\'",
      "'a\\\nb'",
      '"a\\"b"',
      '"\\$x"',
      "a\\ b",
      "\\x",
      "!",
      "{}",
      "\\;",
      "a!",
      "!a",
      "{x}",
      "''",
      '""',
      '"a b"',
      '" a"',
      '"a "',
      '"$A"',
      '"$A $B"',
      '"${A}b"',
      '"x$A"',
      '"$A-x"',
      "$A",
      "${A}",
      "$A$B",
      "a$B",
      "${A}/d",
      "$1",
      "$@",
      "$?",
      "${A:-x}",
      "$#",
      "$!",
      "$*",
      "$-",
      "$0",
      "$9x",
      "$$",
      "$1b",
      "$10",
      "$?/",
      "x$@y",
      "$@$A",
      "$?-",
      '"$@"',
      '"$#x"',
      '"a $1 b"',
      '"$?"',
      "${A-x}",
      "${A:+x}",
      "${A:?x}",
      "${A?}",
      "${A:-}",
      "${A:-a.b/c}",
      "${A:-1}",
      '"${A:-/x}"',
      '"${A:-x y}"',
      "${A:=x}",
      "${A%x}",
      "${A:-$B}",
      "${A:--x}",
      "${A+1}x",
      "a${A:-b}c",
      "a$1",
      "a$?",
      "'a'$1",
      "'a'b$?",
      'a"b"$#',
      "$1$2",
      "$@.x",
      "'a'b",
      "a'b'",
      '"a"b"c"',
      'a"$B"',
      'x="a b"',
      "--opt='a b'",
      "if",
      "then",
      "fi",
      "done",
      "export",
      "cd",
      "echo",
      "!",
      "[",
      "]",
      "{",
      "}",
      "a[0]",
      "a{b}",
      "#c",
      "a#b",
      "(",
      ")",
      "`x`",
      "$(x)",
      "\\",
      "a\\ b",
      "\\$",
      "2",
      "10",
      "a2",
      "x1",
      "&",
      "time",
      "declare",
      "a$B/c$B-d",
      "$B-$B-d",
      '"$A-$B-x"',
      "$B$B-d",
      'a"$B"$B-d',
      "a${B}/c${B}-d",
      "$A.0",
      "-D$A=$B",
      "a@b",
      "a?b",
      "x@",
      "%",
      "a+b",
      "A=x@y",
      "$(a b)",
      '"$(c)"',
      "a$(d)e",
      "x=$(a | b)",
      "$(a && b)",
      "$( a )",
      "$(a;)",
      "$()",
      "$((1))",
      "$(a > f)",
      "$(echo $A)",
      "$(a $(b))",
      '"x $(a) y"',
      "$(a)$(b)",
      "$(a)-$B-c",
      "$(a; b)",
      "x$(a)$B-c",
      '"$(a)"-$B-c',
      "a.b:c",
      '"$A  "',
      '"  $A"',
      '"\t$A \t"',
      '"  ${A}"',
      '"  $(x)"',
      '"  $1"',
      '"x  "',
      '"\\\\"',
      '"a\\\\$B"',
      '"$A\\n"',
      '"\\`"',
      '"a\\\nb"',
      '"\\$"',
      "\\(",
      "\\)",
      "a\\(",
      "local",
      "${A:+--x-y}",
      "${A:-a:b}",
      "${A:-a=b}",
      "${A:-@x}",
      "${A:-,}",
      "${A:--}",
      "${A+:}",
    ];
    const ops = [" \\\n  && ", "\\\n|", " \\\n\t; ", " && ", " || ", " | ", "; ", " ; ", "&&", "|", ";", " |& ", " & ", "\n", " \\\n "];
    const redirects = [
      " > f",
      " >> /dev/null",
      " 2>&1",
      " 2> /dev/null",
      ">f",
      " < in",
      " &> log",
      " >&2",
      " 1>&2",
      " >| f",
      " 2>&-",
      " <<< x",
      " > f g",
    ];
    const line = (): string => {
      let text = "";
      const commands = 1 + random(4);
      for (let c = 0; c < commands; c++) {
        if (c > 0) text += pick(ops);
        const n = 1 + random(5);
        const parts: string[] = [];
        for (let w = 0; w < n; w++) parts.push(random(5) === 0 ? pick(words) + pick(words) : pick(words));
        text += parts.join(random(8) === 0 ? pick(["  ", " \\\n  ", "\\\n\t", "\\\n"]) : " ");
        if (random(4) === 0) text += pick(redirects);
        if (random(12) === 0) text += pick(redirects);
      }
      return random(15) === 0 ? `${text};` : text;
    };
    const group = (): string => {
      const plain = ["echo", "a", "'x y'", '"$A"', "-y", "1", "/tmp/f", "x=1", "A=1", "{", "}", "a}"];
      const inner = Array.from(
        { length: 1 + random(3) },
        () => `${pick(plain)} ${pick(plain)}${pick(["; ", ";", " ;", "\t; ", " && ", " | "])}`,
      ).join("");
      const after = random(3) === 0 ? pick(redirects) : "";
      if (random(2) === 0)
        return `${pick(["(", "( ", "((", "(\t"])}${inner}${pick(["a", "a;", "a )", ""])}${pick([")", " )", ""])}${after}`;
      return `${pick(["{ ", "{", "{\t"])}${inner}${pick(["}", " }", "\t}", ""])}${after}`;
    };
    const simple = (): string => `${pick(["echo", "apt-get", "rm", "a", "x=1"])} ${pick(["a", "-y", "'x y'", '"$A"', "1"])}`;
    const withGroups = (): string => {
      if (random(2) === 0) return line();
      const parts = [random(2) === 0 ? simple() : "", group(), random(2) === 0 ? simple() : ""].filter(Boolean);
      return parts.join(pick([" && ", " || ", " | ", "; ", " &&", " "]));
    };
    const lines = Array.from({ length: Number(process.env.MSB_SHELL_LINES ?? 9000) }, withGroups);
    const { accepted } = compare(lines);
    for (const type of ["compound_statement", "subshell", "command_substitution", "redirected_statement", "variable_assignment"])
      expect(lines.filter((l) => parseFast(l)?.descendantsOfType(type).length).length, type).toBeGreaterThan(50);
    if (process.env.MSB_SHELL_LINES) console.log(`generated: the fast path took ${accepted} of ${lines.length}`);
    expect(accepted).toBeGreaterThan(300);
  });
  test("builds tree-sitter's tree for generated compound commands, tests and case statements", { timeout: 60_000 }, () => {
    const { random, pick } = seeded(Number(process.env.MSB_SHELL_SEED ?? 7));
    /** Mostly one of `good`, now and then one of `odd` (forms the fast path must leave to tree-sitter, or must get right). */
    const mostly = <T>(good: readonly T[], odd: readonly T[]): T => (random(40) === 0 ? pick(odd) : pick(good));
    const blank = (): string => mostly([" ", " ", " ", "  ", "\t", "\t\t", " \\\n\t", "\\\n\t\t", " \\\n "], [""]);
    const semi = (): string => mostly(["; ", ";", " ; ", ";\t", "; \\\n\t"], [" ;; ", " & ", "\n", " && ", ""]);
    const operand = (): string =>
      mostly(
        ["x", "1", "/etc/f", '"$A"', "$A", "'a b'", '"x"', "${A}", "${A%/php}", "$1", '"$(x)"'],
        ["-1", '""', "!", "-f", "=", "a*", "(", "]"],
      );
    const test = (): string => {
      const [open, close] = mostly(
        [
          ["[", "]"],
          ["[[", "]]"],
        ],
        [["[", "]]"]],
      );
      const body = pick([
        () => `${pick(["-f", "-d", "-n", "-z", "-e", "-x", "-nt", "-eq", "--"])} ${operand()}`,
        () => `! ${pick(["-f", "-d", "-n"])} ${operand()}`,
        () => `${operand()} ${mostly(["=", "!=", "==", "-eq", "-ne", "-lt", "-gt"], ["=~", "-a", "-o", "<"])} ${operand()}`,
        () => operand(),
        () => `${operand()} = ${operand()} -a -n ${operand()}`,
      ])();
      return `${open}${mostly([" ", "  ", "\t"], [""])}${body}${mostly([" ", "  ", "\t"], [""])}${close}${pick(["", "", " > /dev/null", " 2>&1"])}`;
    };
    const simple = (): string =>
      mostly(
        [
          "echo a",
          "a",
          "x=1",
          "exit 1",
          'url="${A##*-}"',
          "b ${A%%[a-z]*} ${A#v} ${A%.*} ${A%/} ${A##*/}",
          "rm -rf /x",
          "cd /x && make",
          "a | b",
          "! a",
          "! a | b",
          "a > f",
          ":",
          "{ a; }",
          "(a)",
          "export A=1",
        ],
        ["then", "fi", "done", "esac", "in", "a)", "! ! a", "! { a | b; }", "${A/x/y}", "${A%}", "${A%'x'}"],
      );
    const statements = (depth: number): string =>
      Array.from({ length: 1 + random(3) }, () => `${statement(depth)}${mostly([";", "; ", " ;"], [""])}`).join(blank());
    const statement = (depth: number): string => {
      if (depth > 2 || random(3) === 0) return random(4) === 0 ? test() : simple();
      const d = depth + 1;
      return pick([
        () =>
          `if ${random(2) ? test() : statement(d)};${blank()}then ${statements(d)}${blank()}${random(2) === 0 ? `elif ${random(2) ? test() : simple()}; then ${statements(d)}${blank()}` : ""}${random(2) ? `else ${statements(d)}${blank()}` : ""}fi`,
        () =>
          `for ${mostly(["f", "x_1"], ["1", "in"])} in${mostly([" a", " a b", ' "$A" $(ls) *.txt', " \\\n\t\ta \\\n\t\tb"], [""])}${semi()}${blank()}do ${statements(d)}${blank()}done`,
        () => `${pick(["while", "until"])} ${random(2) ? test() : statement(d)}; do ${statements(d)}${blank()}done`,
        () => {
          const pattern = (): string =>
            mostly(["*", "x", "abc", "a1", "A", "x86_64", "armhf", "'amd64'", '"arm64"', "1"], ["a.b", "a-b", "$A", "a*", "esac", "in"]);
          const patterns = (): string => Array.from({ length: 1 + random(3) }, pattern).join(pick(["|", " | ", "| ", " |"]));
          const items = Array.from(
            { length: 1 + random(4) },
            () =>
              `${blank()}${patterns()}${mostly([")"], [" )", ""])}${blank()}${random(4) === 0 ? "" : statements(d)}${blank()}${mostly([";;", " ;;"], [";&", ";"])}`,
          ).join("");
          return `case ${mostly(['"$A"', "$A", "x", "'a'"], ["in"])} in${items}${blank()}esac`;
        },
      ])();
    };
    const lines = Array.from({ length: Number(process.env.MSB_SHELL_LINES ?? 6000) }, () => {
      const parts = Array.from({ length: 1 + random(3) }, () => statement(random(2)));
      return parts.join(pick(["; ", " && ", " || ", " | ", ";\t", "; \\\n\t"])) + (random(6) === 0 ? pick([" > f", " | x", " 2>&1"]) : "");
    });
    const { accepted } = compare(lines);
    for (const type of [
      "if_statement",
      "elif_clause",
      "else_clause",
      "for_statement",
      "while_statement",
      "case_item",
      "test_command",
      "negated_command",
      "binary_expression",
      "unary_expression",
      "regex",
    ])
      expect(lines.filter((l) => parseFast(l)?.descendantsOfType(type).length).length, type).toBeGreaterThan(10);
    if (process.env.MSB_SHELL_LINES) console.log(`generated compounds: the fast path took ${accepted} of ${lines.length}`);
    expect(accepted).toBeGreaterThan(300);
  });
});

/** A seeded random source (mulberry32): the same generated scripts on every run. */
function seeded(start: number): { random: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  let seed = start;
  const random = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  return { random, pick: <T>(xs: readonly T[]): T => xs[random(xs.length)] };
}
