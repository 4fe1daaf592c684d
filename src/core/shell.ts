// The shell inside RUN, parsed into a lossless tree: plain scripts by a small parser of our own (shell-fast.ts),
// which builds the same tree tree-sitter-bash would; everything else by tree-sitter-bash (web-tree-sitter).
//
// Loading the grammar is async (`loadShell`), parsing is synchronous. The pipeline loads the grammar only when a
// script needs it: a parse that needs it before it is loaded throws `ShellNotLoaded`, and the pipeline loads it and
// runs again. Passes never rewrite a script whose tree has an error, and follow the guards of the libraries
// research note.
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import type { Parser as ParserType } from "web-tree-sitter";
import { type FastNode, hasAtMostNodes, parseFast } from "./shell-fast.js";
import { copyTree, rawCursorCalls } from "./shell-tree.js";

/** The part of web-tree-sitter's `Node` API passes may use: both parsers' nodes have it. */
export interface ShellNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  readonly parent: ShellNode | null;
  readonly children: readonly (ShellNode | null)[];
  readonly namedChildren: readonly (ShellNode | null)[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly descendantCount: number;
  child(index: number): ShellNode | null;
  fieldNameForChild(index: number): string | null;
  childForFieldName(name: string): ShellNode | null;
  childrenForFieldName(name: string): readonly (ShellNode | null)[];
  descendantsOfType(type: string): readonly (ShellNode | null)[];
  equals(other: ShellNode): boolean;
}

/** Thrown by `parseShell` when a script needs tree-sitter before `loadShell` finished. */
export class ShellNotLoaded extends Error {
  constructor() {
    super("the shell parser is not loaded: await loadShell() first");
  }
}

let parser: ParserType | null = null;
let loading: Promise<void> | null = null;

/** Is the wasm grammar loaded? */
export function shellLoaded(): boolean {
  return parser !== null;
}

/** Load the wasm grammar once; later calls are free. */
export function loadShell(): Promise<void> {
  loading ??= (async () => {
    // Node 20 waits at exit for V8 to finish optimising the 1.4 MB grammar; Liftoff alone is as fast here, and
    // faster for a batch worker too (measured: V8's optimising tier costs more CPU than it saves in 600 files).
    v8.setFlagsFromString("--liftoff-only");
    const { Parser, Language } = await import("web-tree-sitter");
    const module = { locateFile: (name: string) => wasmPath(name, "web-tree-sitter") };
    await Parser.init(module);
    rawCursorCalls(module);
    const bash = await Language.load(wasmPath("tree-sitter-bash.wasm", "tree-sitter-bash"));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

/** The wasm file next to the bundle (dist/), else from the installed package. */
function wasmPath(file: string, pkg: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, file);
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

export interface ShellScript {
  readonly text: string;
  readonly root: ShellNode;
  /**
   * False when tree-sitter found a syntax error, or the tree is deeper than MAX_SHELL_DEPTH: such a script
   * is never rewritten, and code that walks trees must not walk it (a recursive walk would overflow).
   */
  readonly ok: boolean;
  /** Why `ok` is false: "syntax" or "depth". */
  readonly problem: "syntax" | "depth" | null;
}

/**
 * The deepest shell tree passes may walk. `a && b && …` nests one level per operator; real RUNs stay far
 * below (the longest chains in the official images have about 100 commands), and recursion over a tree of
 * this depth stays well inside the JavaScript stack.
 */
export const MAX_SHELL_DEPTH = 600;

/**
 * Trees live in wasm memory and must be freed by hand. Within a scope (one optimize run) each script is
 * parsed once, however many passes ask, and every tree is freed when the scope ends.
 */
interface ShellScope {
  readonly scripts: Map<string, ShellScript & { readonly tree: { delete(): void } }>;
  /** Other answers computed from a text alone, by table (`joinContinuations`): asked for again by every pass. */
  readonly memos: Map<string, Map<string, string>>;
}
const scopes = new AsyncLocalStorage<ShellScope>();

export async function withShellScope<T>(fn: () => Promise<T>): Promise<T> {
  const scope: ShellScope = { scripts: new Map(), memos: new Map() };
  try {
    return await scopes.run(scope, fn);
  } finally {
    for (const s of scope.scripts.values()) s.tree.delete();
    scope.scripts.clear();
  }
}

const NO_TREE = { delete(): void {} };

/** `compute(text)`, remembered within the current scope under `table`; computed each time outside one. */
export function scopedMemo(table: string, text: string, compute: (text: string) => string): string {
  const memos = scopes.getStore()?.memos;
  if (!memos) return compute(text);
  let memo = memos.get(table);
  if (!memo) memos.set(table, (memo = new Map()));
  let value = memo.get(text);
  if (value === undefined) {
    value = compute(text);
    memo.set(text, value);
  }
  return value;
}

/**
 * The clean scripts parsed last, across optimize runs, most recent last: the Dockerfiles of one repository
 * repeat the same RUN scripts (docker-library's variants differ in their ENV, not their RUNs: 69% of the
 * corpus's RUNs that need tree-sitter are one of the 64 scripts parsed last). A clean script is plain nodes
 * that nothing changes (no wasm memory to free), and its tree depends on its text alone. Bounded in number and
 * in characters, so a batch worker's memory stays flat.
 */
const recent = new Map<string, ShellScript & { readonly tree: { delete(): void } }>();
const RECENT_SCRIPTS = 64;
const RECENT_CHARS = 512 * 1024;
let recentChars = 0;

function remember(script: ShellScript & { readonly tree: { delete(): void } }): void {
  if (script.text.length > RECENT_CHARS / 8) return;
  recent.set(script.text, script);
  recentChars += script.text.length;
  for (const [text] of recent) {
    if (recent.size <= RECENT_SCRIPTS && recentChars <= RECENT_CHARS) break;
    recent.delete(text);
    recentChars -= text.length;
  }
}

export function parseShell(text: string): ShellScript {
  const scope = scopes.getStore();
  const cached = scope?.scripts.get(text);
  if (cached) return cached;
  const known = recent.get(text);
  if (known) {
    recent.delete(text);
    recent.set(text, known);
    scope?.scripts.set(text, known);
    return known;
  }
  const fast = parseFast(text);
  // A tree too deep to walk goes to tree-sitter, which measures it the one way every caller expects.
  if (fast && (hasAtMostNodes(fast, MAX_SHELL_DEPTH) || depth(fast) <= MAX_SHELL_DEPTH)) {
    const script = { text, root: fast, ok: true, problem: null, tree: NO_TREE };
    scope?.scripts.set(text, script);
    remember(script);
    return script;
  }
  if (!parser) throw new ShellNotLoaded();
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const root = tree.rootNode;
  // A clean tree is copied into plain nodes and freed at once (shell-tree.ts); the copy stops at a node deeper
  // than MAX_SHELL_DEPTH. A tree with an error, or too deep, stays tree-sitter's: no pass walks it far.
  let copy = root.hasError ? null : copyTree(tree, text, MAX_SHELL_DEPTH);
  if (root.hasError) copy = withPosixFor(text);
  if (copy) {
    tree.delete();
    const script = { text, root: copy, ok: true, problem: null, tree: NO_TREE };
    scope?.scripts.set(text, script);
    remember(script);
    return script;
  }
  const problem: ShellScript["problem"] = root.hasError ? "syntax" : "depth";
  const script = { text, root, ok: false, problem, tree };
  scope?.scripts.set(text, script);
  return script;
}

/**
 * POSIX `for name do` (no `in` and no `;`: the stock Gradle wrapper's `for arg do`) loops over "$@" as
 * `for name; do` does; tree-sitter-bash accepts only the latter. The text is read again with a `;` in place of the
 * blank before `do` (the same length, so every node keeps its place) and the nodes copied from the text as written.
 * Null when the script has no such loop or still does not parse.
 */
function withPosixFor(text: string): FastNode | null {
  const re = /(^|[\s;&|(){}])for([ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*)[ \t]do(?=[\s;]|$)/g;
  if (!parser || !re.test(text)) return null;
  const tree = parser.parse(text.replace(re, "$1for$2;do"));
  if (!tree) return null;
  const copy = tree.rootNode.hasError ? null : copyTree(tree, text, MAX_SHELL_DEPTH);
  tree.delete();
  return copy;
}

/** Can every one of the texts be parsed without tree-sitter? Parses them (the scope keeps the trees). */
export function parsesWithoutGrammar(texts: Iterable<string>): boolean {
  if (parser) return true;
  for (const text of texts) {
    try {
      parseShell(text);
    } catch (e) {
      if (e instanceof ShellNotLoaded) return false;
      throw e;
    }
  }
  return true;
}

/** The depth of a fast-path tree, without recursion (`a && b && …` nests one level per operator). */
function depth(node: ShellNode): number {
  let most = 0;
  const stack: [ShellNode, number][] = [[node, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    most = Math.max(most, top[1]);
    for (const c of top[0].children) if (c) stack.push([c, top[1] + 1]);
  }
  return most;
}

/** A word of a command; `value` is its literal value after quote removal, or null when it expands. */
export interface Word {
  readonly text: string;
  readonly value: string | null;
}

export interface SimpleCommand {
  readonly name: string | null;
  readonly args: readonly Word[];
  readonly node: ShellNode;
}

/** Every simple command in the script, in source order, including those nested in lists and subshells. */
export function simpleCommands(script: ShellScript): SimpleCommand[] {
  // Several passes ask for the same script's commands; walking the wasm tree is the costly part.
  let cached = commandsOf.get(script);
  if (!cached) {
    cached = collectCommands(script);
    commandsOf.set(script, cached);
  }
  return [...cached];
}
const commandsOf = new WeakMap<ShellScript, readonly SimpleCommand[]>();

function collectCommands(script: ShellScript): SimpleCommand[] {
  const result: SimpleCommand[] = [];
  for (const node of script.root.descendantsOfType("command")) {
    if (!node) continue;
    const nameNode = node.childForFieldName("name");
    const args: Word[] = [];
    for (const child of node.namedChildren) {
      if (!child || child === nameNode || child.equals?.(nameNode as ShellNode)) continue;
      if (child.type === "variable_assignment" || child.type.endsWith("redirect")) continue;
      if (nameNode && child.startIndex < nameNode.endIndex) continue;
      args.push(toWord(child));
    }
    // tree-sitter-bash#233: words after a redirect mid-command become extra redirect destinations.
    const parent = node.parent;
    if (parent?.type === "redirected_statement") {
      for (const redirect of parent.namedChildren) {
        if (redirect?.type !== "file_redirect") continue;
        const destinations = redirect.childrenForFieldName("destination").filter((d): d is ShellNode => d !== null);
        for (const extra of destinations.slice(1)) args.push(toWord(extra));
      }
    }
    const name = nameNode ? (toWord(nameNode).value ?? nameNode.text) : null;
    result.push({ name, args, node });
  }
  return result;
}

/** The literal value of a word, or null when it holds an expansion. */
export function toWord(node: ShellNode): Word {
  const text = node.text;
  return { text, value: literalValue(node) };
}

function literalValue(node: ShellNode): string | null {
  switch (node.type) {
    case "command_name":
      return node.namedChildren[0] ? literalValue(node.namedChildren[0]) : node.text;
    case "word": {
      const text = node.text;
      return /[$`*?[\]{}~]/.test(text) ? null : text.includes("\\") ? text.replace(/\\(.)/g, "$1") : text;
    }
    case "raw_string":
      return node.text.slice(1, -1);
    case "string": {
      if (node.namedChildren.some((c) => c && c.type !== "string_content")) return null;
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, "$1");
    }
    case "number":
      return node.text;
    case "concatenation": {
      let value = "";
      for (const c of node.namedChildren) {
        const v = c ? literalValue(c) : null;
        if (v === null) return null;
        value += v;
      }
      return node.namedChildren.length > 0 ? value : null;
    }
    default:
      return null;
  }
}

/**
 * [start, end) of each match of `pattern` (global) in `text`, in order: a text screen for tree walks, since a
 * token or a gap the walk looks for lies inside one of them, and only nodes that overlap one need a look.
 */
export function textRuns(text: string, pattern: RegExp): [number, number][] {
  const runs: [number, number][] = [];
  for (const m of text.matchAll(pattern)) runs.push([m.index, m.index + m[0].length]);
  return runs;
}

/** Does [start, end) overlap one of the runs (sorted, disjoint)? A binary search: a long script has many. */
export function overlapsRun(runs: readonly (readonly [number, number])[], start: number, end: number): boolean {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid][1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < runs.length && runs[lo][0] < end;
}

/** tree-sitter's own tree for `text`, bypassing the fast path (for the differential test); free it with `delete`. */
export function parseWithTreeSitter(text: string): { readonly root: ShellNode; delete(): void } {
  if (!parser) throw new ShellNotLoaded();
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return { root: tree.rootNode, delete: () => tree.delete() };
}
