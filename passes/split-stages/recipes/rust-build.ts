// Where the cargo steps of a build put the binaries: `cargo build` under the target folder (`--target-dir`,
// CARGO_TARGET_DIR, else `target` in the project), in a folder per target triple and profile; `cargo install`
// in the install root's `bin` (`--root`, CARGO_INSTALL_ROOT, else CARGO_HOME, `/usr/local/cargo` in the
// official image). Any cargo use whose outputs cannot be told is a refusal with the reason.
import { posix } from "node:path";
import { declaredVariables } from "../../../src/core/instructions.js";
import { changed, type Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { resolvePath } from "../paths.js";

/** The official rust image's CARGO_HOME. */
export const CARGO_HOME = "/usr/local/cargo";

export interface CargoStep {
  readonly line: number;
  readonly kind: "build" | "install" | "tool";
  /** The folder cargo ran in. */
  readonly cwd: string;
  /** `--bin` names (empty: every binary of the selected packages). */
  readonly bins: readonly string[];
  /** `-p`/`--package` names (empty: the project's own). */
  readonly packages: readonly string[];
  /** `--workspace` (`--all`): every member's binaries. */
  readonly workspace?: boolean;
  /** A build's target folder (absolute). */
  readonly targetDir?: string;
  /** The folder the binaries land in (absolute). */
  readonly outDir: string;
}

export type CargoSteps =
  | { readonly ok: true; readonly steps: readonly CargoStep[] }
  | { readonly ok: false; readonly line: number; readonly command: string; readonly reason: string };

/** Subcommands that write nothing the runtime needs (checks, fetches, docs, lockfile updates). */
const NO_OUTPUT = new Set(["fetch", "check", "c", "test", "t", "clippy", "fmt", "doc", "d", "update", "generate-lockfile"]);
const NO_OUTPUT_MORE = new Set(["tree", "metadata", "version", "audit", "deny", "clean", "vendor", "locate-project", "search"]);
/** Options that take a value (`--bin x` or `--bin=x`), as cargo build and install spell them. */
const VALUED = new Set(
  (
    "--bin --example --test --bench --package -p --exclude --features -F --target --target-dir --profile --manifest-path " +
    "--jobs -j --color --message-format --root --path --git --branch --tag --rev --registry --index --version --vers " +
    "--config -Z -C --timings --lockfile-path"
  ).split(" "),
);
/** Options whose value moves where cargo writes, in ways not followed here. */
const NOT_FOLLOWED = new Set(["--config", "-C", "--out-dir", "--artifact-dir", "--example", "--examples", "--lockfile-path"]);
/** Variables that move cargo's outputs. */
const CARGO_VARS = /\b(CARGO_TARGET_DIR|CARGO_BUILD_TARGET_DIR|CARGO_BUILD_TARGET|CARGO_INSTALL_ROOT|CARGO_HOME)=/;

/** `dev` builds go to `debug`, `bench` to `release`; a custom profile to its own name. */
function profileDir(profile: string): string {
  return profile === "dev" || profile === "test" ? "debug" : profile === "bench" ? "release" : profile;
}

/** The ENV values the stage sets before body index `end` (literal ones). */
function envBefore(a: Analysis, end: number): Map<string, string> {
  const env = new Map<string, string>();
  for (const instr of a.stage.body.slice(0, end)) {
    if (instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? []) if (v.value !== null) env.set(v.name, v.value);
  }
  return env;
}

/** A cargo folder variable a stage ARG before instruction `end` declares and no later ENV sets, or null. */
function cargoArgBefore(a: Analysis, end: number): string | null {
  const args = new Set<string>();
  for (const instr of a.stage.body.slice(0, end)) {
    if (instr.keyword !== "ARG" && instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? [])
      if (!/^CARGO_(TARGET_DIR|BUILD_TARGET_DIR|BUILD_TARGET|INSTALL_ROOT|HOME)$/.test(v.name)) continue;
      else if (instr.keyword === "ARG") args.add(v.name);
      else args.delete(v.name);
  }
  return [...args][0] ?? null;
}

/** The install root of `cargo install` with these words, given the ENV values. */
export function cargoInstallRoot(args: readonly string[], env: ReadonlyMap<string, string>): string {
  return optionValues(args, "--root")[0] ?? env.get("CARGO_INSTALL_ROOT") ?? env.get("CARGO_HOME") ?? CARGO_HOME;
}

function optionValues(args: readonly string[], ...names: string[]): string[] {
  const out: string[] = [];
  args.forEach((w, i) => {
    if (names.includes(w) && args[i + 1] !== undefined) out.push(args[i + 1]);
    const eq = w.indexOf("=");
    if (eq > 0 && names.includes(w.slice(0, eq))) out.push(w.slice(eq + 1));
  });
  return out;
}

/** The cargo steps of the stage's RUNs, in order. */
export function cargoSteps(a: Analysis): CargoSteps {
  const steps: CargoStep[] = [];
  for (const [index, instr] of a.stage.body.entries()) {
    if (instr.keyword !== "RUN") continue;
    const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
    if (!/\bcargo\b/.test(text)) continue;
    const refuse = (command: string, reason: string): CargoSteps => ({ ok: false, line: instr.line, command, reason });
    if (CARGO_VARS.test(text) || instr.heredocs.length > 0)
      return refuse("cargo", "sets cargo's folders inside the RUN, where msb-opt does not follow them");
    // A stage ARG is in the RUN's environment (with a value `--build-arg` may change): `ARG CARGO_INSTALL_ROOT=/usr/local`
    // moves what `cargo install` writes (red team 22 F17).
    const argSet = cargoArgBefore(a, index);
    if (argSet !== null)
      return refuse(
        "cargo",
        `reads \`${argSet}\` from a build argument (\`ARG ${argSet}\`), which \`--build-arg\` can change; set it with ENV`,
      );
    let cwd = a.cwdAt[index] ?? null;
    const env = envBefore(a, index);
    if ([...env].some(([k, v]) => k.startsWith("CARGO_") && v.includes("$")))
      return refuse("cargo", "sets a cargo folder from a variable, so where the program lands is unknown");
    for (const cmd of simpleCommands(parseShell(instr.exec ? instr.exec.map((w) => `'${w}'`).join(" ") : text))) {
      // The analysis read the RUN in order; a `cd` moves the cargo steps after it.
      if (cmd.name === "cd") cwd = resolvePath(cwd, cmd.args[0]?.value ?? "/root");
      if (cmd.name === null || posix.basename(cmd.name) !== "cargo") continue;
      if (cwd === null) return refuse("cargo", "runs with no working folder");
      const words = cmd.args.map((w) => w.value);
      const shown = `cargo ${cmd.args.map((w) => w.text).join(" ")}`.slice(0, 80);
      if (words.some((w) => w === null || w.includes("$")))
        return refuse(shown, "holds a computed word, so where the program lands is unknown");
      const args = (words as string[]).filter((w, i) => !(i === 0 && w.startsWith("+")));
      const sub = args.find((w, i) => !w.startsWith("-") && !VALUED.has(args[i - 1] ?? ""));
      const blocked = args.find((w) => NOT_FOLLOWED.has(w.replace(/=.*$/, "")));
      if (sub === undefined || NO_OUTPUT.has(sub) || NO_OUTPUT_MORE.has(sub)) continue;
      if (blocked) return refuse(shown, `is given \`${blocked}\`, which msb-opt does not follow`);
      if (sub === "run" || sub === "r") return refuse(shown, "runs a program while building, which may write files the runtime would need");
      if (sub !== "build" && sub !== "b" && sub !== "install")
        return refuse(shown, `runs \`cargo ${sub}\`, whose outputs msb-opt does not know`);
      const manifest = optionValues(args, "--manifest-path")[0];
      if (manifest !== undefined && resolvePath(cwd, manifest) !== posix.join(cwd, "Cargo.toml"))
        return refuse(shown, "builds a project in another folder (`--manifest-path`), which msb-opt does not follow");
      const targets = optionValues(args, "--target");
      if (targets.length > 1) return refuse(shown, "builds for several targets, which msb-opt does not follow");
      const bins = optionValues(args, "--bin");
      const packages = optionValues(args, "-p", "--package");
      if (sub === "install") {
        const path = optionValues(args, "--path")[0];
        // A crate from a registry or git is a tool of the build: its binaries are not the project's.
        if (path === undefined) {
          steps.push({ line: instr.line, kind: "tool", cwd, bins, packages, outDir: `${cargoInstallRoot(args, env)}/bin` });
          continue;
        }
        if (resolvePath(cwd, path) !== cwd) return refuse(shown, "installs a project from another folder, which msb-opt does not follow");
        const root = resolvePath(cwd, cargoInstallRoot(args, env)) as string;
        steps.push({ line: instr.line, kind: "install", cwd, bins, packages, outDir: `${root}/bin` });
        continue;
      }
      const profile = optionValues(args, "--profile")[0] ?? (args.includes("--release") || args.includes("-r") ? "release" : "dev");
      const targetDir =
        optionValues(args, "--target-dir")[0] ?? env.get("CARGO_TARGET_DIR") ?? env.get("CARGO_BUILD_TARGET_DIR") ?? "target";
      const triple = targets[0] ?? env.get("CARGO_BUILD_TARGET");
      const base = resolvePath(cwd, targetDir) as string;
      const outDir = posix.join(base, triple ?? "", profileDir(profile));
      const workspace = args.includes("--workspace") || args.includes("--all");
      steps.push({ line: instr.line, kind: "build", cwd, bins, packages, outDir, workspace, targetDir: base });
    }
  }
  return { ok: true, steps };
}

/** The cargo home's download caches: crates from the registry and git checkouts (never part of a program). */
export function cargoCaches(a: Analysis): string[] {
  const home = envBefore(a, a.stage.body.length).get("CARGO_HOME") ?? CARGO_HOME;
  return [`${home}/registry`, `${home}/git`];
}

/**
 * RUNs that call cargo, given cache mounts for its download caches (unless they have mounts, a USER other
 * than root would own the caches, or CARGO_HOME is computed). The target folder is no cache: the runtime
 * copies the binary out of it.
 */
export function withCargoCaches(a: Analysis): Map<number, Instruction> {
  const replaced = new Map<number, Instruction>();
  if (a.stage.body.some((i) => i.keyword === "USER") || cargoCaches(a).join("").includes("$")) return replaced;
  a.stage.body.forEach((instr, i) => {
    if (instr.keyword !== "RUN" || instr.flags.some((f) => f.name === "mount")) return;
    if (!/(^|[\s;&|(])cargo\s+(\+\S+\s+)?(build|b|install|fetch|test|t|check|c|clippy|doc)\b/.test(joinContinuations(instr.args))) return;
    const mounts = cargoCaches(a).map((target) => ({ name: "mount", value: `type=cache,target=${target}` }));
    replaced.set(i, changed(instr, { flags: [...mounts, ...instr.flags] }));
  });
  return replaced;
}
