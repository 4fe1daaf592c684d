// A tree-sitter tree copied into plain FastNodes, once, right after the parse. Every read of a web-tree-sitter
// node crosses into wasm and builds new node objects (`children` marshals them all again on every call), and
// the passes read the same nodes many times over: one walk with a cursor costs less than that, the wasm tree
// can be freed at once, and the passes then see one kind of node whatever parsed the script.
// shell-tree.test.ts compares the copy with tree-sitter's own tree on every testdata and corpus RUN.
import type { Language, Tree, TreeCursor } from "web-tree-sitter";
import { FastNode } from "./shell-fast.js";

/** A node being copied: its own facts, and the copies of the children seen so far. */
interface Open {
  readonly type: string;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly field: string | null;
  readonly kids: FastNode[];
  readonly fields: (string | null)[];
}

/**
 * The node types whose children may have field names (tree-sitter-bash's node-types.json, checked by
 * shell-tree.test.ts): the children of any other node are not asked for one, a wasm call saved per node.
 */
export const TYPES_WITH_FIELDS: ReadonlySet<string> = new Set(
  "binary_expression c_style_for_statement case_item case_statement command command_substitution expansion file_redirect for_statement function_definition heredoc_redirect herestring_redirect if_statement postfix_expression redirected_statement subscript ternary_expression unary_expression variable_assignment while_statement".split(
    " ",
  ),
);

/** Whether each node type id is named, asked of the grammar once per type. */
const namedByType = new WeakMap<Language, boolean[]>();

/**
 * The tree as FastNodes over `text`, or null when a node lies deeper than `maxDepth` (the caller keeps
 * tree-sitter's tree then, which measures no deeper). Only for trees without errors: FastNode has none.
 */
export function copyTree(tree: Tree, text: string, maxDepth: number): FastNode | null {
  const language = tree.language;
  let named = namedByType.get(language);
  if (!named) namedByType.set(language, (named = []));
  const cursor = tree.walk();
  try {
    return walk(cursor, text, maxDepth, language, named);
  } finally {
    cursor.delete();
  }
}

function walk(cursor: TreeCursor, text: string, maxDepth: number, language: Language, named: boolean[]): FastNode | null {
  const open = (parent: Open | undefined): Open => {
    const id = cursor.nodeTypeId;
    let isNamed = named[id];
    if (isNamed === undefined) isNamed = named[id] = cursor.nodeIsNamed;
    return {
      type: language.types[id] || "ERROR",
      named: isNamed,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: parent && TYPES_WITH_FIELDS.has(parent.type) ? (language.fields[cursor.currentFieldId] ?? null) : null,
      kids: [],
      fields: [],
    };
  };
  // The ancestors of `current`, whose children are still being copied: as many as its depth.
  const ancestors: Open[] = [];
  let current = open(undefined);
  for (;;) {
    if (cursor.gotoFirstChild()) {
      ancestors.push(current);
      if (ancestors.length > maxDepth) return null;
      current = open(current);
      continue;
    }
    // `current` has no more children: close it, then go on with its next sibling or close its parent.
    for (;;) {
      const node =
        current.kids.length === 0
          ? new FastNode(text, current.type, current.named, current.start, current.end)
          : new FastNode(text, current.type, current.named, current.start, current.end, current.kids, current.fields);
      const parent = ancestors[ancestors.length - 1];
      if (!parent) return node;
      parent.kids.push(node);
      parent.fields.push(current.field);
      if (cursor.gotoNextSibling()) {
        current = open(parent);
        break;
      }
      cursor.gotoParent();
      current = ancestors.pop() as Open;
    }
  }
}
