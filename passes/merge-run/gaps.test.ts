// collapseBlanks moves the tree's offsets instead of parsing the new text again: the moved tree must be the tree
// tree-sitter builds for that text, on every testdata RUN (and a corpus folder named by MSB_SHELL_CORPUS),
// whichever parser built the tree it started from, and on scripts with blanks in every construct.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { allInstructions } from "../../src/core/ir.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { loadShell, parseWithTreeSitter, type ShellNode, type ShellScript } from "../../src/core/shell.js";
import { parseFast } from "../../src/core/shell-fast.js";
import { collapseBlanks } from "./layout.js";
import { dumpTree } from "../../src/core/shell-dump.js";

beforeAll(() => loadShell());

/** How many texts had gaps to close; throws on the first moved tree that differs from tree-sitter's. */
function compare(texts: Iterable<string>): number {
  let closed = 0;
  for (const text of texts) {
    const slow = parseWithTreeSitter(text);
    try {
      if (slow.root.hasError) continue;
      const fast = parseFast(text);
      for (const root of fast ? [slow.root, fast] : [slow.root]) {
        const script: ShellScript = { text, root, ok: true, problem: null };
        const collapsed = collapseBlanks(script);
        if (collapsed === script) continue;
        closed++;
        const expected = parseWithTreeSitter(collapsed.text);
        try {
          expect(dumpTree(collapsed.root), JSON.stringify(text)).toBe(dumpTree(expected.root));
          for (const n of (collapsed.root as ShellNode).descendantsOfType("command")) expect(n?.parent?.children.includes(n)).toBe(true);
        } finally {
          expected.delete();
        }
      }
    } finally {
      slow.delete();
    }
  }
  return closed;
}

function* runTexts(root: string): Iterable<string> {
  const walk = function* (dir: string): Iterable<string> {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) yield* walk(path);
      else if (/Dockerfile$/.test(name)) yield path;
    }
  };
  for (const file of walk(root)) {
    let df: ReturnType<typeof parseDockerfile>["dockerfile"];
    try {
      df = parseDockerfile(readFileSync(file, "utf8")).dockerfile;
    } catch {
      continue;
    }
    for (const instr of allInstructions(df)) if (instr.keyword === "RUN" && !instr.exec) yield joinContinuations(instr.args);
  }
}

test("the moved tree is tree-sitter's tree of the collapsed text, on every testdata RUN", () => {
  expect(compare(runTexts("testdata"))).toBeGreaterThan(100);
});

test.runIf(process.env.MSB_SHELL_CORPUS)("the moved tree is tree-sitter's tree of the collapsed text, on the corpus", () => {
  console.log(`corpus: ${compare(runTexts(process.env.MSB_SHELL_CORPUS ?? ""))} scripts with gaps closed`);
});

test("the moved tree is tree-sitter's tree of the collapsed text, with blanks in every construct", () => {
  const scripts = [
    "apt-get   install  -y  curl\t\tgit",
    "[[  $a  =~  ^x.*$  ]]  &&  [  -f  /x  ]  ||  test   -d  y",
    "echo  $((  1  +  2  ))  $(  date  )  `  id  `",
    "case  $x  in  a|b)  echo  a  ;;  *)  echo  b  ;;  esac",
    "if  [  -f  x  ];  then  y;  elif  z;  then  w;  else  v;  fi",
    "for  f  in  a  b;  do  echo  $f;  done;  while  false;  do  :;  done",
    "f  ()  {  x;  }  ;  f",
    "x=(  a  b  )  &&  declare  -a  y  &&  export   A=1  B=2  &&  local  z",
    "!  a  &&  a  &",
    "a  2>&1  >  /dev/null  <  in  |  b  |&  c",
    "(  cd  /x  &&  make  )  ;  {  a;  b;  }",
    "echo  ${x:-a   b}  ${#y}  \"$z\"  '  q  '  $'  c  '",
    "a  # a   comment",
    "unset   X  ;  readonly  Y=1",
    "x=1    y=2   z",
    "echo  a\\  b  c",
  ];
  expect(compare(scripts)).toBeGreaterThan(10);
});
