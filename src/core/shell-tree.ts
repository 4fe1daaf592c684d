// A tree-sitter tree copied into plain FastNodes, once, right after the parse. Every read of a web-tree-sitter
// node crosses into wasm and builds new node objects (`children` marshals them all again on every call), and
// the passes read the same nodes many times over: one walk with a cursor costs less than that, the wasm tree
// can be freed at once, and the passes then see one kind of node whatever parsed the script.
// shell-tree.test.ts compares the copy with tree-sitter's own tree on every testdata and corpus RUN.
//
// The cursor's methods copy its four words into wasm memory before each call and back after each move (five
// calls and some forty word copies per node): the words stay in the binding's transfer buffer between calls,
// so the walk calls the binding's exports itself when it has them (`rawCursorCalls`), and writes the words
// back into the cursor object once, before the cursor is freed. Twice as fast as through the methods.
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
    if (raw) return walkRaw(raw, (tree as unknown as Record<number, number>)[0], text, maxDepth, language, named);
    return walk(cursor, text, maxDepth, language, named);
  } finally {
    // The raw walk moved the cursor in the transfer buffer only: its words (the stack it grew) go back first.
    if (raw) for (let i = 0; i < 4; i++) (cursor as unknown as Record<number, number>)[i] = raw.heap().HEAP32[(raw.buffer >> 2) + i];
    cursor.delete();
  }
}

/** The binding's cursor exports, called with the tree's address; the cursor is the transfer buffer's first four words. */
interface RawCalls {
  readonly buffer: number;
  readonly heap: () => { readonly HEAP32: Int32Array };
  readonly firstChild: (tree: number) => number;
  readonly nextSibling: (tree: number) => number;
  readonly parent: (tree: number) => number;
  readonly typeId: (tree: number) => number;
  readonly isNamed: (tree: number) => number;
  readonly start: (tree: number) => number;
  readonly end: (tree: number) => number;
  readonly fieldId: (tree: number) => number;
}
let raw: RawCalls | null = null;

/**
 * Use the exports of web-tree-sitter's module: the object given to `Parser.init`, which emscripten fills in
 * (it stays empty when an earlier `Parser.init` made the module: the walk then goes through the cursor's
 * methods). Called once, right after `Parser.init`.
 */
export function rawCursorCalls(module: Record<string, unknown>): void {
  const names = {
    init: "_ts_init",
    firstChild: "_ts_tree_cursor_goto_first_child_wasm",
    nextSibling: "_ts_tree_cursor_goto_next_sibling_wasm",
    parent: "_ts_tree_cursor_goto_parent_wasm",
    typeId: "_ts_tree_cursor_current_node_type_id_wasm",
    isNamed: "_ts_tree_cursor_current_node_is_named_wasm",
    start: "_ts_tree_cursor_start_index_wasm",
    end: "_ts_tree_cursor_end_index_wasm",
    fieldId: "_ts_tree_cursor_current_field_id_wasm",
  };
  const f = Object.fromEntries(Object.entries(names).map(([k, name]) => [k, module[name]]));
  if (!Object.values(f).every((v) => typeof v === "function") || !(module.HEAP32 instanceof Int32Array)) return;
  const call = f as Record<keyof typeof names, (tree?: number) => number>;
  raw = {
    // The buffer's address; `_ts_init` only writes the language versions there, which the module read at its start.
    buffer: call.init(),
    // Read afresh: a memory that grows gets a new view.
    heap: () => module as unknown as { HEAP32: Int32Array },
    ...(call as Omit<RawCalls, "buffer" | "heap">),
  };
}

function walkRaw(calls: RawCalls, tree: number, text: string, maxDepth: number, language: Language, named: boolean[]): FastNode | null {
  const { firstChild, nextSibling, parent, typeId, isNamed, start, end, fieldId } = calls;
  const types = language.types;
  const fields = language.fields;
  return build(
    {
      open(above) {
        const id = typeId(tree);
        let isNamedType = named[id];
        if (isNamedType === undefined) isNamedType = named[id] = isNamed(tree) === 1;
        return {
          type: types[id] || "ERROR",
          named: isNamedType,
          start: start(tree),
          end: end(tree),
          field: above && TYPES_WITH_FIELDS.has(above.type) ? (fields[fieldId(tree)] ?? null) : null,
          kids: [],
          fields: [],
        };
      },
      firstChild: () => firstChild(tree) === 1,
      nextSibling: () => nextSibling(tree) === 1,
      parent: () => parent(tree),
    },
    text,
    maxDepth,
  );
}

function walk(cursor: TreeCursor, text: string, maxDepth: number, language: Language, named: boolean[]): FastNode | null {
  return build(
    {
      open(above) {
        const id = cursor.nodeTypeId;
        let isNamed = named[id];
        if (isNamed === undefined) isNamed = named[id] = cursor.nodeIsNamed;
        return {
          type: language.types[id] || "ERROR",
          named: isNamed,
          start: cursor.startIndex,
          end: cursor.endIndex,
          field: above && TYPES_WITH_FIELDS.has(above.type) ? (language.fields[cursor.currentFieldId] ?? null) : null,
          kids: [],
          fields: [],
        };
      },
      firstChild: () => cursor.gotoFirstChild(),
      nextSibling: () => cursor.gotoNextSibling(),
      parent: () => cursor.gotoParent(),
    },
    text,
    maxDepth,
  );
}

/** How the copy moves over a tree and reads the node it is at: the binding's raw calls, or a cursor's methods. */
interface Moves {
  open(above: Open | undefined): Open;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): void;
}

/** The copy, depth first: each node is closed (made a FastNode) once its last child is. */
function build(moves: Moves, text: string, maxDepth: number): FastNode | null {
  // The ancestors of `current`, whose children are still being copied: as many as its depth.
  const ancestors: Open[] = [];
  let current = moves.open(undefined);
  for (;;) {
    if (moves.firstChild()) {
      ancestors.push(current);
      if (ancestors.length > maxDepth) return null;
      current = moves.open(current);
      continue;
    }
    // `current` has no more children: close it, then go on with its next sibling or close its parent.
    for (;;) {
      const node =
        current.kids.length === 0
          ? new FastNode(text, current.type, current.named, current.start, current.end)
          : new FastNode(text, current.type, current.named, current.start, current.end, current.kids, current.fields);
      const above = ancestors[ancestors.length - 1];
      if (!above) return node;
      above.kids.push(node);
      above.fields.push(current.field);
      if (moves.nextSibling()) {
        current = moves.open(above);
        break;
      }
      moves.parent();
      current = ancestors.pop() as Open;
    }
  }
}
