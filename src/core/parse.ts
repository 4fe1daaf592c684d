// Text → IR. The only module that imports dockerfile-ast.
//
// dockerfile-ast is lenient and has known bugs (see the research note on libraries), so this wrapper
// slices the original text by offsets instead of trusting the parser's own joins, checks that every
// non-blank character is owned by a parsed node, and validates what BuildKit would reject.
import {
  Argument as AstArgument,
  DockerfileParser,
  Instruction as AstInstructionClass,
  type Instruction as AstInstruction,
  type Heredoc as AstHeredoc,
} from "dockerfile-ast";
import { parseImageRef } from "./image-ref.js";
import type { Directive, Dockerfile, Flag, Heredoc, Instruction, Stage } from "./ir.js";
import { joinContinuations } from "./run-script.js";

/** Input that BuildKit would reject, with the 1-based line it is on. */
export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "DockerfileError";
  }
}

/** Why a file that parses cannot be rewritten safely; the pipeline then leaves it unchanged. */
export interface Unsupported {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedFile {
  readonly dockerfile: Dockerfile;
  readonly unsupported: readonly Unsupported[];
}

const KEYWORDS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);
const FLAGGED = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);
/** The flags BuildKit accepts per instruction; `true` marks a boolean flag (no value needed). */
const KNOWN_FLAGS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  FROM: { platform: false },
  RUN: { mount: false, network: false, security: false, device: false },
  COPY: { from: false, chown: false, chmod: false, link: true, exclude: false, parents: true },
  ADD: { chown: false, chmod: false, link: true, "keep-git-dir": true, checksum: false, unpack: true, exclude: false },
  HEALTHCHECK: { interval: false, timeout: false, "start-period": false, "start-interval": false, retries: false },
};
/** Flags that may be given more than once. */
const REPEATABLE = new Set(["mount", "exclude", "device"]);
/** Instructions whose flags BuildKit ignores instead of checking. */
const FLAGS_IGNORED = new Set(["ARG", "STOPSIGNAL"]);
/** Instructions that need a non-empty argument. */
const NEEDS_ARGUMENT = new Set([
  "ENV",
  "LABEL",
  "EXPOSE",
  "VOLUME",
  "ARG",
  "SHELL",
  "ONBUILD",
  "HEALTHCHECK",
  "USER",
  "WORKDIR",
  "STOPSIGNAL",
  "MAINTAINER",
]);
const EXEC_FORM = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME"]);
const STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/i;

interface Node {
  start: number;
  end: number;
  kind: "directive" | "instruction" | "comment";
  ast?: AstInstruction;
  directive?: { name: string; value: string };
}

/**
 * dockerfile-ast works an instruction's arguments out again on every call, and asks for them several times per
 * instruction (its parser, getFlags, getHeredocs, getArgumentsRange): a fifth of a whole optimize run on real
 * files. While one of our parses runs, each instruction's are worked out once. Only then: dockerfile-ast's
 * FROM methods edit the ranges they are given, which a cache kept beyond our own calls would hand on.
 */
let argumentsMemo: WeakMap<object, unknown[]> | null = null;
let argumentsPatched = false;
function withArgumentsMemo<T>(fn: () => T): T {
  if (!argumentsPatched) {
    argumentsPatched = true;
    const proto = AstInstructionClass.prototype as unknown as { getRawArguments(): unknown[] };
    const compute = rawArguments;
    proto.getRawArguments = Object.assign(
      function (this: RawInstruction): unknown[] {
        if (!argumentsMemo) return compute.call(this);
        let args = argumentsMemo.get(this);
        if (!args) {
          args = compute.call(this);
          argumentsMemo.set(this, args);
        }
        return args.slice(); // callers shift() the flags off their copy
      },
      { original: astRawArguments },
    );
  }
  const outer = argumentsMemo;
  argumentsMemo = outer ?? new WeakMap();
  try {
    return fn();
  } finally {
    argumentsMemo = outer;
  }
}

/** dockerfile-ast's own getRawArguments (for the comparison in parse.test.ts), also once another copy of this module replaced it. */
export const astRawArguments: (this: unknown) => unknown[] = (() => {
  const current = (AstInstructionClass.prototype as unknown as { getRawArguments: { original?: () => unknown[] } }).getRawArguments;
  return current.original ?? (current as () => unknown[]);
})();

interface Position {
  readonly line: number;
  readonly character: number;
}
/** The members of dockerfile-ast's Instruction (0.7.1) that its getRawArguments reads. */
interface RawInstruction {
  readonly document: { offsetAt(p: Position): number; positionAt(offset: number): Position };
  readonly escapeChar: string;
  getInstructionRange(): { readonly start: Position; readonly end: Position };
  getTextContent(): string;
}

/**
 * dockerfile-ast's `Instruction.getRawArguments` (0.7.1), the same steps and the same result (parse.test.ts
 * compares the two), without its cost: it built each argument's value one character at a time (a string per
 * character: a fifth of all an optimize run allocates) and checked each range's positions again. Here a value
 * is the text it has gathered so far plus a pending slice of the arguments, which a character appended right
 * after the slice extends; a range is `{ start, end }`, which is what `Range.create` returns for two positions.
 */
export function rawArguments(this: RawInstruction): unknown[] {
  const args: unknown[] = [];
  const doc = this.document;
  const range = this.getInstructionRange();
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const content = this.getTextContent();
  const fullArgs = content.substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  const escapeChar = this.escapeChar;
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The value so far: `gathered` + fullArgs[sliceStart, sliceEnd).
  let gathered = "";
  let sliceStart = 0;
  let sliceEnd = 0;
  const append = (at: number, end = at + 1) => {
    if (sliceEnd !== at || sliceStart === sliceEnd) {
      gathered += fullArgs.substring(sliceStart, sliceEnd);
      sliceStart = at;
    }
    sliceEnd = end;
  };
  // doc.positionAt, for the increasing offsets asked here: a line cursor that moves forward over the document's
  // line starts instead of a binary search over them for each (two per argument: every word of a RUN). An offset
  // right after a line break, or not after the cursor, is asked of the document (whose answer may move it).
  const lineOffsets = (doc as { getLineOffsets?(): readonly number[] }).getLineOffsets?.();
  let line = -1;
  const positionAt = (at: number): Position => {
    const before = fullArgs.charCodeAt(at - offset - 1);
    if (!lineOffsets || at <= offset || before === 10 || before === 13) return doc.positionAt(at);
    if (line < 0 || lineOffsets[line] > at) line = doc.positionAt(at).line;
    while (line + 1 < lineOffsets.length && lineOffsets[line + 1] <= at) line++;
    return { line, character: at - lineOffsets[line] };
  };
  const push = (end: number) => {
    const value = gathered + fullArgs.substring(sliceStart, sliceEnd);
    args.push(new AstArgument(value, { start: positionAt(offset + found), end: positionAt(offset + end) } as never));
    gathered = "";
    sliceStart = sliceEnd = 0;
  };
  const n = fullArgs.length;
  for (let i = 0; i < n; i++) {
    const char = fullArgs[i];
    if (char === " " || char === "\t" || char === "\r" || char === "\n") {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === "\r" || char === "\n") {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
      } else if (found !== -1) {
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === " " || next === "\t") {
        for (let j = i + 2; j < n; j++) {
          const c = fullArgs[j];
          if (c === " " || c === "\t") continue;
          if (c === "\r" || c === "\n") {
            if (c === "\r") j++; // as dockerfile-ast's: `\r` and the character after it
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (next === "\r") {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === "\n") {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === "$") {
          append(i);
          append(i + 1);
        } else if (next === "") {
          break;
        } else {
          append(i + 1);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === "#") {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        // The characters up to the next blank or escape character take this same branch one by one (nothing
        // above changes for them, and `start` is false after the first): taken at once.
        let j = i + 1;
        for (; j < n; j++) {
          const c = fullArgs[j];
          if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === escapeChar) break;
        }
        append(i, j);
        if (found === -1) found = i;
        i = j - 1;
      }
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? n : escapeMarker);
  return args;
}
/**
 * The parser directives BuildKit honours, by its rules: from the first line (less a byte-order mark), each
 * line, less its leading blanks, that reads `#name=value` with a known name; the first other line (a blank
 * line, a comment, an unknown directive, an instruction) ends them. A directive given twice is an error.
 */
export function buildkitDirectives(body: string): { name: string; value: string; line: number }[] {
  const found: { name: string; value: string; line: number }[] = [];
  // Line by line up to the first that is not a directive (the first line, in most files): no array of every line.
  for (let i = 0, start = 0; start <= body.length; i++) {
    const nl = body.indexOf("\n", start);
    const text = body.slice(start, nl < 0 ? body.length : nl);
    start = nl < 0 ? body.length + 1 : nl + 1;
    const m = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/.exec(text.replace(/^\s+/, ""));
    const name = m?.[1].toLowerCase();
    if (!m || !name || !BUILDKIT_DIRECTIVES.has(name)) break;
    if (found.some((d) => d.name === name)) throw new DockerfileError(`only one ${name} parser directive can be used`, i + 1);
    found.push({ name, value: m[2], line: i + 1 });
  }
  return found;
}
const BUILDKIT_DIRECTIVES = new Set(["syntax", "escape", "check"]);

export function parseDockerfile(text: string): ParsedFile {
  return withArgumentsMemo(() => parseText(text));
}

/** Go's unicode.IsSpace, which BuildKit trims from the start of every line, less `\n`. */
const GO_SPACE = "\t\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`);
const WIDE_SPACE = /[^ \t\r]/g;
/** A character of GO_SPACE other than a space, a tab or a carriage return (`\n` is not one of them). */
const WIDE_ANYWHERE = /[\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function spaceName(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const names: Record<number, string> = {
    11: "a vertical tab",
    12: "a form feed",
    133: "a next-line character",
    160: "a no-break space",
    5760: "an Ogham space mark",
    8232: "a line separator",
    8233: "a paragraph separator",
    8239: "a narrow no-break space",
    8287: "a mathematical space",
    12288: "an ideographic space",
  };
  const name = names[code] ?? "a typographic space";
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")} (${name})`;
}

/**
 * Lines that start with white space other than spaces and tabs (a no-break space pasted from a web page, a form
 * feed): BuildKit skips it as it skips spaces, msb-opt's parser does not. The first such line is reported, and
 * the text is read with each of those characters as one space (the same length: every one is a single UTF-16
 * unit), so that the file is left unchanged with a note rather than refused as bad input.
 */
function withPlainIndent(body: string, lineStarts: number[]): { body: string; line: Unsupported | null } {
  // No such character anywhere (nearly every file): one scan of the text, no array of lines and no match per line.
  if (!WIDE_ANYWHERE.test(body)) return { body, line: null };
  let found: Unsupported | null = null;
  const lines = body.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const lead = LEADING_SPACE.exec(lines[i])?.[0];
    if (lead === undefined || !/[^ \t\r]/.test(lead)) continue;
    const wide = lead.replace(/[ \t\r]/g, "")[0];
    found ??= {
      line: lineOf(lineStarts, lineStarts[i]),
      reason: `a line indented with ${spaceName(wide)}; BuildKit takes it for a space`,
    };
    lines[i] = lead.replace(WIDE_SPACE, " ") + lines[i].slice(lead.length);
  }
  return found ? { body: lines.join("\n"), line: found } : { body, line: null };
}

function parseText(text: string): ParsedFile {
  const bom = text.startsWith("\uFEFF");
  const unsupported: Unsupported[] = [];
  const lineStarts = [0];
  const original = bom ? text.slice(1) : text;
  for (let i = 0; i < original.length; i++) if (original[i] === "\n") lineStarts.push(i + 1);
  const indent = withPlainIndent(original, lineStarts);
  if (indent.line) unsupported.push(indent.line);
  const body = indent.body;
  const loneCr = /\r(?!\n)/.exec(body);
  if (loneCr) {
    unsupported.push({ line: lineOf(lineStarts, loneCr.index), reason: "a carriage return without a line feed" });
  }
  const ast = DockerfileParser.parse(body);
  const at = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;

  const nodes: Node[] = [];
  for (const d of ast.getDirectives()) {
    const r = d.getRange();
    // BuildKit's directive names are one word (`syntax`, `escape`, `check`); `# a b=c` is a comment.
    const kind = /^[a-z][a-z0-9]*$/i.test(d.getName()) ? "directive" : "comment";
    nodes.push({ start: at(r.start), end: at(r.end), kind, directive: { name: d.getName(), value: d.getValue() } });
  }
  for (const i of ast.getInstructions()) {
    const r = i.getRange();
    nodes.push({ start: at(r.start), end: at(r.end), kind: "instruction", ast: i });
  }
  for (const c of ast.getComments()) {
    const r = c.getRange();
    nodes.push({ start: at(r.start), end: at(r.end), kind: "comment" });
  }
  nodes.sort((a, b) => a.start - b.start || b.end - a.end);
  // Comments inside a continuation are reported twice: drop any node inside an earlier one.
  const owned: Node[] = [];
  for (const n of nodes) {
    const last = owned[owned.length - 1];
    if (last && n.start < last.end) continue;
    owned.push(n);
  }
  let cursor = 0;
  for (const n of owned) {
    const gap = body.slice(cursor, n.start);
    if (/\S/.test(gap)) {
      unsupported.push({ line: lineOf(lineStarts, cursor + gap.search(/\S/)), reason: "text the parser could not place" });
    }
    cursor = n.end;
  }
  if (/\S/.test(body.slice(cursor))) {
    unsupported.push({ line: lineOf(lineStarts, cursor), reason: "text the parser could not place" });
  }

  const newline = /\r\n/.test(body) && !/(^|[^\r])\n/.test(body) ? "\r\n" : "\n";
  const lineEnd = (offset: number) => {
    const nl = body.indexOf("\n", offset);
    if (nl < 0) return { end: body.length, eol: "" };
    return body[nl - 1] === "\r" ? { end: nl - 1, eol: "\r\n" } : { end: nl, eol: "\n" };
  };

  const honoured = buildkitDirectives(body);
  const escapeDirective = honoured.find((d) => d.name === "escape");
  if (escapeDirective && !["`", "\\"].includes(escapeDirective.value)) {
    throw new DockerfileError(`invalid escape token '${escapeDirective.value}' does not match \` or \\`, escapeDirective.line);
  }
  const escape = ast.getEscapeCharacter() === "`" ? "`" : "\\";
  // The directives BuildKit honours must be the ones the parser read (an `# escape=` after an unknown
  // directive, a blank line or a comment is a comment to BuildKit): else the file's structure is unknown.
  const directiveLines = new Set(honoured.map((d) => d.line));
  const read = owned.filter((n) => n.kind === "directive" && directiveLines.has(lineOf(lineStarts, n.start)));
  if (read.length !== honoured.length || (escapeDirective?.value ?? "\\") !== escape) {
    const astEscape = owned.find((n) => n.kind === "directive" && n.directive?.name.toLowerCase() === "escape");
    const missed = honoured.find((d) => !read.some((n) => lineOf(lineStarts, n.start) === d.line));
    const reason = missed
      ? `a \`# ${missed.name}=\` parser directive msb-opt's parser does not read as one`
      : "an `# escape=` line that BuildKit reads as a comment (a blank line, a comment or another line before it ends the parser directives)";
    const line = missed?.line ?? (astEscape ? lineOf(lineStarts, astEscape.start) : 1);
    const whole: Dockerfile = { bom, newline, escape, directives: [], globalArgs: [], stages: [], trailing: body };
    return { dockerfile: whole, unsupported: [...unsupported, { line, reason }] };
  }
  const directives: Directive[] = [];
  const instructions: Instruction[] = [];
  let consumed = 0;
  for (const n of owned) {
    if (n.kind === "comment") continue;
    const { end, eol } = lineEnd(n.end);
    if (n.kind === "directive") {
      // One BuildKit reads as a comment stays with the comments above the first instruction.
      if (!directiveLines.has(lineOf(lineStarts, n.start))) continue;
      directives.push({ ...n.directive!, raw: body.slice(n.start, end), eol });
    } else {
      const leading = body.slice(consumed, n.start);
      instructions.push(toInstruction(n.ast!, body, n.start, end, eol, leading, at, escape, unsupported));
    }
    consumed = end + eol.length;
  }
  const trailing = body.slice(consumed);
  if (instructions.length === 0 && unsupported.length === 0) throw new DockerfileError("the file has no instructions", 1);

  if (unsupported.length > 0) {
    // We do not understand the file's structure: keep it whole, as text, and validate nothing.
    const dockerfile: Dockerfile = { bom, newline, escape, directives: [], globalArgs: [], stages: [], trailing: body };
    return { dockerfile, unsupported };
  }
  const { duplicate, ...parts } = toStages(instructions);
  if (duplicate) {
    // BuildKit accepts it (with a lint warning); a later stage of the same name replaces the earlier one for
    // the references after it, which msb-opt does not model: keep the file as it is.
    const reason = `a second build stage named \`${duplicate.name}\``;
    const whole: Dockerfile = { bom, newline, escape, directives: [], globalArgs: [], stages: [], trailing: body };
    return { dockerfile: whole, unsupported: [{ line: duplicate.line, reason }] };
  }
  const dockerfile: Dockerfile = { bom, newline, escape, directives, ...parts, trailing };
  return { dockerfile, unsupported };
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function toInstruction(
  node: AstInstruction,
  body: string,
  start: number,
  end: number,
  eol: string,
  leading: string,
  at: (p: { line: number; character: number }) => number,
  escape: "\\" | "`",
  unsupported: Unsupported[],
): Instruction {
  const line = node.getRange().start.line + 1;
  const keyword = node.getKeyword();
  if (!KEYWORDS.has(keyword)) throw new DockerfileError(`unknown instruction: ${node.getInstruction()}`, line);
  const raw = body.slice(start, end);

  const flags: Flag[] = [];
  let argsFrom = node.getArgumentsRange() ? at(node.getArgumentsRange()!.start) : end;
  if (FLAGGED.has(keyword)) {
    const astFlags = (
      node as unknown as {
        getFlags(): { getName(): string; getValue(): string | null; getRange(): { end: { line: number; character: number } } }[];
      }
    ).getFlags();
    for (const f of astFlags) {
      flags.push({ name: f.getName(), value: f.getValue() });
      argsFrom = Math.max(argsFrom, at(f.getRange().end));
    }
  }
  const heredocs: Heredoc[] = [];
  let argsTo = end;
  let astHeredocs: AstHeredoc[] = [];
  try {
    astHeredocs = (node as unknown as { getHeredocs?(): AstHeredoc[] }).getHeredocs?.() ?? [];
  } catch {
    // dockerfile-ast throws on some argument-less instructions; we then cannot place its parts.
    unsupported.push({ line, reason: "an instruction the Dockerfile parser could not read" });
  }
  for (const h of astHeredocs) {
    const opening = body.slice(at(h.getStartRange().start), at(h.getStartRange().end));
    const content = h.getContentRange();
    const delimiter = h.getDelimiterRange();
    const bodyStart = content ? at(content.start) : delimiter ? at(delimiter.start) : end;
    const bodyEnd = delimiter ? at(delimiter.start) : end;
    if (heredocs.length === 0) argsTo = Math.max(argsFrom, bodyStart - (body[bodyStart - 2] === "\r" ? 2 : 1));
    heredocs.push({
      name: h.getName(),
      quoted: /^<<-?\s*["']/.test(opening),
      stripTabs: opening.startsWith("<<-"),
      body: body.slice(bodyStart, bodyEnd),
    });
  }
  const args = skipContinuations(body.slice(argsFrom, argsTo)).replace(/\r\n/g, "\n").trimEnd();

  // dockerfile-ast joins a line ending in an escaped escape (`\\`) with the next; BuildKit does not.
  if (escape === "\\" && heredocs.length === 0 && /\\\\[ \t]*\r?\n/.test(raw)) {
    unsupported.push({ line, reason: "a line ending in an escaped escape character (`\\\\`)" });
  }
  validate(keyword, flags, args, heredocs.length > 0, line, escape);
  if (keyword === "ONBUILD") {
    const trigger = args.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
    if (["ONBUILD", "FROM", "MAINTAINER"].includes(trigger)) {
      throw new DockerfileError(`${trigger} is not allowed as an ONBUILD trigger`, line);
    }
  }
  let exec: string[] | null = null;
  if (EXEC_FORM.has(keyword) && heredocs.length === 0) exec = parseExecForm(args, escape);
  return { keyword, flags, args, exec, heredocs, leading, line, raw, eol };
}

/** Go's duration syntax (`30s`, `1m30s`, `1.5h`), which BuildKit parses HEALTHCHECK's times with; `0` too. */
const DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$|^0$/;
const MOUNT_TYPES = new Set(["bind", "cache", "tmpfs", "secret", "ssh"]);
const FLAG_CHOICES: Readonly<Record<string, ReadonlySet<string>>> = {
  network: new Set(["default", "none", "host"]),
  security: new Set(["sandbox", "insecure"]),
};

/** Values BuildKit refuses for a flag it knows: HEALTHCHECK's times and retries, RUN's mount type, network, security. */
function checkFlagValue(keyword: string, name: string, quoted: string, line: number): void {
  // BuildKit reads a flag's value as a word: quotes around it (`--interval="30s"`) go.
  const value = quoted.replace(/^(["'])(.*)\1$/, "$2");
  if (keyword === "HEALTHCHECK" && name === "retries" && !/^[0-9]+$/.test(value))
    throw new DockerfileError(`invalid value for flag retries: ${value}`, line);
  if (keyword === "HEALTHCHECK" && name !== "retries" && !DURATION.test(value.replace(/^[+]/, "")))
    throw new DockerfileError(`invalid duration for flag ${name}: ${value}`, line);
  if (keyword !== "RUN") return;
  if (name === "mount") {
    const type = /(?:^|,)"?type=([^,]*)/
      .exec(value)?.[1]
      ?.replace(/^(["'])(.*)\1$/, "$2")
      .replace(/"$/, "");
    if (type !== undefined && !MOUNT_TYPES.has(type)) throw new DockerfileError(`unsupported mount type "${type}"`, line);
  } else if (FLAG_CHOICES[name] && !FLAG_CHOICES[name].has(value))
    throw new DockerfileError(`invalid value for flag ${name}: ${value}`, line);
}

/** What BuildKit's instruction parser rejects in one instruction (its flags and argument count). */
function validate(keyword: string, flags: readonly Flag[], args: string, heredoc: boolean, line: number, escape: "\\" | "`"): void {
  // Split on first use: a RUN, most of a file's text, needs no words.
  let split: string[] | undefined;
  const words = () =>
    (split ??= args
      .replace(/[\\`][ \t]*\n/g, " ")
      .trim()
      .split(/\s+/)
      .filter(Boolean));
  // A first word that starts with `--` needs `--` somewhere in the text (joining lines adds no dash).
  if (!FLAGGED.has(keyword) && !FLAGS_IGNORED.has(keyword) && args.includes("--") && /^--[^\s-]/.test(words()[0] ?? "")) {
    throw new DockerfileError(`unknown flag: ${words()[0].slice(2).split("=")[0]}`, line);
  }
  const known = KNOWN_FLAGS[keyword];
  // Most instructions have no flag or one, and no duplicate to look for: no set for them.
  const seen = flags.length > 1 ? new Set<string>() : null;
  for (const f of flags) {
    if (!known || !(f.name in known)) {
      throw new DockerfileError(`unknown flag: ${f.name}`, line);
    }
    if (seen?.has(f.name) && !REPEATABLE.has(f.name)) throw new DockerfileError(`duplicate flag specified: ${f.name}`, line);
    seen?.add(f.name);
    if (known[f.name]) {
      if (f.value !== null && !/^(true|false)$/i.test(f.value)) {
        throw new DockerfileError(`expecting boolean value for flag ${f.name}, not: ${f.value}`, line);
      }
    } else if (f.value === null || f.value === "") {
      throw new DockerfileError(`missing a value on flag: ${f.name}`, line);
    }
    if (f.name === "chmod" && f.value && !f.value.includes("$") && !/^[0-7]{3,4}$/.test(f.value) && !SYMBOLIC_MODE.test(f.value)) {
      throw new DockerfileError(`invalid chmod parameter: ${f.value}`, line);
    }
    if (f.value && !f.value.includes("$")) checkFlagValue(keyword, f.name, f.value, line);
  }
  if (NEEDS_ARGUMENT.has(keyword) && !heredoc && words().length === 0) {
    throw new DockerfileError(`${keyword} requires at least one argument`, line);
  }
  if ((keyword === "COPY" || keyword === "ADD") && !heredoc && (parseExecForm(args, escape) ?? words()).length < 2) {
    throw new DockerfileError(
      `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
      line,
    );
  }
  if ((keyword === "ENV" || keyword === "LABEL") && !heredoc) nameValues(keyword, args, line, escape);
  if (keyword === "SHELL" && words().length > 0 && parseExecForm(args, escape) === null) {
    throw new DockerfileError("SHELL requires the arguments to be in JSON form", line);
  }
  if (keyword === "HEALTHCHECK") {
    const [first, ...rest] = words();
    const type = first.toUpperCase();
    if (type === "NONE" && rest.length > 0) throw new DockerfileError("HEALTHCHECK NONE takes no arguments", line);
    if (type !== "NONE" && type !== "CMD") throw new DockerfileError(`Unknown type "${first}" in HEALTHCHECK (try CMD)`, line);
    if (type === "CMD" && rest.length === 0) throw new DockerfileError("Missing command after HEALTHCHECK CMD", line);
  }
}

/** ENV and LABEL: the legacy `KEY name value`, or words that are all `name=value`. */
function nameValues(keyword: string, args: string, line: number, escape: "\\" | "`"): void {
  const text = joinContinuations(args, escape);
  const e = escape === "`" ? "`" : "\\\\";
  const word = new RegExp(`(?:${e}.|"(?:[^"${e}]|${e}.)*"?|'[^']*'?|[^\\s"'${e}])+`, "gs");
  const words = text.match(word) ?? [];
  const [first] = words;
  if (first === undefined) return;
  if (!first.includes("=")) {
    if (text.split(/\s+/).length < 2) throw new DockerfileError(`${keyword} must have two arguments`, line);
    return;
  }
  for (const w of words) {
    if (!w.includes("=")) throw new DockerfileError(`Syntax error - can't find = in "${w}". Must be of the form: name=value`, line);
    if (w.startsWith("=")) throw new DockerfileError(`${keyword} names can not be blank`, line);
  }
}

/** `u+x`, `go-w`, `a=rX,u+w`: the symbolic modes newer BuildKit accepts for `--chmod`. */
const SYMBOLIC_MODE = /^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/;

/** Drop whitespace, line continuations and comment lines before the first argument. */
function skipContinuations(text: string): string {
  let rest = text;
  for (;;) {
    const next = rest
      .replace(/^[ \t]+/, "")
      .replace(/^[\\`][ \t]*\r?\n/, "")
      .replace(/^[ \t]*#[^\n]*\n/, "");
    if (next === rest) return rest;
    rest = next;
  }
}

/** Exec form as BuildKit reads it: a JSON array of strings, else shell form. */
export function parseExecForm(args: string, escape: "\\" | "`" = "\\"): string[] | null {
  // Joined as BuildKit joins lines: comment lines inside the continuation are dropped.
  const joined = joinContinuations(args, escape);
  if (!joined.startsWith("[")) return null;
  try {
    const value: unknown = JSON.parse(joined);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  } catch {
    // not JSON: shell form, as BuildKit does
  }
  return null;
}

function toStages(
  instructions: Instruction[],
): Pick<Dockerfile, "globalArgs" | "stages"> & { duplicate: { name: string; line: number } | null } {
  let duplicate: { name: string; line: number } | null = null;
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  let body: Instruction[] | null = null;
  const names = new Set<string>();
  for (const instr of instructions) {
    if (instr.keyword === "FROM") {
      const stage = toStage(instr, []);
      if (stage.name) {
        if (names.has(stage.name.toLowerCase())) duplicate ??= { name: stage.name, line: instr.line };
        names.add(stage.name.toLowerCase());
      }
      stages.push(stage);
      body = stage.body as Instruction[];
    } else if (body) {
      body.push(instr);
    } else if (instr.keyword === "ARG") {
      globalArgs.push(instr);
    } else {
      throw new DockerfileError(`${instr.keyword} comes before the first FROM; only ARG may`, instr.line);
    }
  }
  if (stages.length === 0 && instructions.length > 0) {
    throw new DockerfileError("no FROM instruction: a Dockerfile needs at least one build stage", instructions[0].line);
  }
  return { globalArgs, stages, duplicate };
}

/** Read a FROM instruction into a stage with the given body. */
export function toStage(from: Instruction, body: Instruction[]): Stage {
  const words = from.args
    .replace(/[\\`][ \t]*\n/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) throw new DockerfileError("FROM needs an image", from.line);
  if (words.length !== 1 && !(words.length === 3 && words[1].toLowerCase() === "as")) {
    throw new DockerfileError("FROM takes an image and an optional `AS name`", from.line);
  }
  const name = words[2] ?? null;
  if (name !== null && !STAGE_NAME.test(name)) throw new DockerfileError(`invalid stage name "${name}"`, from.line);
  const platform = from.flags.find((f) => f.name === "platform")?.value ?? null;
  return { from, base: parseImageRef(words[0]), name, platform, body };
}
