// The runtime stage's own `apt-get install`: the package lists fetched and removed in the same RUN.
import { instruction, type Instruction } from "../../src/core/ir.js";
import { continuationLines } from "../../src/core/print.js";

/** `apt-get update && apt-get install <options> <packages> && rm -rf /var/lib/apt/lists/*` at `line`. */
export function aptInstallRun(options: readonly string[], packages: readonly string[], line: number): Instruction {
  const words = [...options, ...packages].join(" ");
  const lines = ["apt-get update", `&& apt-get install ${words}`, "&& rm -rf /var/lib/apt/lists/*"];
  return instruction("RUN", continuationLines(lines), { line });
}
