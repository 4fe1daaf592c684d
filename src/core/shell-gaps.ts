// A script with runs of blanks between tokens made single, and its tree, without parsing it again. Blanks
// between two tokens only separate them: the parser reads one blank or many the same way, so the new text's
// tree is the old tree with its offsets moved (layout.test.ts checks this against tree-sitter on every
// testdata RUN and on a corpus). A parse costs far more than the copy: merge-run tidies every RUN it reads.
import { FastNode } from "./shell-fast.js";
import type { ShellNode, ShellScript } from "./shell.js";

/**
 * The script with each gap [start, end) replaced by one blank. Each gap must be a run of blanks between two
 * sibling nodes of a script that parsed cleanly; null when the tree cannot be copied (the caller parses).
 */
export function closeGaps(script: ShellScript, gaps: readonly (readonly [number, number])[]): ShellScript | null {
  if (!script.ok) return null;
  const sorted = [...gaps].sort((a, b) => a[0] - b[0]);
  let text = "";
  let from = 0;
  // removed[k]: blanks dropped by the gaps before sorted[k] ends.
  const ends: number[] = [];
  const removed: number[] = [];
  let total = 0;
  for (const [start, end] of sorted) {
    if (start < from || end - start < 2 || !/^[ \t]+$/.test(script.text.slice(start, end))) return null;
    text += `${script.text.slice(from, start)} `;
    from = end;
    total += end - start - 1;
    ends.push(end);
    removed.push(total);
  }
  text += script.text.slice(from);
  const starts = sorted.map((g) => g[0]);
  /** The new offset of an old one; NaN inside a gap (no node starts or ends there). */
  const at = (offset: number): number => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo < starts.length && starts[lo] < offset) return Number.NaN;
    return offset - (lo > 0 ? removed[lo - 1] : 0);
  };
  const root = copy(script.root, text, at);
  return root ? { text, root, ok: true, problem: null } : null;
}

function copy(node: ShellNode, source: string, at: (offset: number) => number): FastNode | null {
  const start = at(node.startIndex);
  const end = at(node.endIndex);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  const kids = node.children;
  if (kids.length === 0) return new FastNode(source, node.type, node.isNamed, start, end);
  const children: FastNode[] = [];
  // Made at the first child with a field name (most nodes have none: the node's default, one shared empty list).
  let fields: (string | null)[] | undefined;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    if (!kid) return null;
    const copied = copy(kid, source, at);
    if (!copied) return null;
    children.push(copied);
    const field = node.fieldNameForChild(i);
    if (field !== null && !fields) fields = new Array<string | null>(i).fill(null);
    fields?.push(field);
  }
  return new FastNode(source, node.type, node.isNamed, start, end, children, fields);
}
