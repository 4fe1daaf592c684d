// The RUNs the runtime stage writes itself: its own `apt-get install` (the package lists fetched and removed in
// the same RUN), and the user, group and apk commands of the build it repeats.
import { instruction, type Instruction } from "../../src/core/ir.js";
import { continuationLines } from "../../src/core/print.js";

/** The options and packages of each RUN `aptInstallRun` wrote. */
const APT_RUNS = new WeakMap<Instruction, { readonly options: readonly string[]; readonly packages: readonly string[] }>();

/** `apt-get update && apt-get install <options> <packages> && rm -rf /var/lib/apt/lists/*` at `line`. */
export function aptInstallRun(options: readonly string[], packages: readonly string[], line: number): Instruction {
  const words = [...options, ...packages].join(" ");
  const lines = ["apt-get update", `&& apt-get install ${words}`, "&& rm -rf /var/lib/apt/lists/*"];
  const run = instruction("RUN", continuationLines(lines), { line });
  APT_RUNS.set(run, { options, packages });
  return run;
}

/** The packages of an `apt-get install` RUN this pass wrote (with its own `apt-get update`), or null. */
export function ownAptPackages(instr: Instruction): readonly string[] | null {
  return APT_RUNS.get(instr)?.packages ?? null;
}

/** The options the pass's own installs use (the libraries a recipe adds). */
const OWN_OPTIONS = ["-y", "--no-install-recommends"];
/** Options that only say how apt asks and talks: another install may take them on. */
const PLAIN_OPTION = /^(-y|--yes|--assume-yes|-q+|--quiet(=\d)?|--no-install-recommends|--no-install-suggests)$/;

/**
 * The runtime's body with each run of adjacent installs this file wrote (a recipe's libraries, then the build's
 * run-time packages) made one: one `apt-get update`, one `apt-get install`. Installs with other options join only
 * when one is the pass's own and the other's options are plain (`-y`): the build's options then hold for both.
 */
export function mergeAptRuns(body: readonly Instruction[]): Instruction[] {
  const out: Instruction[] = [];
  for (const instr of body) {
    const prev = out.length > 0 ? out[out.length - 1] : undefined;
    const a = prev && APT_RUNS.get(prev);
    const b = APT_RUNS.get(instr);
    const same = (x: readonly string[], y: readonly string[]) => x.join(" ") === y.join(" ");
    const options =
      !a || !b
        ? null
        : same(a.options, b.options)
          ? a.options
          : same(a.options, OWN_OPTIONS) && b.options.every((o) => PLAIN_OPTION.test(o))
            ? b.options
            : same(b.options, OWN_OPTIONS) && a.options.every((o) => PLAIN_OPTION.test(o))
              ? a.options
              : null;
    if (prev && a && b && options) {
      out[out.length - 1] = aptInstallRun(options, [...new Set([...a.packages, ...b.packages])], prev.line);
      continue;
    }
    out.push(instr);
  }
  return out;
}

/** The commands joined by `&&`, one per line. */
export function setupRun(commands: readonly string[], line: number): Instruction {
  return instruction("RUN", continuationLines(commands.map((c, i) => (i === 0 ? c : `&& ${c}`))), { line });
}
