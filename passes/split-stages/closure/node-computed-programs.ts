// A Node file that runs a program through child_process names it in the call (`execSync("git log")`), where the
// search for the programs the runtime lacks (mentions.ts) finds it; or computes it when it runs
// (`execSync(process.env.VCS + " log")`, `spawn(cmd)` with `cmd` from a config file), where no search can tell
// which program runs. On a runtime image with fewer programs than the build's, such a call is a program the
// runtime may lack with no evidence either way.
import type { SourceFile } from "../source-files.js";
import { shellLineIndex } from "../wrappers.js";

/** The child_process functions that run a program named by their first argument (`fork` runs node). */
const RUNNERS = ["exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync"];
const MODULE = `["'](?:node:)?child_process["']`;
const JS = /\.(c|m)?[jt]sx?$/;
/** `import("node:child_process")`: the module loaded when the code runs. */
const IMPORT = String.raw`\bimport\s*\(\s*${MODULE}\s*\)`;

export interface ComputedProgram {
  readonly file: string;
  readonly line: number;
  /** The call as written, up to its first argument. */
  readonly call: string;
}

/** The first child_process call among `files` whose program is computed when it runs, or null. */
export function computedProgram(files: readonly SourceFile[]): ComputedProgram | null {
  for (const { path, text } of files) {
    if (!JS.test(path) || !new RegExp(MODULE).test(text)) continue;
    const found = computedIn(text);
    if (found) return { file: path, ...found };
  }
  return null;
}

function computedIn(text: string): { line: number; call: string } | null {
  // `const cp = require("child_process")`, `import * as cp from "node:child_process"`: calls as `cp.spawn(`.
  const objects = [
    ...text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s+(\w+)\s*=\s*require\s*\(\s*${MODULE}\s*\)`, "g")),
    ...text.matchAll(new RegExp(String.raw`\bimport\s+(?:\*\s+as\s+)?(\w+)\s+from\s+${MODULE}`, "g")),
    // `const cp = await import("node:child_process")`, `import("child_process").then((cp) => …)`.
    ...text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s+(\w+)\s*=\s*(?:await\s+)?${IMPORT}`, "g")),
    ...text.matchAll(new RegExp(String.raw`${IMPORT}\s*\.then\s*\(\s*(?:async\s+)?(?:function\s*)?\(?\s*(\w+)`, "g")),
  ].map((m) => m[1]);
  // `const { exec, spawn: run } = require("child_process")`, `import { execSync } from "child_process"`.
  const names = [
    ...text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*${MODULE}\s*\)`, "g")),
    ...text.matchAll(new RegExp(String.raw`\bimport\s*\{([^}]*)\}\s*from\s+${MODULE}`, "g")),
    ...text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?${IMPORT}`, "g")),
    ...text.matchAll(new RegExp(String.raw`${IMPORT}\s*\.then\s*\(\s*(?:async\s+)?(?:function\s*)?\(\s*\{([^}]*)\}`, "g")),
  ].flatMap((m) =>
    m[1]
      .split(",")
      .map((part) => part.trim().split(/\s*(?::|\bas\b)\s*/))
      .filter(([name]) => RUNNERS.includes(name))
      .map((words) => words[words.length - 1]),
  );
  // `require("child_process").execSync(…)` names the module in the call itself.
  const callers = [
    ...objects.map((o) => String.raw`\b${o}\.(?:${RUNNERS.join("|")})`),
    ...names.map((n) => String.raw`(?<![\w.$])${n}`),
    String.raw`\brequire\s*\(\s*${MODULE}\s*\)\.(?:${RUNNERS.join("|")})`,
    String.raw`\(\s*await\s+${IMPORT}\s*\)\.(?:${RUNNERS.join("|")})`,
  ];
  if (callers.length === 0) return null;
  const call = new RegExp(String.raw`(?:${callers.join("|")})\s*\(\s*([^\s)][^,)]*)`, "g");
  for (const m of text.matchAll(call)) {
    if (readable(m[1].trim(), text)) continue;
    return { line: text.slice(0, m.index).split("\n").length, call: m[0].replace(/\s+/g, " ").slice(0, 80) };
  }
  return null;
}

/**
 * Is the program of a call's first argument written in the file: a string whose first word is no placeholder
 * (`"git log"`, `` `git ${ref}` ``), or a name the file binds to such a string (`const cmd = "git"`), alone or
 * first in a concatenation (`cmd + " log"`)?
 */
function readable(arg: string, text: string): boolean {
  // node itself (`execFile(process.execPath, ["worker.js"])`).
  if (/^process\.(execPath|argv0|argv\[0\])\s*$/.test(arg)) return true;
  // A string is a shell command line (`execSync("$VCS --version")` runs whatever `$VCS` names).
  const literal = /^(["'`])((?:(?!\1)[^\\]|\\.)*)\1?/.exec(arg);
  if (literal) return !literal[2].startsWith("${") && !shellStringComputed(literal[2].replace(/\$\{[^}]*\}/g, "x"));
  // The name alone, or first in a concatenation (`cmd + " /"`).
  const name = /^([A-Za-z_$][\w$]*)\s*(?:\+|$)/.exec(arg)?.[1];
  if (!name) return false;
  const bound = new RegExp(String.raw`\b(?:const|let|var)\s+${name.replace(/\$/g, "\\$")}\s*=\s*(["'\`])`).exec(text);
  return bound !== null && !text.slice(bound.index + bound[0].length - 1).startsWith("`${");
}

/**
 * Does a shell command line compute a command word when it runs: one that is a variable or a substitution
 * (`$VCS --version`, `$(which git) log`, `` `cat tool` `` x), also inside `sh -c "…"` and after `&&`, `;`, `|`?
 */
export function shellStringComputed(line: string): boolean {
  for (const segment of line.split(/&&|\|\||[;|&\n(]/)) {
    const words = segment
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "");
    while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0])) words.shift();
    const [name] = words;
    if (name === undefined) continue;
    if (/[$`]/.test(name)) return true;
    // `sh -c "…"`, `bash -lc "…"`, `/usr/bin/bash -e -c "…"`: the line's commands.
    const at = shellLineIndex(words);
    if (at !== null) {
      const script = words
        .slice(at)
        .join(" ")
        .replace(/^(["'])(.*)\1$/s, "$2");
      if (shellStringComputed(script)) return true;
    }
  }
  return false;
}
