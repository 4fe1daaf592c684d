// The canonical text of a rewritten RUN: one command per continuation line, comments hoisted above.
import { andOrChain, topLevel } from "./shell-state.js";
import { overlapsRun, parseShell, textRuns, type ShellNode, type ShellScript } from "../../src/core/shell.js";
import { closeGaps } from "../../src/core/shell-gaps.js";

/** Nodes whose inside is taken literally: blanks there are data. */
export const VERBATIM = new Set([
  "string",
  "raw_string",
  "ansi_c_string",
  "translated_string",
  "heredoc_body",
  "heredoc_redirect",
  "comment",
  "expansion",
  "regex",
]);

/**
 * The script with runs of blanks between tokens made single (what a joined continuation leaves:
 * `install -y curl \` + `    git` gives `curl     git`). Unquoted blanks only separate words, so the meaning is
 * the same; quoted text, heredocs and comments are left as they are.
 */
export function collapseBlanks(script: ShellScript): ShellScript {
  // Once per parsed script object, which the shell parser shares between the files of a batch.
  let tidy = collapsed.get(script);
  if (!tidy) collapsed.set(script, (tidy = collapse(script)));
  return tidy;
}
const collapsed = new WeakMap<ShellScript, ShellScript>();

function collapse(script: ShellScript): ShellScript {
  // A gap is a run of two or more blanks: only nodes that span one need a look (walking the tree is the cost).
  const runs = textRuns(script.text, /[ \t]{2,}/g);
  if (runs.length === 0) return script;
  const gaps: [number, number][] = [];
  const visit = (node: ShellNode): void => {
    if (VERBATIM.has(node.type) || !overlapsRun(runs, node.startIndex, node.endIndex)) return;
    const kids = node.children.filter((c): c is ShellNode => c !== null);
    for (let i = 0; i + 1 < kids.length; i++) {
      const [a, b] = [kids[i].endIndex, kids[i + 1].startIndex];
      if (b - a > 1 && /^[ \t]+$/.test(script.text.slice(a, b))) gaps.push([a, b]);
    }
    kids.forEach(visit);
  };
  visit(script.root);
  if (gaps.length === 0) return script;
  // The same tree with its offsets moved, as a parse of the new text would give (not parsed again: the cost).
  const closed = closeGaps(script, gaps);
  if (closed) return closed;
  let text = script.text;
  for (const [a, b] of gaps.sort((x, y) => y[0] - x[0])) text = `${text.slice(0, a)} ${text.slice(b)}`;
  const tidy = parseShell(text);
  return tidy.ok ? tidy : script;
}

/**
 * Where a script goes in the merged RUN, which decides how it must be wrapped to keep its exit status:
 * - `first`: `A && …` — any and-or list would be exact (`a || b && c` is `(a || b) && c`);
 * - `later`: `… && B` — `… && a || b` would be `(… && a) || b`, so B is grouped unless it only uses `&&`;
 * in both, a chain with `||` is grouped as `{ a || b; }`;
 * - `alone`: the whole RUN, statements one per line.
 * A sequence `a; b` is grouped as `{ a; b; }` (no errexit: its status is b's, as in its own RUN), and
 * `isolate` runs the script in `( … )` so that the state it leaves (cd, export…) dies with it.
 */
export function scriptLines(script: ShellScript, place: "first" | "later" | "alone", isolate = false): string[] {
  const { statements } = topLevel(script);
  if (statements.length === 0) return [];
  const body = script.text.slice(statements[0].startIndex, statements[statements.length - 1].endIndex);
  if (isolate) return [`( ${body} )`];
  if (statements.length > 1) {
    if (place !== "alone") return [`{ ${body}; }`];
    const last = statements[statements.length - 1];
    return [...statements.slice(0, -1).map((s) => `${s.text};`), ...chainLines(andOrChain(last, script.text))];
  }
  const chain = andOrChain(statements[0], script.text);
  // `a || b && c` is `(a || b) && c`, exact as a first RUN but easy to misread: merged RUNs group it.
  if (place !== "alone" && chain.some((l) => l.op === "||")) return [`{ ${body}; }`];
  return chainLines(chain);
}

function chainLines(chain: ReturnType<typeof andOrChain>): string[] {
  return chain.map((l) => (l.op ? `${l.op} ${l.text}` : l.text));
}

/** The trailing `# comment` of a script, or "". */
export function trailingComment(script: ShellScript): string {
  return topLevel(script).comment?.text ?? "";
}

/** Only the comment lines of an instruction's `leading` text (blank lines dropped). */
export function commentLines(leading: string): string[] {
  return leading
    .split(/(?<=\n)/)
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.replace(/\r?\n?$/, "\n").trimStart());
}
