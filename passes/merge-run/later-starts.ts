// What a later RUN runs with a package manager beyond its own words: a command behind a wrapper
// (`xargs apt-get install`, `sh -c "apt-get install …"`) and a script of the build context it starts
// (`RUN ./install-deps.sh`). Either may install from the package lists an earlier RUN would remove.
import type { BuildContext } from "../../src/core/context.js";
import type { Instruction, Stage } from "../../src/core/ir.js";
import { parseShell, simpleCommands, type ShellScript } from "../../src/core/shell.js";
import { baseName, managerUses, mayUseSpec, type ManagerSpec, type ManagerUse } from "./package-managers.js";
import { contextCopyWords, contextFiles } from "./runtime.js";

/** Programs that run their operands as a command. */
const WRAPPERS = new Set(["xargs", "sudo", "env", "nice", "nohup", "timeout", "stdbuf", "chroot", "flock"]);
const SHELLS = new Set(["sh", "bash", "dash", "ash", "su"]);

/** The manager's uses behind wrappers in a parsed script (`… | xargs apt-get install -y`, `sh -c "…"`). */
export function wrappedUses(script: ShellScript, spec: ManagerSpec, depth = 0): ManagerUse[] {
  const uses: ManagerUse[] = [];
  if (depth > 3) return uses;
  for (const cmd of simpleCommands(script)) {
    const name = baseName(cmd.name);
    const words = cmd.args.map((a) => a.value ?? a.text);
    let inner: string | null = null;
    if (SHELLS.has(name)) {
      const c = words.indexOf("-c");
      inner = c >= 0 ? (words[c + 1] ?? null) : null;
    } else if (WRAPPERS.has(name)) {
      const at = words.findIndex((w) => spec.names.test(baseName(w)));
      inner = at >= 0 ? words.slice(at).join(" ") : null;
    }
    if (inner === null || !mayUseSpec(inner, spec)) continue;
    const parsed = parseShell(inner);
    if (!parsed.ok) continue;
    uses.push(...managerUses(parsed).filter((u) => u.spec === spec), ...wrappedUses(parsed, spec, depth + 1));
  }
  return uses;
}

export type StartedScripts =
  | { readonly ok: true; readonly uses: readonly ManagerUse[] }
  /** A script a COPY of the build context put there that cannot be read: what it runs is unknown. */
  | { readonly ok: false; readonly script: string };

/**
 * The manager's uses in the build-context scripts the RUN starts (`./install.sh`, `sh /tmp/setup.sh`), found
 * through the context COPYs of the stage before it; a script from elsewhere (the base image) is not read.
 */
export function startedScriptUses(
  stage: Stage,
  run: Instruction,
  script: ShellScript,
  spec: ManagerSpec,
  context: BuildContext,
): StartedScripts {
  const copies = contextCopyWords(stage.body.slice(0, stage.body.indexOf(run)));
  if (copies.length === 0) return { ok: true, uses: [] };
  const uses: ManagerUse[] = [];
  for (const cmd of simpleCommands(script)) {
    const name = cmd.name ?? "";
    const words = cmd.args.map((a) => a.value ?? a.text);
    // `sh -c "…"` runs its string, not a file (wrappedUses reads it).
    const shellFile = (SHELLS.has(baseName(name)) || name === "." || name === "source") && !words.includes("-c");
    const started = name.includes("/") ? name : shellFile ? words.find((w) => !w.startsWith("-")) : undefined;
    if (!started || !/^[\w./-]+$/.test(started)) continue;
    for (const path of contextFiles(started, copies)) {
      const text = context.available ? context.read(path) : null;
      if (text === null) {
        if (context.available && !context.exists(path)) continue;
        return { ok: false, script: started };
      }
      if (!mayUseSpec(text, spec)) continue;
      const parsed = parseShell(text);
      if (!parsed.ok) return { ok: false, script: started };
      uses.push(...managerUses(parsed).filter((u) => u.spec === spec), ...wrappedUses(parsed, spec));
    }
  }
  return { ok: true, uses };
}
