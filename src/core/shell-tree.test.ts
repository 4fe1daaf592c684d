// The copy of a tree-sitter tree (shell-tree.ts) must be tree-sitter's tree exactly: compared on every RUN of
// every testdata Dockerfile (and of a corpus folder named by MSB_SHELL_CORPUS) that the fast path leaves to
// tree-sitter. Trees with errors or too deep are not copied.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, MAX_SHELL_DEPTH, parseShell, parseWithTreeSitter } from "./shell.js";
import { FastNode, parseFast } from "./shell-fast.js";
import { dockerfiles, dumpTree, runTexts } from "./shell-dump.js";
import { TYPES_WITH_FIELDS } from "./shell-tree.js";

beforeAll(() => loadShell());

/** How many of the texts were copied; throws on the first copy that differs from tree-sitter's tree. */
function compare(texts: Iterable<string>): number {
  let copied = 0;
  for (const text of texts) {
    if (parseFast(text)) continue;
    const script = parseShell(text);
    if (!script.ok) continue;
    copied++;
    expect(script.root).toBeInstanceOf(FastNode);
    const slow = parseWithTreeSitter(text);
    try {
      expect(dumpTree(script.root), JSON.stringify(text)).toBe(dumpTree(slow.root));
      for (const n of script.root.descendantsOfType("command")) expect(n?.parent?.children.includes(n)).toBe(true);
      for (const type of ["command", "word", "if_statement", "variable_name"]) {
        const mine = script.root.descendantsOfType(type).map((n) => `${n?.startIndex}-${n?.endIndex}:${n?.text}`);
        expect(mine).toEqual(slow.root.descendantsOfType(type).map((n) => `${n?.startIndex}-${n?.endIndex}:${n?.text}`));
      }
    } finally {
      slow.delete();
    }
  }
  return copied;
}

describe("copied tree-sitter trees", () => {
  test("are tree-sitter's tree for every testdata RUN the fast path leaves to it", () => {
    expect(compare(runTexts(dockerfiles("testdata")))).toBeGreaterThan(30);
  });

  test.runIf(process.env.MSB_SHELL_CORPUS)("are tree-sitter's tree for every RUN of the corpus the fast path leaves to it", () => {
    console.log(`corpus: ${compare(runTexts(dockerfiles(process.env.MSB_SHELL_CORPUS ?? "")))} RUN texts copied`);
  });

  test("are tree-sitter's tree for compound commands, tests, expansions and comments", () => {
    const texts = [
      'if [ -f /x ]; then echo "a b"; elif [[ $A == b* ]]; then :; else exit 1; fi',
      "for f in a b ${C:-d}; do echo $f; done; case $X in a|b) y ;; *) z ;; esac",
      "! grep -q x /etc/y && A=$(( 1 + 2 )) && echo `date` # done",
      "cat <<EOF > /x\nhello $A\nEOF\necho ü 😀 done",
      "f() { local a=1; echo $a; }; f 2>&1 | tee /log &",
    ];
    expect(compare(texts)).toBe(texts.length);
  });

  test("are not made of a tree with a syntax error or one deeper than the passes walk", () => {
    const broken = parseShell("if then fi (");
    expect(broken.problem).toBe("syntax");
    expect(broken.root.hasError).toBe(true);
    const deep = parseShell(Array.from({ length: MAX_SHELL_DEPTH + 10 }, (_, i) => `a${i}`).join(" && "));
    expect(deep.problem).toBe("depth");
    expect(deep.root).not.toBeInstanceOf(FastNode);
    const justInside = parseShell(`echo "$(${Array.from({ length: 250 }, (_, i) => `a${i}`).join(" && ")})"`);
    expect(justInside.ok).toBe(true);
  });

  test("ask for field names under exactly the node types the grammar gives fields", () => {
    const file = createRequire(import.meta.url).resolve("tree-sitter-bash/src/node-types.json");
    const types = JSON.parse(readFileSync(file, "utf8")) as { type: string; fields?: Record<string, unknown> }[];
    const withFields = types.filter((t) => Object.keys(t.fields ?? {}).length > 0).map((t) => t.type);
    expect([...TYPES_WITH_FIELDS].sort()).toEqual(withFields.sort());
  });
});
