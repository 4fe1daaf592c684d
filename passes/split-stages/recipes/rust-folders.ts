// Paths the build's RUNs make, write or give an owner or mode (`mkdir -p data`, `touch app.log`,
// `echo "$SHA" > REVISION`, `cp a b`, `chown -R app data`) and do not remove again (a `touch` of a copied source only marks it changed): the program may write there at run time, so the runtime copies them from the build
// (with their owner, see owners.ts) even though no source names them.
import { posix } from "node:path";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands, toWord } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { isUnder, resolvePath } from "../paths.js";

const MAKERS = new Set(["mkdir", "touch", "chown", "chmod"]);

export function madePaths(a: Analysis): string[] {
  const made = new Set<string>();
  a.stage.body.forEach((instr, i) => {
    if (instr.keyword !== "RUN" || instr.exec) return;
    let cwd = a.cwdAt[i] ?? null;
    const script = parseShell(joinContinuations(instr.args));
    // Output redirections (`> file`, `>> file`, `2> file`), resolved against the RUN's first folder.
    for (const redirect of script.root.descendantsOfType("file_redirect")) {
      const dest = redirect?.childForFieldName("destination");
      const value = dest ? toWord(dest).value : null;
      if (!/^(\d*|&)>/.test(redirect?.text ?? "") || value === null || value.startsWith("&") || value.startsWith("/dev/")) continue;
      const path = resolvePath(cwd, value);
      if (path !== null) made.add(path);
    }
    for (const cmd of simpleCommands(script)) {
      const name = posix.basename(cmd.name ?? "");
      const words = cmd.args.map((w) => w.value).filter((w): w is string => w !== null && !w.startsWith("-"));
      if (name === "cd") cwd = resolvePath(cwd, words[0] ?? "/root");
      const operands = name === "chown" || name === "chmod" ? words.slice(1) : words;
      const paths = operands.map((w) => resolvePath(cwd, w)).filter((p): p is string => p !== null);
      // `touch src/main.rs` of a copied source only makes cargo rebuild it.
      const touched = (p: string) => name === "touch" && contextSource(p, a.sources) !== null;
      if (MAKERS.has(name)) for (const p of paths) if (!touched(p)) made.add(p);
      if ((name === "cp" || name === "mv") && paths.length >= 2) made.add(paths[paths.length - 1]);
      if (name === "rm" || name === "mv")
        for (const p of name === "mv" ? paths.slice(0, -1) : paths) for (const m of made) if (isUnder(m, p)) made.delete(m);
    }
  });
  return [...made];
}
