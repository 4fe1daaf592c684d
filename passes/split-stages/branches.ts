// Which commands of a RUN the build runs when its variables hold their known values (ENV literals, ARG defaults):
// in `if [ "$NODE_ENV" = "development" ]; then npm install; else npm install --omit=dev; fi` under `ARG
// NODE_ENV=production`, only the `else` branch runs. A condition is decided only when it compares two words, each
// a literal or a variable whose value is known and which the script does not set itself; any other condition leaves
// its branch and every later one undecided (their commands count as run).
import type { ShellNode, ShellScript, SimpleCommand } from "../../src/core/shell.js";

/** Characters a compared word may hold: no glob (`[[ x == dev* ]]` matches a pattern), no quote or expansion left. */
const PLAIN = /^[\w./:@+,=%-]*$/;

/**
 * The commands of `script` in a branch the build does not take, given `value` (a variable's known value, else
 * null). Empty when nothing can be decided.
 */
export function untakenCommands(script: ShellScript, value: (name: string) => string | null): Set<ShellNode> {
  const untaken = new Set<ShellNode>();
  if (!script.ok) return untaken;
  const known = (name: string): string | null => {
    // The script may set it itself (`NODE_ENV=dev; if …`, `read NODE_ENV`, `for NODE_ENV in …`).
    if (new RegExp(`(^|[^\\w$])${name}=|\\b(read|for|export|local|unset|declare|typeset)\\s+([^;&|\\n]*\\s)?${name}\\b`).test(script.text))
      return null;
    return value(name);
  };
  for (const node of script.root.descendantsOfType("if_statement")) {
    if (!node) continue;
    let decided = false;
    for (const clause of clauses(node)) {
      if (decided) {
        markCommands([...(clause.condition ?? []), ...clause.body], untaken);
        continue;
      }
      const verdict = clause.condition === null ? true : decide(clause.condition, known);
      if (verdict === null) break;
      if (verdict) decided = true;
      else markCommands(clause.body, untaken);
    }
  }
  return untaken;
}

/** Whether `cmd` runs, per `untakenCommands`. */
export const takes = (untaken: ReadonlySet<ShellNode>) => (cmd: SimpleCommand) =>
  ![...untaken].some((n) => n.startIndex === cmd.node.startIndex && n.endIndex === cmd.node.endIndex);

interface Clause {
  /** The condition's nodes (null for `else`). */
  readonly condition: readonly ShellNode[] | null;
  readonly body: readonly ShellNode[];
}

/** The `if`, each `elif` and the `else` of an if_statement, in order. */
function clauses(node: ShellNode): Clause[] {
  const result: Clause[] = [];
  const split = (children: readonly (ShellNode | null)[], opener: string): Clause => {
    const nodes = children.filter((c): c is ShellNode => c !== null);
    const then = nodes.findIndex((c) => c.type === "then");
    const start = nodes.findIndex((c) => c.type === opener) + 1;
    const named = (list: ShellNode[]) => list.filter((c) => c.isNamed && c.type !== "comment");
    if (opener === "else") return { condition: null, body: named(nodes.slice(start)) };
    const end = nodes.findIndex((c, i) => i > then && (c.type === "elif_clause" || c.type === "else_clause" || c.type === "fi"));
    return { condition: named(nodes.slice(start, then)), body: named(nodes.slice(then + 1, end < 0 ? nodes.length : end)) };
  };
  result.push(split(node.children, "if"));
  for (const child of node.children) {
    if (child?.type === "elif_clause") result.push(split(child.children, "elif"));
    if (child?.type === "else_clause") result.push(split(child.children, "else"));
  }
  return result;
}

function markCommands(nodes: readonly ShellNode[], into: Set<ShellNode>): void {
  for (const n of nodes) {
    if (n.type === "command") into.add(n);
    for (const c of n.descendantsOfType("command")) if (c) into.add(c);
  }
}

/** A condition `[ A op B ]`, `[[ A op B ]]` or `test A op B` with `=`, `==` or `!=`: true, false, or null (undecided). */
function decide(condition: readonly ShellNode[], known: (name: string) => string | null): boolean | null {
  if (condition.length !== 1) return null;
  const [node] = condition;
  let sides: Array<ShellNode | null>;
  let op: string;
  if (node.type === "test_command") {
    const inner = node.namedChildren.filter((c) => c !== null);
    if (inner.length !== 1 || inner[0]?.type !== "binary_expression") return null;
    const parts = inner[0].children;
    if (parts.length !== 3) return null;
    sides = [parts[0], parts[2]];
    op = parts[1]?.text ?? "";
  } else if (node.type === "command" && node.childForFieldName("name")?.text === "test") {
    const words = node.children.filter((c) => c !== null && c.type !== "command_name");
    if (words.length !== 3 || node.children.length !== 4) return null;
    sides = [words[0], words[2]];
    op = words[1]?.text ?? "";
  } else return null;
  if (op !== "=" && op !== "==" && op !== "!=") return null;
  const [left, right] = sides.map((s) => (s ? wordValue(s, known) : null));
  if (left === null || right === null) return null;
  return op === "!=" ? left !== right : left === right;
}

/** A compared word's value: a plain word, a quoted literal, or one variable (quoted, or bare with a plain value). */
function wordValue(node: ShellNode, known: (name: string) => string | null): string | null {
  const variable = (n: ShellNode | null | undefined): string | null => {
    if (n?.type !== "simple_expansion" && n?.type !== "expansion") return null;
    const name = /^\$\{?(\w+)\}?$/.exec(n.text);
    return name ? known(name[1]) : null;
  };
  if (node.type === "word" || node.type === "number") return PLAIN.test(node.text) && node.text !== "" ? node.text : null;
  if (node.type === "raw_string") return node.text.slice(1, -1);
  if (node.type === "simple_expansion" || node.type === "expansion") {
    const v = variable(node);
    return v !== null && v !== "" && PLAIN.test(v) ? v : null;
  }
  if (node.type === "string") {
    const inner = node.namedChildren.filter((c) => c !== null);
    if (inner.length === 0) return node.text === '""' ? "" : null;
    if (inner.length !== 1) return null;
    const [only] = inner;
    if (only?.type === "string_content") return /[\\$`]/.test(only.text) ? null : only.text;
    return variable(only);
  }
  return null;
}
