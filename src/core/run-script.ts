// The shell script a RUN executes, as BuildKit hands it to the shell, and whether we may reason about it.
import { stageIndex, type Dockerfile, type Instruction, type Stage } from "./ir.js";
import { MAX_SHELL_DEPTH, parseShell, scopedMemo, type ShellScript } from "./shell.js";

const POSIX_SHELLS = /(^|\/)(sh|bash|ash|dash)$/;
const WINDOWS_BASE = /(windows|servercore|nanoserver|mcr\.microsoft\.com\/powershell)/i;

/**
 * Join line continuations the way BuildKit does: a line ending in the escape character (then optional
 * blanks) continues on the next; comment lines and empty lines inside a continuation are dropped.
 */
export function joinContinuations(text: string, escape: "\\" | "`" = "\\"): string {
  // Every pass asks for the same RUNs' scripts: joined once per optimize run.
  return escape === "`" ? scopedMemo("join`", text, joinBackquote) : scopedMemo("join", text, joinBackslash);
}
const joinBackslash = (text: string) => join(text, "\\");
const joinBackquote = (text: string) => join(text, "`");

/** A line that continues on the next, by escape character. */
const CONTINUED = { "\\": /(^|[^\\])\\[ \t]*$/, "`": /(^|[^`])`[ \t]*$/ };

function join(text: string, escape: "\\" | "`"): string {
  const continued = CONTINUED[escape];
  let out = "";
  // Line by line (a `\r\n` or a `\n` ends one), up to the first that does not continue: no array of lines.
  for (let start = 0; ; ) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl < 0 ? text.length : nl > start && text[nl - 1] === "\r" ? nl - 1 : nl);
    if (start > 0 && /^\s*(#.*)?$/.test(line)) {
      // A comment or blank line inside the continuation.
    } else if (continued.test(line)) {
      // The line up to its escape character, which is the last character before trailing blanks.
      let end = line.length - 1;
      while (line[end] === " " || line[end] === "\t") end--;
      out += line.slice(0, end);
    } else {
      out += line;
      break;
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return out.trim();
}

/** The exec form of the SHELL in effect at `instr` (default `/bin/sh -c`), following `FROM <stage>` chains. */
export function shellInEffect(df: Dockerfile, stage: Stage, instr: Instruction | null): readonly string[] | null {
  const index = instr ? stage.body.indexOf(instr) : stage.body.length;
  const own = lastShell(stage, index < 0 ? stage.body.length : index);
  return own !== undefined ? own : inherited(df, stage);
}

/** The exec form of the last SHELL among the first `end` instructions of the stage; undefined when none. */
function lastShell(stage: Stage, end: number): readonly string[] | null | undefined {
  for (let i = end - 1; i >= 0; i--) if (stage.body[i].keyword === "SHELL") return stage.body[i].exec;
  return undefined;
}

/** Per file: the SHELL a stage starts with. Memoized and iterative, so long `FROM <stage>` chains stay linear. */
const startShells = new WeakMap<Dockerfile, Map<Stage, readonly string[] | null>>();

function inherited(df: Dockerfile, stage: Stage): readonly string[] | null {
  let memo = startShells.get(df);
  if (!memo) startShells.set(df, (memo = new Map()));
  const chain: Stage[] = [];
  let current = stage;
  let result: readonly string[] | null;
  for (;;) {
    if (memo.has(current)) {
      result = memo.get(current) ?? null;
      break;
    }
    chain.push(current);
    // A stage is built FROM an earlier stage only, so the chain ends.
    const parent = stageIndex(df, current.base.raw, df.stages.indexOf(current));
    if (parent < 0) {
      result = WINDOWS_BASE.test(current.base.raw) ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
      break;
    }
    const parentStage = df.stages[parent];
    const own = lastShell(parentStage, parentStage.body.length);
    if (own !== undefined) {
      result = own;
      break;
    }
    current = parentStage;
  }
  for (const s of chain) memo.set(s, result);
  return result;
}

export type RunScript = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** The POSIX shell script of a RUN, or why it is not one we may reason about. */
export function runScript(df: Dockerfile, stage: Stage, instr: Instruction): RunScript {
  if (instr.keyword !== "RUN") return { ok: false, reason: `it is a ${instr.keyword}, not a RUN` };
  if (instr.exec) return { ok: false, reason: "it is in exec (JSON) form, which runs without a shell" };
  if (df.escape !== "\\") return { ok: false, reason: "the file uses `# escape=`` (a Windows Dockerfile)" };
  const shell = shellInEffect(df, stage, instr);
  if (!shell || !POSIX_SHELLS.test(shell[0] ?? "")) {
    return { ok: false, reason: `its shell is \`${(shell ?? ["?"]).join(" ")}\`, not a POSIX shell` };
  }
  const head = joinContinuations(instr.args, df.escape);
  if (instr.heredocs.length === 0) return { ok: true, text: head };
  const [only] = instr.heredocs;
  if (instr.heredocs.length === 1 && /^<<-?\s*(["']?)[A-Za-z_][\w-]*\1$/.test(head)) {
    const body = only.stripTabs ? only.body.replace(/^\t+/gm, "") : only.body;
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
    const interpreter = shebang && (/(^|\/)env$/.test(shebang[1]) ? (shebang[2] ?? "") : shebang[1]);
    if (interpreter && !POSIX_SHELLS.test(interpreter))
      return { ok: false, reason: `its heredoc runs \`${interpreter}\`, not a POSIX shell` };
    return { ok: true, text: body };
  }
  const bodies = instr.heredocs.map((h) => `${h.body}${h.name}\n`).join("");
  return { ok: true, text: `${head}\n${bodies}` };
}

/** `tooDeep`: the script parsed, but nests deeper than any pass walks (MAX_SHELL_DEPTH). */
export type ParsedRun =
  | { readonly ok: true; readonly script: ShellScript }
  | { readonly ok: false; readonly reason: string; readonly tooDeep?: boolean };

/** The parsed shell of a RUN; never `ok` for a script with a syntax error (such RUNs are never rewritten). */
export function parseRun(df: Dockerfile, stage: Stage, instr: Instruction): ParsedRun {
  const source = runScript(df, stage, instr);
  if (!source.ok) return source;
  const script = parseShell(source.text);
  if (script.problem === "depth") return { ok: false, reason: `its shell nests more than ${MAX_SHELL_DEPTH} levels deep`, tooDeep: true };
  if (!script.ok) return { ok: false, reason: "its shell does not parse cleanly" };
  return { ok: true, script };
}

/**
 * A whole-word pattern of command names for `mayRunCommand`: `commandNames("npm", "pip\\d*")`. A name is
 * whole when no letter, digit, `_`, `.` or `-` touches it (a `/` may: `/usr/bin/npm` runs `npm`).
 */
export function commandNames(...names: string[]): RegExp {
  return new RegExp(`(?<![\\w.-])(?:${names.join("|")})(?![\\w.-])`);
}

/**
 * A screen before a shell parse: could the script run a command whose name, less its folders, is one of
 * `names` (from `commandNames`)? A command's name is its word's text with escapes, line continuations and
 * quotes removed, so it is a whole word of the script once those are removed the same way (and backquotes
 * made blanks); a script without one runs no such command.
 */
export function mayRunCommand(text: string, names: RegExp): boolean {
  // Several passes screen the same RUNs: the plain text is worked out once per optimize run.
  return names.test(scopedMemo("commandWords", text, commandWords));
}
function commandWords(text: string): string {
  return text
    .replace(/\\(\r?\n|[\s\S])/g, (_, c: string) => (c.endsWith("\n") ? "" : c))
    .replace(/['"]/g, "")
    .replace(/`/g, " ");
}
