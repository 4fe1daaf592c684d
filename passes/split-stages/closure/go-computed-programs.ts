// A Go program that runs another program names it in the call (`exec.Command("git", "log")`), where the search for
// the programs the runtime lacks (mentions.ts) finds it; or computes it when it runs (`exec.Command(os.Getenv("TOOL"))`,
// `exec.Command(cfg.Bin)`), where no search can tell which program runs. On a runtime image with fewer programs than
// the build's, such a call is a program the runtime may lack with no evidence either way (node-computed-programs.ts
// for Node).
import type { SourceFile } from "../source-files.js";
import { type ComputedProgram, shellStringComputed } from "./node-computed-programs.js";

/** The first call among the Go files that runs a program whose name it computes when it runs, or null. */
export function goComputedProgram(files: readonly SourceFile[]): ComputedProgram | null {
  for (const { path, text } of files) {
    if (!path.endsWith(".go") || path.endsWith("_test.go")) continue;
    const found = computedIn(text);
    if (found) return { file: path, ...found };
  }
  return null;
}

function computedIn(text: string): { line: number; call: string } | null {
  // `import "os/exec"`, `import ( x "os/exec" )`: the package's name in the file.
  const execNames = [...text.matchAll(/(?:^|[\s(])(?:(\w+)\s+)?"os\/exec"/g)].map((m) => m[1] ?? "exec").filter((n) => n !== "_");
  const callers = [
    ...execNames.map((n) => String.raw`\b${n}\.Command\s*\(`),
    ...execNames.map((n) => String.raw`\b${n}\.CommandContext\s*\(\s*[^,()]*(?:\([^()]*\))?\s*,`),
    String.raw`\bsyscall\.Exec\s*\(`,
    String.raw`\bos\.StartProcess\s*\(`,
  ];
  if (!/"(?:os\/exec|syscall|os)"/.test(text)) return null;
  const call = new RegExp(String.raw`(?:${callers.join("|")})\s*`, "g");
  for (const m of text.matchAll(call)) {
    const rest = text.slice(m.index + m[0].length);
    const args = goArguments(rest);
    if (readable(args, text)) continue;
    return { line: text.slice(0, m.index).split("\n").length, call: (m[0] + (args[0] ?? "")).replace(/\s+/g, " ").slice(0, 80) };
  }
  return null;
}

/** The call's leading arguments while they are string literals or plain expressions (up to three). */
function goArguments(rest: string): string[] {
  const out: string[] = [];
  const arg = /^\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`|[^,()]*(?:\((?:[^()]|\([^()]*\))*\))?[^,()]*)\s*(,|\))/;
  let text = rest;
  for (let i = 0; i < 3; i++) {
    const m = arg.exec(text);
    if (!m) break;
    out.push(m[1].trim());
    if (m[2] === ")") break;
    text = text.slice(m[0].length);
  }
  return out;
}

/**
 * Is the program the call runs written in the file: a string literal (`"git"`), or a constant the file sets to one
 * (`const tool = "git"`)? For a shell (`"sh", "-c", "…"`) the script's command words count too.
 */
function readable(args: readonly string[], text: string): boolean {
  const value = (arg: string | undefined): string | null => {
    if (arg === undefined) return null;
    const literal = /^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$/.exec(arg);
    if (literal) return literal[1] ?? literal[2];
    if (!/^[A-Za-z_]\w*$/.test(arg)) return null;
    // `const tool = "git"`, `const tool string = "git"`, or inside a `const ( … )` block.
    const single = new RegExp(String.raw`\bconst\s+${arg}\s+(?:string\s+)?=\s*"((?:[^"\\\n]|\\.)*)"`).exec(text);
    if (single) return single[1];
    for (const block of text.matchAll(/\bconst\s*\(([^)]*)\)/g)) {
      const inner = new RegExp(String.raw`(?:^|\n)\s*${arg}\s+(?:string\s+)?=\s*"((?:[^"\\\n]|\\.)*)"`).exec(block[1]);
      if (inner) return inner[1];
    }
    return null;
  };
  const program = value(args[0]);
  if (program === null || program === "" || program.includes("$")) return false;
  if (/^(\/bin\/|\/usr\/bin\/)?(ba|da)?sh$/.test(program) && args[1] !== undefined && value(args[1]) === "-c") {
    const script = value(args[2]);
    return script !== null && !shellStringComputed(script);
  }
  return true;
}
