// A fast path for plain RUN shell: most RUNs are words, quotes and `&&`/`||`/`;`/`|` with a few redirects. For
// those, this small parser builds the very tree tree-sitter-bash builds (node types, offsets, anonymous
// tokens, fields, and its quirks), without loading or running the wasm grammar. Anything it is not sure
// about returns null and goes to tree-sitter: here-docs, subshells, substitutions, compound commands,
// keywords (but `export NAME=value`), comments, escapes (a backslash outside single quotes), braces,
// brackets, special parameters after two parts of a word, `${…}` forms but `${NAME}` and `${NAME:-word}` (a plain
// word), blanks-only string pieces.
// shell-fast.test.ts compares both parsers on every testdata RUN and on generated command lines.

/** A leaf's children and fields: one shared empty list (most nodes are leaves, and nothing changes a list). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** A syntax node with the part of web-tree-sitter's `Node` API the passes use. */
export class FastNode {
  parent: FastNode | null = null;
  private named: FastNode[] | null = null;
  constructor(
    private readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: FastNode[] = NONE,
    /** The field name of each child (null when none), index for index. */
    private readonly fields: (string | null)[] = NONE,
  ) {
    // An indexed loop: every node of every tree passes here, and an array iterator allocates a result per child
    // until the code is optimized (a twelfth of all an optimize run allocated).
    for (let i = 0; i < children.length; i++) children[i].parent = this;
  }
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get namedChildren(): FastNode[] {
    this.named ??= this.children.length === 0 ? NONE : this.children.filter((c) => c.isNamed);
    return this.named;
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  get childCount(): number {
    return this.children.length;
  }
  get hasError(): boolean {
    return false;
  }
  get descendantCount(): number {
    let n = 0;
    const stack: FastNode[] = [this];
    for (let top = stack.pop(); top; top = stack.pop()) {
      n++;
      // One push per child: a spread passes every child as an argument, which overflows the stack for a
      // command of some 100,000 words.
      for (const child of top.children) stack.push(child);
    }
    return n;
  }
  child(index: number): FastNode | null {
    return this.children[index] ?? null;
  }
  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }
  childForFieldName(name: string): FastNode | null {
    const i = this.fields.indexOf(name);
    return i < 0 ? null : this.children[i];
  }
  childrenForFieldName(name: string): FastNode[] {
    return this.children.filter((_, i) => this.fields[i] === name);
  }
  /** Nodes of the type in the subtree (this node included), in source order. */
  descendantsOfType(type: string): FastNode[] {
    const out: FastNode[] = [];
    collect(this, type, out);
    return out;
  }
  equals(other: FastNode): boolean {
    return this === other;
  }
}

/** The nodes of `type` under `node` (itself included), in source order: indexed loops, no closure (a hot path). */
function collect(node: FastNode, type: string, out: FastNode[]): void {
  if (node.type === type) out.push(node);
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) collect(kids[i], type, out);
}

type Kid = readonly [node: FastNode, field: string | null];

/** The field name of each kid; the shared empty list when none has one (most nodes: no array to allocate). */
function fieldsOf(kids: readonly Kid[]): (string | null)[] {
  for (let i = 0; i < kids.length; i++) if (kids[i][1] !== null) return kids.map((k) => k[1]);
  return NONE;
}

/** Whether the tree under `node` (itself included) has at most `limit` nodes: counted until it has more. */
export function hasAtMostNodes(node: FastNode, limit: number): boolean {
  let n = 0;
  const stack: FastNode[] = [node];
  while (stack.length > 0) {
    if (++n > limit) return false;
    const kids = (stack.pop() as FastNode).children;
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
  return true;
}

/** Thrown to give a script up: one object, since a new Error would record a stack each time (half the scripts). */
const BAIL = Object.freeze({ bail: true });
function bail(): never {
  throw BAIL;
}

/** Words that tree-sitter reads as keywords, declarations or tests in command position. */
const KEYWORDS = new Set(
  "if then else elif fi for select while until do done case esac in function time coproc declare typeset export readonly local unset unsetenv [ [[ ]] { } !".split(
    " ",
  ),
);
const PLAIN = /[A-Za-z0-9_./:@%+,=~^*?-]/;
/** An argument of `find` alone between blanks: `!`, `{}`, `\;`, `\(`, `\)`. */
const LONE_ARGUMENT = /^(!|\{\}|\\;|\\\(|\\\))(?=[ \t]|$)/;
const NUMBER = /^-?(0x)?[0-9]+$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const NAME_ONLY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)/;
const MAX_CHAIN = 200;
const MAX_NESTING = 100;
/** After `${NAME`: an operator that takes a default, alternative or error word, a plain word (or none), `}`. */
const DEFAULT = /^(:-|:\+|:\?|-|\+|\?)([A-Za-z0-9_./:+,@-]*)\}/;
/** After `${NAME`: a prefix or suffix removal with a pattern of plain characters, `}`. */
const TRIM = /^(##?|%%?)([A-Za-z0-9_./*?~+:,=@^[\]-]+)\}/;
const SPECIAL = /^[?@#!*-]$/;
/** Characters that make tree-sitter read a special parameter or digit with what follows. */
const AFTER_SPECIAL = /^[A-Za-z0-9_$?@#!*{([-]$/;
const REDIRECTS = [">>", ">&", "<&", ">|", ">", "<"];
/** The statements of a branch of an `if` end at one of these. */
const BRANCH_END = ["elif", "else", "fi"];
/** Keywords after which a command starts (the parser checks that they are keywords there). */
const BEFORE_COMMAND = new Set(["if", "then", "elif", "else", "while", "until", "do", "!"]);
/** Binary operators of a test that tree-sitter reads as a `test_operator`. */
const TEST_BINARY = new Set(["-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);

/** The text of a word token of one plain part (a keyword is one), else null. */
function keyword(t: Token): string | null {
  if (t.kind !== "word" || t.parts.length !== 1 || t.parts[0].type !== "word") return null;
  return t.parts[0].text;
}

interface WordToken {
  readonly kind: "word";
  readonly start: number;
  readonly end: number;
  readonly parts: FastNode[];
}
interface OpToken {
  readonly kind: "op";
  readonly op: "&&" | "||" | "|" | ";" | ";;";
  readonly start: number;
  readonly end: number;
}
interface RedirectToken {
  readonly kind: "redirect";
  readonly descriptor: FastNode | null;
  readonly op: FastNode;
  readonly start: number;
}
/** `{` opening a group (a command's start), `}` closing one (right after a `;`). */
interface OpenToken {
  readonly kind: "{";
  readonly start: number;
  readonly end: number;
}
interface CloseToken {
  readonly kind: "}";
  readonly start: number;
  readonly end: number;
}
/** `( script )` in command position, parsed whole. */
interface SubshellToken {
  readonly kind: "subshell";
  readonly node: FastNode;
  readonly start: number;
  readonly end: number;
}
/** `[` or `[[` opening a test, `]` or `]]` closing one (each alone between blanks). */
interface BracketToken {
  readonly kind: "[" | "]";
  readonly start: number;
  readonly end: number;
}
/** `)` closing a `case` item's patterns (outside `$(…)`). */
interface ParenToken {
  readonly kind: ")";
  readonly start: number;
  readonly end: number;
}
type Token = WordToken | OpToken | RedirectToken | OpenToken | CloseToken | SubshellToken | BracketToken | ParenToken;

/** The tree tree-sitter-bash would build for `text`, or null when the text is not plain enough to be sure. */
export function parseFast(text: string): FastNode | null {
  // Blanks at the ends, newlines (here-docs, comments) and backquotes: tree-sitter. A line continuation
  // (backslash, newline) is a blank between tokens, as in tree-sitter; any other backslash outside single
  // quotes (an escape) is left to it by the tokenizer.
  if (text.length === 0 || /^\s|\s$|[\r\v\f`]|(?<!\\)\n/.test(text)) return null;
  try {
    return new FastParser(text).program();
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}

class FastParser {
  private readonly tokens: Token[];
  private pos = 0;
  /** How many compound bodies (`then`, `do`, …) the parser is inside. */
  private depth = 0;
  constructor(
    private readonly src: string,
    tokens?: Token[],
  ) {
    this.tokens = tokens ?? tokenize(src, 0, false).tokens;
    // Each `&&`/`||` nests one level: a chain too deep for the passes goes to tree-sitter, which measures it.
    if (this.tokens.filter((t) => t.kind === "op" && t.op !== ";" && t.op !== "|").length > MAX_CHAIN) bail();
  }

  private node(type: string, kids: readonly Kid[], start?: number, end?: number): FastNode {
    return new FastNode(
      this.src,
      type,
      true,
      start ?? kids[0][0].startIndex,
      end ?? kids[kids.length - 1][0].endIndex,
      kids.map((k) => k[0]),
      fieldsOf(kids),
    );
  }
  private anon(type: string, start: number, end: number): FastNode {
    return new FastNode(this.src, type, false, start, end);
  }

  program(): FastNode {
    return this.node("program", this.statements(), 0, this.src.length);
  }

  /** Statements and the `;` after each, to the end of the tokens. */
  statements(): Kid[] {
    const kids: Kid[] = [];
    while (this.pos < this.tokens.length) {
      kids.push([this.statement(), null]);
      const t = this.tokens[this.pos];
      if (t?.kind === "op" && t.op === ";") {
        kids.push([this.anon(";", t.start, t.end), null]);
        this.pos++;
      }
    }
    return kids;
  }

  /** `&&`, `||` and `|` chains up to a `;`, with tree-sitter's shape for a redirect after a chain. */
  private statement(): FastNode {
    let list: FastNode | null = null;
    let listOp: OpToken | null = null;
    let pipe: Kid[] = [];
    const closePipe = (): FastNode => (pipe.length === 1 ? pipe[0][0] : this.node("pipeline", pipe));
    const soFar = (): FastNode => {
      const right = closePipe();
      if (!list || !listOp) return right;
      return this.node("list", [
        [list, null],
        [this.anon(listOp.op, listOp.start, listOp.end), null],
        [right, null],
      ]);
    };
    for (;;) {
      const { command, redirects } = this.command();
      pipe.push([command, null]);
      if (redirects.length > 0) {
        // tree-sitter hangs a redirect on everything before it in the statement: `a && b > f` redirects the list.
        const body = soFar();
        const wrapped = this.node("redirected_statement", [[body, "body"], ...redirects.map((r): Kid => [r, "redirect"])]);
        list = null;
        listOp = null;
        pipe = [[wrapped, null]];
      }
      const t = this.tokens[this.pos];
      if (!t || (t.kind === "op" && (t.op === ";" || t.op === ";;")) || t.kind === "}") return soFar();
      if (t.kind !== "op") bail();
      const op = t as OpToken;
      this.pos++;
      if (op.op === "|") {
        pipe.push([this.anon("|", op.start, op.end), null]);
        continue;
      }
      // `a | b | c && d` comes out of tree-sitter as `a | (b | c && d)`: left to it.
      if (pipe.length > 3) bail();
      list = soFar();
      listOp = op;
      pipe = [];
    }
  }

  /** Assignments, a name, its arguments, then redirects (words after a redirect are its destinations). */
  private command(): { command: FastNode; redirects: FastNode[] } {
    const first = this.tokens[this.pos];
    if (first?.kind === "{") return this.group();
    if (first?.kind === "subshell") {
      this.pos++;
      return this.redirectsAfter(first.node);
    }
    if (first?.kind === "[") return this.redirectsAfter(this.test());
    switch (first?.kind === "word" ? keyword(first) : null) {
      case "if":
        return this.redirectsAfter(this.ifStatement());
      case "for":
        return this.redirectsAfter(this.forStatement());
      case "while":
      case "until":
        return this.redirectsAfter(this.whileStatement());
      case "case":
        return this.redirectsAfter(this.caseStatement());
      case "!":
        return this.negated();
    }
    if (
      first?.kind === "word" &&
      first.parts.length === 1 &&
      first.parts[0].type === "word" &&
      (first.parts[0].text === "export" || first.parts[0].text === "local")
    )
      return this.declaration(first);
    const kids: Kid[] = [];
    let named = false;
    const redirects: FastNode[] = [];
    let redirect: { head: Kid[]; destinations: FastNode[] } | null = null;
    const finishRedirect = (): void => {
      if (!redirect) return;
      if (redirect.destinations.length === 0) bail();
      redirects.push(this.node("file_redirect", [...redirect.head, ...redirect.destinations.map((d): Kid => [d, "destination"])]));
      redirect = null;
    };
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t || t.kind === "op" || t.kind === "}") break;
      if (t.kind !== "word" && t.kind !== "redirect") return bail();
      this.pos++;
      if (t.kind === "redirect") {
        if (!named) bail();
        finishRedirect();
        const head: Kid[] = t.descriptor ? [[t.descriptor, "descriptor"]] : [];
        head.push([t.op, null]);
        redirect = { head, destinations: [] };
        continue;
      }
      if (redirect) {
        redirect.destinations.push(this.literal(t));
        continue;
      }
      if (!named) {
        const assignment = this.assignment(t);
        if (assignment) {
          kids.push([assignment, null]);
          continue;
        }
        const name = this.literal(t);
        // In command position tree-sitter's scanner reads `a%`, `a@`, `a?` as the start of a variable name.
        if (KEYWORDS.has(name.text) || KEYWORDS.has(t.parts[0].text) || /^[=-]/.test(name.text) || /[@%?]/.test(name.text)) bail();
        // After assignments it is stricter still (`A=1 x: y` is an error there).
        if (kids.length > 0 && !/^[\w./+-]+$/.test(name.text)) bail();
        kids.push([this.node("command_name", [[name, null]]), "name"]);
        named = true;
        continue;
      }
      if (/^=[=~]/.test(this.src.slice(t.start, t.end))) bail();
      kids.push([this.literal(t), "argument"]);
    }
    finishRedirect();
    if (kids.length === 0) bail();
    if (!named) {
      if (redirects.length > 0) bail();
      return { command: kids.length === 1 ? kids[0][0] : this.node("variable_assignments", kids), redirects };
    }
    return { command: this.node("command", kids), redirects };
  }

  /** `export NAME NAME=value …` and `local …` (no options, no redirects; anything else goes to tree-sitter). */
  private declaration(keyword: WordToken): { command: FastNode; redirects: FastNode[] } {
    this.pos++;
    const kids: Kid[] = [[this.anon(keyword.parts[0].text, keyword.start, keyword.end), null]];
    for (let t = this.tokens[this.pos]; t && t.kind !== "op" && t.kind !== "}"; t = this.tokens[this.pos]) {
      if (t.kind !== "word") bail();
      const word = t as WordToken;
      this.pos++;
      const assignment = this.assignment(word);
      if (assignment) kids.push([assignment, null]);
      else if (word.parts.length === 1 && word.parts[0].type === "word" && NAME_ONLY.test(word.parts[0].text))
        kids.push([new FastNode(this.src, "variable_name", true, word.start, word.end), null]);
      else bail();
    }
    if (kids.length === 1) bail();
    return { command: this.node("declaration_command", kids), redirects: [] };
  }

  /** `{ a; b; }` (each statement ends in `;`), then its redirects. */
  private group(): { command: FastNode; redirects: FastNode[] } {
    const open = this.tokens[this.pos++] as OpenToken;
    if (++this.depth > MAX_NESTING) bail();
    const kids: Kid[] = [[this.anon("{", open.start, open.end), null]];
    for (;;) {
      kids.push([this.statement(), null]);
      const semi = this.tokens[this.pos++];
      if (semi?.kind !== "op" || semi.op !== ";") return bail();
      kids.push([this.anon(";", semi.start, semi.end), null]);
      const close = this.tokens[this.pos];
      if (close?.kind === "}") {
        this.pos++;
        kids.push([this.anon("}", close.start, close.end), null]);
        this.depth--;
        break;
      }
    }
    return this.redirectsAfter(this.node("compound_statement", kids));
  }

  /** A group's or subshell's redirects (one destination each); nothing else may follow it. */
  private redirectsAfter(group: FastNode): { command: FastNode; redirects: FastNode[] } {
    const redirects: FastNode[] = [];
    for (let t = this.tokens[this.pos]; t?.kind === "redirect"; t = this.tokens[this.pos]) {
      this.pos++;
      const dest = this.tokens[this.pos++];
      if (dest?.kind !== "word") bail();
      const head: Kid[] = t.descriptor ? [[t.descriptor, "descriptor"]] : [];
      redirects.push(this.node("file_redirect", [...head, [t.op, null], [this.literal(dest), "destination"]]));
    }
    const next = this.tokens[this.pos];
    if (next && next.kind !== "op" && next.kind !== "}") bail();
    return { command: group, redirects };
  }

  /**
   * Statements, each ended by `;`, up to one of the keywords `stops` in command position (not taken), with
   * `field` on each statement and `;` (tree-sitter names an `if`'s or a loop's condition so, `;` included).
   */
  private body(stops: readonly string[], field: string | null): Kid[] {
    const kids: Kid[] = [];
    // Each level is a few frames of this recursive parser: deep nesting goes to tree-sitter.
    if (++this.depth > MAX_NESTING) bail();
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t) return bail();
      if (t.kind === "word" && stops.includes(keyword(t) as string)) {
        if (kids.length === 0) bail();
        this.depth--;
        return kids;
      }
      kids.push([this.statement(), field]);
      const semi = this.tokens[this.pos++];
      if (semi?.kind !== "op" || semi.op !== ";") return bail();
      kids.push([this.anon(";", semi.start, semi.end), field]);
    }
  }

  /** The keyword `word` at the current token, taken as an anonymous node. */
  private take(word: string): Kid {
    const t = this.tokens[this.pos++];
    if (t?.kind !== "word" || keyword(t) !== word) return bail();
    return [this.anon(word, t.start, t.end), null];
  }

  /** `if …; then …; [elif …; then …;]… [else …;] fi`. */
  private ifStatement(): FastNode {
    const kids: Kid[] = [this.take("if"), ...this.body(["then"], "condition"), this.take("then"), ...this.body(BRANCH_END, null)];
    for (;;) {
      const t = this.tokens[this.pos] as WordToken;
      const word = keyword(t);
      if (word === "elif") {
        const clause = [this.take("elif"), ...this.body(["then"], null), this.take("then"), ...this.body(BRANCH_END, null)];
        kids.push([this.node("elif_clause", clause), null]);
        continue;
      }
      if (word === "else") {
        kids.push([this.node("else_clause", [this.take("else"), ...this.body(["fi"], null)]), null]);
        continue;
      }
      kids.push(this.take("fi"));
      return this.node("if_statement", kids);
    }
  }

  /** `for NAME in WORD…; do …; done`. */
  private forStatement(): FastNode {
    const kids: Kid[] = [this.take("for")];
    const name = this.tokens[this.pos++];
    if (name?.kind !== "word" || !NAME_ONLY.test(keyword(name) ?? "")) return bail();
    kids.push([new FastNode(this.src, "variable_name", true, name.start, name.end), "variable"], this.take("in"));
    let values = 0;
    for (let t = this.tokens[this.pos]; t?.kind === "word"; t = this.tokens[this.pos]) {
      this.pos++;
      kids.push([this.literal(t), "value"]);
      values++;
    }
    const semi = this.tokens[this.pos++];
    if (values === 0 || semi?.kind !== "op" || semi.op !== ";") return bail();
    kids.push([this.anon(";", semi.start, semi.end), null], [this.doGroup(), "body"]);
    return this.node("for_statement", kids);
  }

  /** `while …; do …; done` and `until …; do …; done`. */
  private whileStatement(): FastNode {
    const word = keyword(this.tokens[this.pos] as WordToken) as string;
    const kids: Kid[] = [this.take(word), ...this.body(["do"], "condition"), [this.doGroup(), "body"]];
    return this.node("while_statement", kids);
  }

  /** `case WORD in PATTERN[|PATTERN]…) …;; … esac`, each item ended by `;;`. */
  private caseStatement(): FastNode {
    if (++this.depth > MAX_NESTING) bail();
    const kids: Kid[] = [this.take("case")];
    const value = this.tokens[this.pos++];
    if (value?.kind !== "word" || keyword(value) === "in") return bail();
    kids.push([this.literal(value), "value"], this.take("in"));
    for (;;) {
      const t = this.tokens[this.pos];
      if (t?.kind === "word" && keyword(t) === "esac") break;
      const item: Kid[] = [];
      for (let n = 0; ; n++) {
        const p = this.tokens[this.pos++];
        if (p?.kind !== "word") return bail();
        const next = this.tokens[this.pos];
        item.push([this.pattern(p, n, next, this.tokens[this.pos - 2]), "value"]);
        if (next?.kind === ")") break;
        if (next?.kind !== "op" || next.op !== "|") return bail();
        item.push([this.anon("|", next.start, next.end), null]);
        this.pos++;
      }
      const close = this.tokens[this.pos++] as ParenToken;
      // `*)x` is one pattern to tree-sitter.
      if (!/[ \t]/.test(this.src[close.end] ?? "")) bail();
      item.push([this.anon(")", close.start, close.end), null]);
      for (;;) {
        const u = this.tokens[this.pos];
        if (u?.kind === "op" && u.op === ";;") break;
        item.push([this.statement(), null]);
        const semi = this.tokens[this.pos];
        if (semi?.kind !== "op" || (semi.op !== ";" && semi.op !== ";;")) return bail();
        if (semi.op === ";") {
          item.push([this.anon(";", semi.start, semi.end), null]);
          this.pos++;
        }
      }
      const end = this.tokens[this.pos++] as OpToken;
      const last = this.tokens[this.pos];
      // tree-sitter names the `;;` of every item but the last one.
      const isLast = last?.kind === "word" && keyword(last) === "esac";
      item.push([this.anon(";;", end.start, end.end), isLast ? null : "termination"]);
      kids.push([this.node("case_item", item), null]);
    }
    if (kids.length === 3) bail();
    kids.push(this.take("esac"));
    this.depth--;
    return this.node("case_statement", kids);
  }

  /**
   * A `case` pattern, typed as tree-sitter's scanner types it: a quoted string, a number, `*`, or a name. A name
   * with a digit or `_` is an extglob_pattern; one of two or more letters is a word but right before a `|`
   * (`ab|cd`), where it is an extglob_pattern too; the first pattern after a line continuation is a word. Other patterns (one letter among them): tree-sitter.
   */
  private pattern(t: WordToken, index: number, next: Token | undefined, previous: Token): FastNode {
    const node = this.literal(t);
    if (node.type === "raw_string" || node.type === "number") return node;
    if (node.type === "string" && node.children.every((c) => c.type !== "simple_expansion" && c.type !== "expansion")) return node;
    const text = node.text;
    if (node.type !== "word" || !/^(\*|[A-Za-z0-9_]+)$/.test(text)) return bail();
    // After a line continuation the first pattern is a word, whatever it holds.
    if (index === 0 && this.src.slice((previous as WordToken).end, t.start).includes("\\")) return plain(this.src, t.start, t.end);
    if (next && this.src.slice(t.end, next.start).includes("\\")) bail();
    const glob = new FastNode(this.src, "extglob_pattern", true, t.start, t.end);
    if (text === "*" || /[0-9_]/.test(text)) return glob;
    // One letter is read either way, by the blanks around it.
    if (text.length === 1) bail();
    return next?.kind === "op" && next.start === t.end ? glob : node;
  }

  private doGroup(): FastNode {
    return this.node("do_group", [this.take("do"), ...this.body(["done"], null), this.take("done")]);
  }

  /** `! command` (a command alone: `! a | b` negates `a`). */
  private negated(): { command: FastNode; redirects: FastNode[] } {
    const bang = this.take("!");
    const next = this.tokens[this.pos];
    if (next?.kind === "word" && keyword(next) === "!") bail();
    const { command, redirects } = this.command();
    // `! { a | b; }` splits oddly in tree-sitter: only a simple command is taken.
    if (redirects.length > 0 || command.type !== "command") bail();
    return { command: this.node("negated_command", [bang, [command, null]]), redirects: [] };
  }

  /**
   * `[ … ]` and `[[ … ]]` with one test: `-x WORD`, `! -x WORD`, `WORD OP WORD` (`=`, `!=`, `==` or a
   * `-xx` operator) or a lone word; anything else (`-a`, `-o`, `&&`, parentheses, `=~`) goes to tree-sitter.
   */
  private test(): FastNode {
    const open = this.tokens[this.pos++] as BracketToken;
    const words: WordToken[] = [];
    let t = this.tokens[this.pos++];
    for (; t?.kind === "word"; t = this.tokens[this.pos++]) words.push(t);
    if (t?.kind !== "]" || t.end - t.start !== open.end - open.start) return bail();
    const text = (w: WordToken): string => this.src.slice(w.start, w.end);
    const operand = (w: WordToken): FastNode => {
      if (/^[-!=(]/.test(text(w))) bail();
      return this.literal(w);
    };
    const testOperator = (w: WordToken): Kid => {
      if (!/^-[a-z]+$/.test(text(w))) bail();
      return [new FastNode(this.src, "test_operator", true, w.start, w.end), "operator"];
    };
    const unary = (op: WordToken, arg: WordToken): FastNode => this.node("unary_expression", [testOperator(op), [operand(arg), null]]);
    let expression: FastNode;
    if (words.length === 1) expression = operand(words[0]);
    else if (words.length === 2) expression = unary(words[0], words[1]);
    else if (words.length === 3 && text(words[0]) === "!")
      expression = this.node("unary_expression", [
        [this.anon("!", words[0].start, words[0].end), "operator"],
        [unary(words[1], words[2]), null],
      ]);
    else if (words.length === 3) {
      const op = text(words[1]);
      const left = operand(words[0]);
      const right = operand(words[2]);
      if (op !== "=" && op !== "!=" && op !== "==" && !TEST_BINARY.has(op)) bail();
      // After `!=` and `==` a plain word is a glob pattern to tree-sitter, and in `[[` most right sides of
      // these three are a regex: left to it.
      if (!TEST_BINARY.has(op) && (open.end - open.start === 2 || (op !== "=" && /^(word|number|concatenation)$/.test(right.type)))) bail();
      const operator: Kid = TEST_BINARY.has(op) ? testOperator(words[1]) : [this.anon(op, words[1].start, words[1].end), "operator"];
      expression = this.node("binary_expression", [[left, "left"], operator, [right, "right"]]);
    } else return bail();
    return this.node("test_command", [
      [this.anon(this.src.slice(open.start, open.end), open.start, open.end), null],
      [expression, null],
      [this.anon(this.src.slice(t.start, t.end), t.start, t.end), null],
    ]);
  }

  /** `NAME=value` in front of a command name, or null when the word is not one. */
  private assignment(t: WordToken): FastNode | null {
    const first = t.parts[0];
    // tree-sitter's scanner takes odd names before `=` too (`-1x=`): any other word with a `=` is left to it.
    const m = first.type === "word" ? ASSIGNMENT.exec(first.text) : null;
    if (!m) {
      if (this.src.slice(t.start, t.end).includes("=")) bail();
      return null;
    }
    const nameEnd = first.startIndex + m[1].length;
    const opEnd = nameEnd + m[2].length;
    const kids: Kid[] = [
      [new FastNode(this.src, "variable_name", true, first.startIndex, nameEnd), "name"],
      [this.anon(m[2], nameEnd, opEnd), null],
    ];
    const rest = first.endIndex > opEnd ? [plain(this.src, opEnd, first.endIndex), ...t.parts.slice(1)] : t.parts.slice(1);
    // `A=` (an empty value): no value node.
    if (rest.length === 0) return this.node("variable_assignment", kids);
    if (rest[0].type === "word" && rest[0].text.startsWith("=")) bail();
    kids.push([
      rest.length === 1
        ? rest[0]
        : this.node(
            "concatenation",
            rest.map((p): Kid => [p, null]),
          ),
      "value",
    ]);
    return this.node("variable_assignment", kids);
  }

  private literal(t: Token): FastNode {
    if (t.kind !== "word") return bail();
    return t.parts.length === 1
      ? t.parts[0]
      : this.node(
          "concatenation",
          t.parts.map((p): Kid => [p, null]),
        );
  }
}

/** A run of plain characters: a number when tree-sitter's number token takes all of it, else a word. */
function plain(src: string, start: number, end: number): FastNode {
  return new FastNode(src, NUMBER.test(src.slice(start, end)) ? "number" : "word", true, start, end);
}

/** The tokens from `start`; `nested` (inside `$(`): up to the `)` that closes it, whose index is `end`. */
function tokenize(src: string, start: number, nested: boolean): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let i = start;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    // Only after a blank: right after a word, tree-sitter may read it as part of the word.
    if (c === "\\" && src[i + 1] === "\n" && (src[i - 1] === " " || src[i - 1] === "\t")) {
      i += 2;
      continue;
    }
    if (c === ")") {
      if (!nested) {
        tokens.push({ kind: ")", start: i, end: i + 1 });
        i++;
        continue;
      }
      return { tokens: checked(src, tokens), end: i };
    }
    if (c === "&" || c === "|" || c === ";") {
      const two = src.slice(i, i + 2);
      if (two === "&&" || two === "||") {
        tokens.push({ kind: "op", op: two, start: i, end: i + 2 });
        i += 2;
      } else if (c === "|" && two !== "|&") {
        tokens.push({ kind: "op", op: "|", start: i, end: i + 1 });
        i++;
      } else if (two === ";;" && src[i + 2] !== "&") {
        tokens.push({ kind: "op", op: ";;", start: i, end: i + 2 });
        i += 2;
      } else if (c === ";" && two !== ";&") {
        tokens.push({ kind: "op", op: ";", start: i, end: i + 1 });
        i++;
      } else bail(); // `&` (background), `|&`, `;;`, and `&>`, which tree-sitter reads in its own ways
      continue;
    }
    if (c === "<" || c === ">") {
      i = redirect(src, i, null, tokens);
      continue;
    }
    const last = tokens[tokens.length - 1];
    const blankAfter = /^[ \t]/.test(src[i + 1] ?? "");
    // Command position: the start, after an operator, a `{`, or a keyword that a command follows.
    const commandStart =
      !last || last.kind === "op" || last.kind === "{" || (last.kind === "word" && BEFORE_COMMAND.has(keyword(last) as string));
    if (c === "{" && blankAfter && commandStart) {
      tokens.push({ kind: "{", start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === "(" && src[i + 1] !== "(" && commandStart) {
      const inner = tokenize(src, i + 1, true);
      if (inner.tokens.length === 0) bail();
      const kids = [new FastNode(src, "(", false, i, i + 1), ...new FastParser(src, inner.tokens).statements().map((k) => k[0])];
      kids.push(new FastNode(src, ")", false, inner.end, inner.end + 1));
      tokens.push({ kind: "subshell", node: new FastNode(src, "subshell", true, i, inner.end + 1, kids), start: i, end: inner.end + 1 });
      i = inner.end + 1;
      continue;
    }
    // `[`/`[[` and `]`/`]]` alone between blanks: a test's brackets (in any other place the parser gives up).
    const bracket =
      c === "[" ? /^\[\[?(?=[ \t])/.exec(src.slice(i, i + 3)) : c === "]" ? /^\]\]?(?=[ \t;&|)]|$)/.exec(src.slice(i, i + 3)) : null;
    if (bracket && (i === start || /[ \t]/.test(src[i - 1]))) {
      tokens.push({ kind: c === "[" ? "[" : "]", start: i, end: i + bracket[0].length });
      i += bracket[0].length;
      continue;
    }
    // `!` and `!=` alone: a negation, or a test's operator, or a word.
    const bang = c === "!" ? /^!=?(?=[ \t]|$)/.exec(src.slice(i, i + 3)) : null;
    if (bang && (i === start || /[ \t]/.test(src[i - 1]))) {
      const end = i + bang[0].length;
      tokens.push({ kind: "word", start: i, end, parts: [new FastNode(src, "word", true, i, end)] });
      i = end;
      continue;
    }
    if (c === "}" && last?.kind === "op" && last.op === ";" && /^[ \t;&|<>]?$/.test(src[i + 1] ?? "")) {
      tokens.push({ kind: "}", start: i, end: i + 1 });
      i++;
      continue;
    }
    // A descriptor: digits right before `<` or `>`.
    const fd = /^\d+(?=[<>])/.exec(src.slice(i, i + 12));
    if (fd) {
      const descriptor = new FastNode(src, "file_descriptor", true, i, i + fd[0].length);
      i = redirect(src, i + fd[0].length, descriptor, tokens);
      continue;
    }
    // `find … ! -name x -exec cp -a {} dir/ \;`: a lone `!`, `{}` or `\;` after a word is an argument, which
    // tree-sitter reads as a word (`!`, `\;`) or as the words `{` and `}` (`{}`).
    const lone = last?.kind === "word" && /[ \t]/.test(src[i - 1] ?? "") ? LONE_ARGUMENT.exec(src.slice(i, i + 3)) : null;
    if (lone) {
      const end = i + lone[1].length;
      const parts =
        lone[1] === "{}"
          ? [new FastNode(src, "word", true, i, i + 1), new FastNode(src, "word", true, i + 1, end)]
          : [new FastNode(src, "word", true, i, end)];
      tokens.push({ kind: "word", start: i, end, parts });
      i = end;
      continue;
    }
    i = word(src, i, tokens);
  }
  if (nested) bail();
  return { tokens: checked(src, tokens), end: n };
}

function checked(src: string, tokens: Token[]): Token[] {
  // tree-sitter drops a lone `-` right before a redirect with a descriptor (`a - 2>&1`): a lone `-` before any
  // redirect is left to it.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "word" && t.end - t.start === 1 && src[t.start] === "-" && tokens[i + 1].kind === "redirect") bail();
  }
  return tokens;
}

function redirect(src: string, i: number, descriptor: FastNode | null, tokens: Token[]): number {
  const op = REDIRECTS.find((r) => src.startsWith(r, i));
  if (!op) return bail();
  const end = i + op.length;
  // `<<` here-docs and strings, `<(` `>(` substitutions, `<&-` closes, `<>`: tree-sitter.
  if (/^[<>&(-]/.test(src[end] ?? "")) bail();
  const start = descriptor ? descriptor.startIndex : i;
  tokens.push({ kind: "redirect", descriptor, op: new FastNode(src, op, false, i, end), start });
  return end;
}

function word(src: string, i: number, tokens: Token[]): number {
  const start = i;
  const parts: FastNode[] = [];
  const n = src.length;
  // tree-sitter reads `a$B/c$B-d` as `a$B/c`, a bare `$`, and a new word `B-d`: a `$NAME` after two or more
  // parts of the word, with more of the word after it, is left to it.
  let lastWasRisky = false;
  while (i < n) {
    const c = src[i];
    if (lastWasRisky) bail();
    const before = parts.length;
    if (c === "$") {
      i = expansion(src, i, parts);
      const added = parts[before];
      // After two parts, tree-sitter reads `$1` or `$?` as a bare `$` and a new word.
      if (before >= 2 && added.type === "simple_expansion" && !NAME.test(src[added.startIndex + 1])) bail();
      lastWasRisky = before >= 2 && added.type === "simple_expansion";
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) bail();
      parts.push(new FastNode(src, "raw_string", true, i, close + 1));
      i = close + 1;
    } else if (c === '"') {
      i = string(src, i, parts);
    } else if (PLAIN.test(c)) {
      let j = i + 1;
      while (j < n && PLAIN.test(src[j])) j++;
      parts.push(plain(src, i, j));
      i = j;
    } else if (c === " " || c === "\t" || c === "&" || c === "|" || c === ";" || c === ")") {
      break;
    } else if (c === "<" || c === ">") {
      // A word right before a redirect may be read as its descriptor (`-1>f`): tree-sitter decides.
      bail();
    } else bail();
  }
  if (parts.length === 0) bail();
  tokens.push({ kind: "word", start, end: i, parts });
  return i;
}

/** `"…"` with plain text, `$NAME` and `${NAME}`; a blanks-only piece between them is left to tree-sitter. */
function string(src: string, open: number, parts: FastNode[]): number {
  const kids: FastNode[] = [new FastNode(src, '"', false, open, open + 1)];
  let i = open + 1;
  for (;;) {
    const c = src[i];
    if (c === undefined) bail();
    if (c === '"') {
      kids.push(new FastNode(src, '"', false, i, i + 1));
      const node = new FastNode(src, "string", true, open, i + 1, kids);
      parts.push(node);
      return i + 1;
    }
    if (c === "$") {
      i = expansion(src, i, kids);
      continue;
    }
    const blanks = /^[ \t]+/.exec(src.slice(i, i + 256));
    if (blanks && (src[i + blanks[0].length] === '"' || src[i + blanks[0].length] === "$")) {
      // Blanks alone before the closing quote are part of that quote's token to tree-sitter, and blanks alone
      // before `$NAME` part of its expansion and its `$`.
      const at = i + blanks[0].length;
      if (src[at] === '"') {
        kids.push(new FastNode(src, '"', false, i, at + 1));
        parts.push(new FastNode(src, "string", true, open, at + 1, kids));
        return at + 1;
      }
      const name = NAME.exec(src.slice(at + 1, at + 257));
      if (!name) bail();
      const end = at + 1 + (name as RegExpExecArray)[0].length;
      kids.push(
        new FastNode(src, "simple_expansion", true, i, end, [
          new FastNode(src, "$", false, i, at + 1),
          new FastNode(src, "variable_name", true, at + 1, end),
        ]),
      );
      i = end;
      continue;
    }
    let j = i;
    while (j < src.length && src[j] !== '"' && src[j] !== "$") {
      // An escape (`\"`, `\$`, `\\`) is part of the string_content; a line continuation is left to tree-sitter.
      if (src[j] === "\\") {
        if (src[j + 1] === "\n" || src[j + 1] === undefined) bail();
        j += 2;
      } else j++;
    }
    if (!/\S/.test(src.slice(i, j))) bail();
    kids.push(new FastNode(src, "string_content", true, i, j));
    i = j;
  }
}

/** `$NAME`, `${NAME}` or `$(script)`; anything else after a `$` is left to tree-sitter. */
function expansion(src: string, i: number, parts: FastNode[]): number {
  if (src[i + 1] === "(") {
    if (src[i + 2] === "(") bail(); // arithmetic
    const { tokens, end } = tokenize(src, i + 2, true);
    if (tokens.length === 0) bail();
    const inner = new FastParser(src, tokens).statements();
    const kids = [new FastNode(src, "$(", false, i, i + 2), ...inner.map((k) => k[0]), new FastNode(src, ")", false, end, end + 1)];
    parts.push(new FastNode(src, "command_substitution", true, i, end + 1, kids));
    return end + 1;
  }
  if (src[i + 1] === "{") {
    const m = NAME.exec(src.slice(i + 2, i + 2 + 256));
    if (!m) bail();
    const nameEnd = i + 2 + (m as RegExpExecArray)[0].length;
    if (src[nameEnd] === "}") {
      parts.push(
        new FastNode(src, "expansion", true, i, nameEnd + 1, [
          new FastNode(src, "${", false, i, i + 2),
          new FastNode(src, "variable_name", true, i + 2, nameEnd),
          new FastNode(src, "}", false, nameEnd, nameEnd + 1),
        ]),
      );
      return nameEnd + 1;
    }
    // `${NAME:-word}` and its kin with a plain default (or none): the operator field, then one word.
    const d = DEFAULT.exec(src.slice(nameEnd, nameEnd + 256));
    if (!d) return trim(src, i, nameEnd, parts);
    const [, op, value] = d as RegExpExecArray;
    const opEnd = nameEnd + op.length;
    const close = opEnd + value.length;
    const kids = [
      new FastNode(src, "${", false, i, i + 2),
      new FastNode(src, "variable_name", true, i + 2, nameEnd),
      new FastNode(src, op, false, nameEnd, opEnd),
    ];
    const fields: (string | null)[] = [null, null, "operator"];
    if (value.length > 0) {
      kids.push(new FastNode(src, "word", true, opEnd, close));
      fields.push(null);
    }
    kids.push(new FastNode(src, "}", false, close, close + 1));
    fields.push(null);
    parts.push(new FastNode(src, "expansion", true, i, close + 1, kids, fields));
    return close + 1;
  }
  const m = NAME.exec(src.slice(i + 1, i + 1 + 256));
  if (!m) return special(src, i, parts);
  const end = i + 1 + (m as RegExpExecArray)[0].length;
  parts.push(
    new FastNode(src, "simple_expansion", true, i, end, [
      new FastNode(src, "$", false, i, i + 1),
      new FastNode(src, "variable_name", true, i + 1, end),
    ]),
  );
  return end;
}

/** `${NAME#pattern}`, `##`, `%`, `%%` with a plain pattern: the operator field, then one regex node. */
function trim(src: string, i: number, nameEnd: number, parts: FastNode[]): number {
  const m = TRIM.exec(src.slice(nameEnd, nameEnd + 256));
  if (!m) return bail();
  const [, op, pattern] = m;
  const opEnd = nameEnd + op.length;
  const close = opEnd + pattern.length;
  const kids = [
    new FastNode(src, "${", false, i, i + 2),
    new FastNode(src, "variable_name", true, i + 2, nameEnd),
    new FastNode(src, op, false, nameEnd, opEnd),
    new FastNode(src, "regex", true, opEnd, close),
    new FastNode(src, "}", false, close, close + 1),
  ];
  parts.push(new FastNode(src, "expansion", true, i, close + 1, kids, [null, null, "operator", null, null]));
  return close + 1;
}

/**
 * `$?`, `$@`, `$#`, `$!`, `$*`, `$-` (a special_variable_name) and `$0`…`$9` (a variable_name, as tree-sitter has
 * it), when no name character or other `$`-word character follows (`$1b` is the variable `1b` there, `$$` a
 * lone `$`).
 */
function special(src: string, i: number, parts: FastNode[]): number {
  const c = src[i + 1] ?? "";
  const kind = SPECIAL.test(c) ? "special_variable_name" : /^[0-9]$/.test(c) ? "variable_name" : null;
  if (!kind || AFTER_SPECIAL.test(src[i + 2] ?? "")) bail();
  parts.push(
    new FastNode(src, "simple_expansion", true, i, i + 2, [
      new FastNode(src, "$", false, i, i + 1),
      new FastNode(src, kind as string, true, i + 1, i + 2),
    ]),
  );
  return i + 2;
}
