// IR → text. Untouched parts print their original bytes; changed and new ones print canonically.
import { allInstructions, type Directive, type Dockerfile, type Flag, type Instruction } from "./ir.js";

export function printDockerfile(df: Dockerfile): string {
  const out: string[] = [];
  if (df.bom) out.push("\uFEFF");
  const nl = df.newline;
  for (const d of df.directives) out.push(printDirective(d), d.eol || nl);
  const instructions = [...allInstructions(df)];
  instructions.forEach((instr, i) => {
    const last = i === instructions.length - 1 && df.trailing === "";
    out.push(instr.leading, printInstruction(instr, nl));
    out.push(instr.eol === null || (instr.eol === "" && !last) ? nl : instr.eol);
  });
  out.push(df.trailing);
  return out.join("");
}

function printDirective(d: Directive): string {
  return d.raw ?? `# ${d.name}=${d.value}`;
}

/** One instruction without its leading lines or final line ending, using `nl` for line breaks. */
export function printInstruction(instr: Instruction, nl: "\n" | "\r\n" = "\n"): string {
  if (instr.raw !== null) return instr.raw;
  const parts = [instr.keyword, ...instr.flags.map(printFlag)];
  const args = instr.exec ? printExec(instr.exec) : instr.args;
  if (args !== "") parts.push(args);
  let text = parts.join(" ");
  for (const h of instr.heredocs) text += `\n${h.body.replace(/\r\n/g, "\n")}${h.name}`;
  return nl === "\n" ? text : text.replace(/\r?\n/g, nl);
}

export function printFlag(flag: Flag): string {
  return flag.value === null ? `--${flag.name}` : `--${flag.name}=${flag.value}`;
}

/** Exec form in the style of Docker's documentation: `["a", "b"]`. */
export function printExec(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;
}

/**
 * Shell-form arguments laid out one command per continuation line, the canonical style for merged RUNs:
 * `apt-get update \` / `    && apt-get install -y curl`.
 */
export function continuationLines(lines: readonly string[], escape: "\\" | "`" = "\\"): string {
  return lines.map((l, i) => (i === 0 ? l : `    ${l}`)).join(` ${escape}\n`);
}
