// An entry program that nothing makes: `go build -o main .` with `CMD ["./app"]`. The original fails at start
// too, but the runtime copies the entry's program by name, so the split would not even build: decline instead.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { isUnder, resolvePath } from "../paths.js";

/** The entry program no step makes and the context lacks, with the outputs the Go builds name; null when all are made or it cannot be told. */
export function goEntryNotBuilt(a: Analysis, context: BuildContext): { command: string; path: string; outputs: string } | null {
  const made: string[] = [];
  const folders: string[] = [];
  const outputs: string[] = [];
  for (const [i, instr] of a.stage.body.entries()) {
    if (instr.keyword !== "RUN") continue;
    const script = parseShell(instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args));
    if (!script.ok) return null;
    const cwd = a.cwdAt[i] ?? a.workdir;
    for (const cmd of simpleCommands(script)) {
      const words = cmd.args.map((w) => w.value);
      if (words.some((w) => w === null)) return null;
      const args = words as string[];
      if (posix.basename(cmd.name ?? "") === "go" && (args[0] === "build" || args[0] === "install")) {
        const o = args.findIndex((w) => w === "-o" || w.startsWith("-o="));
        // Without -o the program takes the package's name, which this does not work out.
        if (args[0] === "install" || o < 0) return null;
        const value = args[o] === "-o" ? args[o + 1] : args[o].slice(3);
        if (value === undefined) return null;
        outputs.push(`\`${value}\``);
        const path = resolvePath(cwd, value);
        if (path === null) return null;
        (value.endsWith("/") ? folders : made).push(path);
      }
      // Any other word that names a path exactly may make it (`mv main app`, `cp`, `ln -s`).
      for (const w of args) {
        const path = resolvePath(cwd, w);
        if (path !== null) made.push(path);
      }
    }
  }
  if (outputs.length === 0) return null;
  for (const e of a.entry) {
    if (e.from === "script" || e.artifact === null) continue;
    const path = e.artifact;
    if (made.includes(path) || folders.some((f) => isUnder(path, f))) continue;
    const src = contextSource(path, a.sources);
    if (src !== null && (context.read(src) !== null || context.exists(src))) continue;
    return { command: e.name, path, outputs: outputs.join(", ") };
  }
  return null;
}
