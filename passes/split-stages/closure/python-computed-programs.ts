// A Python file that runs a program names it in the call (`subprocess.run(["git", "log"])`, `os.system("git pull")`),
// where the search for the programs the runtime lacks (mentions.ts) finds it; or computes it when it runs
// (`subprocess.run([os.environ["TOOL"], path])`, `os.system(cmd)` with `cmd` read from a config file), where no search
// can tell which program runs. On a runtime image with fewer programs than the build's, such a call is a program the
// runtime may lack with no evidence either way (node-computed-programs.ts for Node, go-computed-programs.ts for Go).
import type { SourceFile } from "../source-files.js";
import { type ComputedProgram, shellStringComputed } from "./node-computed-programs.js";

/** subprocess's functions that run a program given as their first argument (a list, or a string). */
const SUBPROCESS = ["run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"];
/** os's: a shell line (`system`, `popen`), or a program and its arguments (`exec*`, `posix_spawn*`). */
const OS = [
  "system",
  "popen",
  "execv",
  "execve",
  "execvp",
  "execvpe",
  "execl",
  "execle",
  "execlp",
  "execlpe",
  "posix_spawn",
  "posix_spawnp",
];
/** os's `spawn*` take the mode first, then the program. */
const OS_SPAWN = ["spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe"];
/** asyncio's. */
const ASYNCIO = ["create_subprocess_exec", "create_subprocess_shell"];

/** The first call among the Python files that runs a program whose name it computes when it runs, or null. */
export function pythonComputedProgram(files: readonly SourceFile[]): ComputedProgram | null {
  for (const { path, text } of files) {
    if (!path.endsWith(".py") || !/\b(?:subprocess|os|asyncio)\b/.test(text)) continue;
    const found = computedIn(text);
    if (found) return { file: path, ...found };
  }
  return null;
}

function computedIn(text: string): { line: number; call: string } | null {
  const callers: Array<{ re: string; spawn: boolean }> = [];
  for (const [module, names] of [
    ["subprocess", SUBPROCESS],
    ["os", [...OS, ...OS_SPAWN]],
    ["asyncio", ASYNCIO],
  ] as const) {
    // `import subprocess`, `import subprocess as sp`: calls as `sp.run(`.
    const aliases = [...text.matchAll(new RegExp(String.raw`^\s*import\s+(?:[\w.]+\s*,\s*)*${module}(?:\s+as\s+(\w+))?\b`, "gm"))].map(
      (m) => m[1] ?? module,
    );
    for (const alias of aliases)
      for (const name of names) callers.push({ re: String.raw`\b${alias}\.${name}\s*\(`, spawn: OS_SPAWN.includes(name) });
    // `from subprocess import run, Popen as P`.
    for (const m of text.matchAll(new RegExp(String.raw`^\s*from\s+${module}\s+import\s+\(?([\w\s,]+)\)?`, "gm")))
      for (const part of m[1].split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if ((names as readonly string[]).includes(name))
          callers.push({ re: String.raw`(?<![\w.])${alias ?? name}\s*\(`, spawn: OS_SPAWN.includes(name) });
      }
  }
  for (const { re, spawn } of callers)
    for (const m of text.matchAll(new RegExp(re, "g"))) {
      const args = pyArguments(text.slice(m.index + m[0].length));
      const program = spawn ? args[1] : args[0];
      if (program === undefined || readable(program, text)) continue;
      const line = text.slice(0, m.index).split("\n").length;
      // A comment or a docstring line that shows a call is no call.
      const lineText = text.split("\n")[line - 1] ?? "";
      if (/^\s*#/.test(lineText) || /^\s*(>>>|\.\.\.)/.test(lineText)) continue;
      return { line, call: (m[0] + (spawn ? `${args[0]}, ${program}` : program)).replace(/\s+/g, " ").slice(0, 80) };
    }
  return null;
}

/** The call's leading arguments (up to two), each as written: a string, a list, or an expression. */
function pyArguments(rest: string, oneLine = false): string[] {
  const out: string[] = [];
  let i = 0;
  for (let n = 0; n < 2 && i < rest.length; n++) {
    let depth = 0;
    let start = i;
    while (start < rest.length && /\s/.test(rest[start])) start++;
    let j = start;
    for (; j < rest.length && j < start + 2000; j++) {
      const c = rest[j];
      if (c === '"' || c === "'") {
        const triple = rest.startsWith(c.repeat(3), j);
        const end = triple ? rest.indexOf(c.repeat(3), j + 3) : closing(rest, j, c);
        if (end < 0) return out;
        j = triple ? end + 2 : end;
      } else if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if ((c === "," || (oneLine && (c === "\n" || c === "#"))) && depth === 0) break;
    }
    out.push(rest.slice(start, j).trim());
    if (rest[j] !== ",") break;
    i = j + 1;
  }
  return out;
}

/** The index of the quote that closes a one-line string opened at `at`, or -1. */
function closing(text: string, at: number, quote: string): number {
  for (let k = at + 1; k < text.length; k++) {
    if (text[k] === "\\") k++;
    else if (text[k] === quote) return k;
    else if (text[k] === "\n") return -1;
  }
  return -1;
}

const STRING = /^[rRbBuUfF]{0,2}("""|'''|"|')([\s\S]*)\1$/;

/**
 * Is the program an argument gives written in the file: a string whose first word is no placeholder (`"git pull"`,
 * `f"git {ref}"`), a list whose first item is one (`["git", ref]`), python itself (`sys.executable`), or a name the
 * file binds to one of those (`cmd = ["git", "log"]`, `TOOL = "git"`)?
 */
function readable(arg: string, text: string, depth = 0): boolean {
  if (/^sys\.executable$/.test(arg)) return true;
  // `shlex.split("git log")`: the string's words.
  const split = /^shlex\.split\(\s*([\s\S]*)\)$/.exec(arg);
  if (split) return readable(split[1].trim(), text, depth);
  const literal = STRING.exec(arg);
  if (literal) {
    const formatted = /^[rRbBuU]?[fF]|^[fF]/.test(arg);
    const value = formatted
      ? literal[2].replace(/\{[^}]*\}/g, (_p, at: number) => (at === literal[2].search(/\S/) ? "$x" : "x"))
      : literal[2];
    return value.trim() !== "" && !shellStringComputed(value);
  }
  // `["git", "log"]`, `("git", path)`: the first item.
  const list = /^[[(]\s*([\s\S]*?)[\])]$/.exec(arg);
  if (list) {
    const [first] = pyArguments(`${list[1]})`);
    return first !== undefined && first !== "" && readable(first, text, depth);
  }
  // A name bound to such a value, once, in the file (`cmd = [...]` or `TOOL = "git"`).
  const name = /^[A-Za-z_]\w*$/.exec(arg)?.[0];
  if (!name || depth > 1) return false;
  const bindings = [...text.matchAll(new RegExp(String.raw`^[ \t]*(?:self\.)?${name}\s*(?::\s*[\w\[\], ]+)?=(?!=)\s*`, "gm"))];
  if (bindings.length === 0) return false;
  return bindings.every((b) => {
    const [value] = pyArguments(`${text.slice(b.index + b[0].length)})`, true);
    return value !== undefined && value !== "" && readable(value, text, depth + 1);
  });
}
