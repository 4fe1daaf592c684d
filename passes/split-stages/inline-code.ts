// `python -c CODE` in ENTRYPOINT, CMD or HEALTHCHECK is Python source the image runs: the programs it calls
// (`subprocess.run(["git", …])`) count like those of the app's files (red team 22 m2).
import type { Instruction, Stage } from "../../src/core/ir.js";
import { parseExecForm } from "../../src/core/parse.js";
import type { SourceFile } from "./source-files.js";

const PYTHON = /^(?:\S*\/)?python[\d.]*$/;
/** Shell form: `python -c "…"` or `python3 -c '…'` (double-quoted text keeps its escaped quotes). */
const SHELL_CODE = /(?:^|[\s;&|(])(?:\S*\/)?python[\d.]*\s+(?:-[A-Za-z]+\s+)*-c\s+("(?:[^"\\]|\\.)*"|'[^']*')/g;

/** The code each `python -c` of the stage's last ENTRYPOINT, CMD and HEALTHCHECK runs, as a source file. */
export function inlinePythonCode(stage: Stage): SourceFile[] {
  const files: SourceFile[] = [];
  for (const keyword of ["ENTRYPOINT", "CMD", "HEALTHCHECK"]) {
    const instr = [...stage.body].reverse().find((i) => i.keyword === keyword);
    if (instr) files.push(...codeOf(instr).map((text) => ({ path: `${keyword} (line ${instr.line})`, name: "inline.py", text })));
  }
  return files;
}

function codeOf(instr: Instruction): string[] {
  const text = instr.keyword === "HEALTHCHECK" ? instr.args.trim().replace(/^CMD\s+/i, "") : instr.args;
  const argv = instr.keyword === "HEALTHCHECK" ? (text.startsWith("[") ? parseExecForm(text) : null) : instr.exec;
  if (argv) {
    const at = argv.findIndex((w, i) => w === "-c" && argv.slice(0, i).some((p) => PYTHON.test(p)));
    return at >= 0 && argv[at + 1] !== undefined ? [argv[at + 1]] : [];
  }
  return [...text.matchAll(SHELL_CODE)].map((m) =>
    m[1].startsWith('"') ? m[1].slice(1, -1).replace(/\\(["\\$`])/g, "$1") : m[1].slice(1, -1),
  );
}
