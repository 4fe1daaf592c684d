// The RUNs the runtime stage writes itself: its own `apt-get install` (the package lists fetched and removed in
// the same RUN), and the user, group and apk commands of the build it repeats.
import { instruction, type Instruction } from "../../src/core/ir.js";
import { continuationLines } from "../../src/core/print.js";

/** `apt-get update && apt-get install <options> <packages> && rm -rf /var/lib/apt/lists/*` at `line`. */
export function aptInstallRun(options: readonly string[], packages: readonly string[], line: number): Instruction {
  const words = [...options, ...packages].join(" ");
  const lines = ["apt-get update", `&& apt-get install ${words}`, "&& rm -rf /var/lib/apt/lists/*"];
  return instruction("RUN", continuationLines(lines), { line });
}

/** The commands joined by `&&`, one per line. */
export function setupRun(commands: readonly string[], line: number): Instruction {
  return instruction("RUN", continuationLines(commands.map((c, i) => (i === 0 ? c : `&& ${c}`))), { line });
}
