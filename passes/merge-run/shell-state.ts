// What a RUN's shell leaves behind for commands that would run after it in the same shell, read from the
// tree-sitter tree. Two RUNs run in two fresh shells; merged, the second sees the first one's shell state
// (directory, variables, options, traps…), so merge-run must know that state exactly.
import { overlapsRun, textRuns, toWord, type ShellNode, type ShellScript } from "../../src/core/shell.js";

/** Builtins whose effect outlives the command: directory, variables, options, limits, aliases, traps, the shell itself. */
const STATEFUL = new Set([
  "cd",
  "pushd",
  "popd",
  "export",
  "unset",
  "set",
  "shopt",
  "umask",
  "ulimit",
  "alias",
  "unalias",
  "source",
  ".",
  "trap",
  "exec",
  "exit",
  "return",
  "logout",
  "readonly",
  "declare",
  "typeset",
  "local",
  "read",
  "getopts",
  "mapfile",
  "readarray",
  "shift",
  "let",
  "eval",
  "command",
  "builtin",
  "hash",
  "enable",
  "dirs",
  "disown",
]);

/**
 * Commands that typically start a daemon. A RUN's processes die with it (its container stops when the shell
 * exits); merged, the daemon would keep running during the later commands, and a subshell does not stop it.
 * A heuristic list: other self-daemonizing programs are not recognised.
 */
const DAEMONS =
  /^(service|rc-service|systemctl|start-stop-daemon|setsid|daemon|daemonize|coproc|pg_ctl|pg_ctlcluster|mysqld_safe|mongod|supervisord|redis-server|dbus-daemon|Xvfb|\/etc\/init\.d\/.*)$/;

/** Node types whose commands run in a child process: their state dies with it. */
const ISOLATED = new Set(["subshell", "command_substitution", "process_substitution"]);

/** Assignment operators inside `$(( ))`, `(( ))` and `${x:=…}`. */
const ASSIGNING_OPERATORS = new Set(["=", ":=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", "++", "--"]);

export interface StateItem {
  /** What leaves state, as code for notes: "`cd`", "`X=…`", "`f()`". */
  readonly what: string;
  /** `set -e` style option changes and traps behave differently inside `( … )`: these cannot be isolated. */
  readonly isolatable: boolean;
  /** Why it cannot be isolated: a daemon, `set -e`, or a `trap`. */
  readonly blocker?: "daemon" | "setErrexit" | "trap";
}

/** Every construct of the script that changes the shell for the commands after it, in source order. */
export function stateLeftBehind(script: ShellScript): StateItem[] {
  const found: StateItem[] = [];
  const visit = (node: ShellNode): void => {
    if (ISOLATED.has(node.type)) return;
    // Each element of a pipeline runs in a subshell (bash without lastpipe, dash, ash).
    if (node.type === "pipeline" && node.namedChildren.length > 1) return;
    const item = stateOf(node);
    if (item) found.push(item);
    for (const child of node.children) if (child) visit(child);
  };
  visit(script.root);
  return found;
}

function stateOf(node: ShellNode): StateItem | null {
  switch (node.type) {
    case "command": {
      const nameNode = node.childForFieldName("name");
      if (!nameNode) return node.namedChildren.some((c) => c?.type === "variable_assignment") ? assignment(node) : null;
      const literal = toWord(nameNode).value;
      if (literal === null) return { what: `\`${nameNode.text}\``, isolatable: true };
      // bash's `time` keyword runs its command in the current shell: `time cd /x` changes directory.
      const words = node.namedChildren.filter(
        (c): c is ShellNode => c !== null && c.type !== "command_name" && c.type !== "variable_assignment",
      );
      const name =
        literal === "time" && words.length > 0 ? (toWord(words.find((w) => !w.text.startsWith("-")) ?? words[0]).value ?? "") : literal;
      if (DAEMONS.test(name)) {
        return { what: `\`${name}\``, isolatable: false, blocker: "daemon" };
      }
      if (name === "printf" && node.namedChildren.some((c) => c?.text === "-v")) return { what: "`printf -v`", isolatable: true };
      if (!STATEFUL.has(name)) return null;
      if (name === "set") {
        const what = `\`${node.text}\``;
        return setsErrexit(node) ? { what, isolatable: false, blocker: "setErrexit" } : { what, isolatable: true };
      }
      if (name === "trap") return { what: "`trap`", isolatable: false, blocker: "trap" };
      return { what: `\`${name}\``, isolatable: true };
    }
    case "declaration_command":
    case "unset_command":
      return { what: `\`${node.children[0]?.text ?? node.type}\``, isolatable: true };
    case "variable_assignment":
    case "variable_assignments":
      return node.parent?.type === "command" || node.parent?.type === "declaration_command" || node.parent?.type === "variable_assignments"
        ? null
        : assignment(node);
    case "function_definition":
      return { what: `\`${node.childForFieldName("name")?.text ?? "?"}()\``, isolatable: true };
    case "for_statement":
    case "c_style_for_statement":
    case "select_statement":
      return {
        what: `\`${[node.children[0]?.text ?? "for", node.childForFieldName("variable")?.text].filter(Boolean).join(" ")}\``,
        isolatable: true,
      };
    default:
      if (node.children.some((c) => c && ASSIGNING_OPERATORS.has(c.type))) {
        const inArithmetic = node.type.endsWith("_expression") || node.type === "expansion";
        if (inArithmetic) return { what: `\`${node.text}\``, isolatable: true };
      }
      return null;
  }
}

function assignment(node: ShellNode): StateItem {
  const name = node.descendantsOfType("variable_name")[0]?.text ?? "?";
  return { what: `\`${name}=…\``, isolatable: true };
}

/** `set -e`, `set -eux`, `set -o errexit`, or a `set` whose words we cannot read. */
function setsErrexit(node: ShellNode): boolean {
  const words = node.namedChildren.filter((c): c is ShellNode => c !== null && c.type !== "command_name");
  return words.some((w) => w.type !== "word" || /^[-+][a-zA-Z]*e/.test(w.text) || w.text === "errexit");
}

/** A command sent to the background with `&`: it would keep running while later commands run. */
export function hasBackground(script: ShellScript): boolean {
  // A `&` token is a `&` of the text: only the nodes that span one are walked (most of a script is not).
  const amps = textRuns(script.text, /&/g);
  const visit = (node: ShellNode): boolean =>
    node.type === "&" || (overlapsRun(amps, node.startIndex, node.endIndex) && node.children.some((c) => c !== null && visit(c)));
  return amps.length > 0 && visit(script.root);
}

/** The top-level statements and the trailing `# comment` (after continuations are joined, a comment ends the script). */
export function topLevel(script: ShellScript): { statements: ShellNode[]; comment: ShellNode | null } {
  const named = script.root.namedChildren.filter((c): c is ShellNode => c !== null);
  const comments = named.filter((c) => c.type === "comment");
  return { statements: named.filter((c) => c.type !== "comment"), comment: comments[comments.length - 1] ?? null };
}

/** One element of a top-level `a && b || c` chain: the operator before it ("" for the first) and its text. */
export interface ChainLink {
  readonly op: "" | "&&" | "||";
  readonly text: string;
}

/**
 * Flatten an and-or list (tree-sitter nests it to the left) into its links. tree-sitter-bash hangs a redirect
 * at the end of a list on the whole list (`a && b > f` as `(a && b) > f`); the shell applies it to `b`
 * only, so the redirect text stays with the last link.
 */
export function andOrChain(statement: ShellNode, source: string): ChainLink[] {
  const links = (node: ShellNode): { op: ChainLink["op"]; start: number; end: number }[] => {
    if (node.type === "redirected_statement") {
      const body = node.childForFieldName("body");
      if (body && (body.type === "list" || body.type === "redirected_statement")) {
        const inner = links(body);
        inner[inner.length - 1].end = node.endIndex;
        return inner;
      }
    }
    if (node.type === "list") {
      const [left, right] = node.namedChildren.filter((c): c is ShellNode => c !== null && c.type !== "comment");
      const op = node.children.find((c) => c?.type === "&&" || c?.type === "||")?.type as "&&" | "||" | undefined;
      if (left && right && op) {
        const [first, ...rest] = links(right);
        return [...links(left), { ...first, op }, ...rest];
      }
    }
    return [{ op: "", start: node.startIndex, end: node.endIndex }];
  };
  return links(statement).map((l) => ({ op: l.op, text: source.slice(l.start, l.end) }));
}

/** Does the shell in effect run with errexit (`SHELL ["/bin/bash", "-e", "-c"]`)? */
export function shellHasErrexit(shell: readonly string[]): boolean {
  const options = shell.slice(1);
  return options.some((o, i) => /^-[a-zA-Z]*e/.test(o) || (o === "errexit" && /^-[a-zA-Z]*o$/.test(options[i - 1] ?? "")));
}

/**
 * Does the shell in effect run start-up scripts (`bash --login`, `-i`)? Their functions (conda, nvm…) can
 * change the shell like builtins do, and run once per RUN: merged, they would run once for all.
 */
export function shellLoadsProfile(shell: readonly string[]): boolean {
  return shell.slice(1).some((o) => /^-[a-zA-Z]*[il]/.test(o) || /^--(login|rcfile|init-file|interactive)$/.test(o));
}
