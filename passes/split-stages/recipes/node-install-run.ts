// The original's install RUN as stage `deps` runs it: the commands that set the install up (a private registry's
// `.npmrc` from a build argument, `npm config set`, `git config` for git dependencies, a package manager) in their
// order, the install replaced by the production install, and the RUN's mounts (a secret, ssh, a bound file). A
// command the deps stage cannot be shown to run with only the manifests declines the plan.
import { posix } from "node:path";
import type { Flag, Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, type ShellNode, type SimpleCommand, simpleCommands } from "../../../src/core/shell.js";
import { globalFlag, type ProjectInstall } from "../analysis.js";
import { isUnder } from "../paths.js";

/** What a command of the install's RUN is to stage `deps`: run it, leave it out, or it cannot be judged. */
type Verdict = "run" | "drop" | "unknown";

/** The files stage `deps` has, or can copy: `has` answers for a path relative to the working folder. */
export interface DepsFiles {
  readonly workdir: string;
  has(file: string): boolean;
}

export type DepsRun =
  | {
      readonly ok: true;
      readonly command: string;
      readonly flags: readonly Flag[];
      readonly reads: readonly string[];
      /** The RUN's OS-package commands were left out (the install needs none). */
      readonly osLeftOut: boolean;
    }
  | { readonly ok: false; readonly why: string };

/** Cleanups of download caches: the deps stage keeps its cache on a mount, and a mount point cannot be removed. */
const CACHE_PATHS =
  /^(~|\$HOME|\$\{HOME\}|\/root)\/\.(npm|cache|yarn|pnpm-store|local\/share\/pnpm)\b|^\/usr\/local\/share\/\.cache\b|^\/tmp\//;
/** Commands that read no file and write none the runtime takes. */
const HARMLESS = new Set(
  "echo printf true : set export [ test ls pwd which sleep id whoami uname mkdir touch chmod chown corepack apk apt-get apt".split(" "),
);

/**
 * The deps stage's RUN for the install RUN `instr`: its commands before and beside the install, then the
 * production install `production` in the original's place, then the commands after it that the deps stage can run
 * (cleanups such as `rm -f .npmrc`; build steps stay in the build, global CLIs are the runtime's concern). `cache`
 * is the mount the deps stage would add; without `osNeeded`, OS-package commands are left out.
 */
export function depsInstallRun(
  instr: Instruction,
  install: ProjectInstall,
  production: string,
  { files, cache, osNeeded }: { files: DepsFiles; cache: Flag | null; osNeeded: boolean },
): DepsRun {
  const flags = carriedFlags(instr, cache);
  // Not `install.alone`: that counts `echo … > .npmrc` as doing nothing.
  if (instr.exec) return { ok: true, command: production, flags, reads: [], osLeftOut: false };
  if (instr.heredocs.length > 0)
    return { ok: false, why: "the install's RUN holds a heredoc, whose commands stage `deps` cannot replay apart" };
  const script = parseShell(joinContinuations(instr.args));
  if (!script.ok) return { ok: false, why: "the install's RUN does not parse cleanly" };
  const commands = simpleCommands(script);
  const target = commands.find((c) => isInstall(c, install));
  if (!target) return { ok: false, why: "the install's RUN does not name the install as a plain command" };
  const reads: string[] = [];
  const mounts = mountTargets(instr);
  const statements: string[] = [];
  let after = false;
  let osLeftOut = false;
  for (const statement of script.root.namedChildren) {
    if (!statement || statement.type === "comment") continue;
    const kept: string[] = [];
    for (const element of andChain(statement)) {
      const inside = commands.filter((c) => c.node.startIndex >= element.start && c.node.endIndex <= element.end);
      const text = script.text.slice(element.start, element.end);
      const holdsInstall = inside.includes(target);
      const verdicts = inside.filter((c) => c !== target).map((c) => ({ c, v: verdict(c, files, mounts, reads) }));
      const unknown = verdicts.find((x) => x.v === "unknown");
      if (unknown && !after) {
        const shown = unknown.c.node.text.replace(/\s+/g, " ");
        return {
          ok: false,
          why: `the install's RUN runs \`${shown}\` ${holdsInstall ? "with" : "before"} the install, which a stage with only the manifests cannot be shown to run`,
        };
      }
      if (holdsInstall) {
        const from = target.node.startIndex - element.start;
        kept.push(text.slice(0, from) + production + text.slice(from + target.node.text.length));
        after = true;
      } else if (inside.length > 0 && !osNeeded && inside.every(osPackages)) osLeftOut = true;
      else if (after && inside.length > 0 && inside.every(globalInstall)) continue;
      else if (!unknown && (inside.length === 0 || !verdicts.every((x) => x.v === "drop"))) kept.push(text);
    }
    if (kept.length > 0) statements.push(kept.join(" && "));
  }
  return { ok: true, command: statements.join("; "), flags, reads, osLeftOut };
}

/**
 * The commands before the install in the install's own RUN that name `name` (a lockfile), and whether each only
 * removes it (`rm -f package-lock.json && npm install`: the original resolved afresh).
 */
export function namedBeforeInstall(instr: Instruction, install: ProjectInstall, name: string): { removed: boolean } | null {
  if (instr.exec || instr.heredocs.length > 0 || !instr.args.includes(name)) return null;
  const script = parseShell(joinContinuations(instr.args));
  if (!script.ok) return { removed: false };
  const commands = simpleCommands(script);
  const at = commands.findIndex((c) => isInstall(c, install));
  const naming = commands.slice(0, at < 0 ? commands.length : at).filter((c) => c.node.text.includes(name));
  if (naming.length === 0) return null;
  return { removed: naming.every((c) => c.name === "rm") };
}

/**
 * Does a RUN before the install read or edit the files the deps stage copies (`npm pkg set`, `sed -i … package.json`,
 * a written `.npmrc`)? Such a RUN must follow that COPY, as it followed the original's.
 */
export function touchesManifests(instr: Instruction, names: readonly string[]): boolean {
  const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\w.-])(${escaped.join("|")})(?![\\w.-])`).test(text) || /\bnpm\s+(pkg|set-script|version)\b/.test(text);
}

/** Can stage `deps` run every command of a RUN before the install (moved after its COPY of the manifests)? */
export function replayable(instr: Instruction, files: DepsFiles): { ok: true; reads: string[] } | { ok: false; command: string } {
  if (instr.exec || instr.heredocs.length > 0) return { ok: false, command: instr.args.trim() };
  const script = parseShell(joinContinuations(instr.args));
  if (!script.ok) return { ok: false, command: instr.args.trim() };
  const reads: string[] = [];
  const mounts = mountTargets(instr);
  for (const c of simpleCommands(script))
    if (verdict(c, files, mounts, reads) === "unknown") return { ok: false, command: c.node.text.replace(/\s+/g, " ") };
  return { ok: true, reads };
}

/** `apt-get update`, `apt-get install`, removing the package lists: what an install that needs no OS package can skip. */
function osPackages(c: SimpleCommand): boolean {
  const name = posix.basename(c.name ?? "");
  if (name === "rm") return c.args.every((w) => w.text.startsWith("-") || /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(w.text));
  const verb = c.args.find((w) => !w.text.startsWith("-"))?.value ?? "";
  return (name === "apt-get" || name === "apt") && /^(update|install|clean|autoclean)$/.test(verb);
}

function globalInstall(c: SimpleCommand): boolean {
  const name = posix.basename(c.name ?? "");
  const words = c.args.map((w) => w.value ?? "");
  return (name === "npm" || name === "pnpm" || name === "yarn") && (globalFlag(words) || (name === "yarn" && words[0] === "global"));
}

/** The install's command: its words as the analysis read them (a word with an expansion may have taken an ENV value). */
function isInstall(c: SimpleCommand, install: ProjectInstall): boolean {
  return (
    c.name !== null &&
    posix.basename(c.name) === install.tool &&
    c.args.length === install.args.length &&
    c.args.every((w, i) => w.value === null || w.value === install.args[i])
  );
}

/**
 * The parts of a statement joined by `&&`, in order, as ranges of the script (`a || true` stays one part). The
 * parser hangs a redirect on the whole chain before it (`a && echo x > f`): it belongs to the last part.
 */
function andChain(node: ShellNode): Part[] {
  const whole = [{ start: node.startIndex, end: node.endIndex }];
  if (node.type === "redirected_statement") {
    const body = node.childForFieldName("body");
    const parts = body?.type === "list" ? andChain(body) : whole;
    return [...parts.slice(0, -1), { start: parts[parts.length - 1].start, end: node.endIndex }];
  }
  if (node.type !== "list") return whole;
  const [left, op, right] = node.children;
  if (!left || !right || op?.text !== "&&") return whole;
  return [...andChain(left), ...andChain(right)];
}

interface Part {
  readonly start: number;
  readonly end: number;
}

/**
 * The install RUN's flags the deps stage keeps: its mounts (a secret `.npmrc`, ssh for git dependencies, a bound
 * context file, its own cache), its network and security mode. The deps stage's cache mount joins them unless the
 * original has a cache mount on the same folder.
 */
function carriedFlags(instr: Instruction, cache: Flag | null): Flag[] {
  const carried = instr.flags.filter((f) => f.name === "mount" || f.name === "network" || f.name === "security");
  const ownCache =
    cache && carried.some((f) => f.name === "mount" && mountOf(f).type === "cache" && targetOf(mountOf(f)) === targetOf(mountOf(cache)));
  return cache && !ownCache ? [...carried, cache] : carried;
}

function mountOf(flag: Flag): Record<string, string> {
  return Object.fromEntries((flag.value ?? "").split(",").map((kv) => [kv.split("=")[0], kv.slice(kv.indexOf("=") + 1)]));
}

function targetOf(mount: Record<string, string>): string | undefined {
  return mount.target ?? mount.dst ?? mount.destination;
}

/** Where the RUN's mounts put files (a secret's default place included): what its commands may read there. */
function mountTargets(instr: Instruction): string[] {
  const targets = instr.flags.filter((f) => f.name === "mount").map((f) => targetOf(mountOf(f)) ?? "");
  return [...targets.filter((t) => t.startsWith("/")), "/run/secrets"];
}

/**
 * Whether stage `deps` can run command `c`: it reads only files the stage has (the manifests, files the RUN mounts)
 * and writes nothing the runtime takes but node_modules. A file of the context it reads is added to `reads`.
 */
function verdict(c: SimpleCommand, files: DepsFiles, mounts: readonly string[], reads: string[]): Verdict {
  if (c.name === null) return "unknown";
  const name = posix.basename(c.name);
  const words = c.args.map((w) => w.value);
  const operands = words.filter((w) => w === null || !w.startsWith("-"));
  if (c.node.parent?.type === "redirected_statement" && /(^|\s)<(?!<)/.test(c.node.parent.text.slice(c.node.text.length))) return "unknown";
  const readable = (word: string | null): boolean => {
    if (word === null) return false;
    const path = posix.normalize(word);
    if (path.startsWith("/")) {
      if (mounts.some((m) => isUnder(path, m))) return true;
      if (!isUnder(path, files.workdir)) return false;
    }
    const relative = path.startsWith("/") ? posix.relative(files.workdir, path) : path;
    if (!files.has(relative)) return false;
    if (!reads.includes(relative)) reads.push(relative);
    return true;
  };
  if (name === "rm") {
    const paths = c.args.filter((w) => !w.text.startsWith("-")).map((w) => w.text);
    if (paths.length > 0 && paths.every((p) => CACHE_PATHS.test(p))) return "drop";
    return operands.every((w) => w !== null) ? "run" : "unknown";
  }
  if (HARMLESS.has(name)) return "run";
  if (name === "cat") return operands.every(readable) ? "run" : "unknown";
  if (name === "cp" || name === "mv") {
    if (words.some((w) => w === "-t" || w?.startsWith("--target-directory"))) return "unknown";
    return operands.length >= 2 && operands.slice(0, -1).every(readable) ? "run" : "unknown";
  }
  if (name === "sed") {
    if (!words.some((w) => w !== null && /^-\w*i/.test(w))) return "unknown";
    const scripted = words.some((w) => w === "-e" || w === "--expression" || w?.startsWith("--expression="));
    const paths = scripted ? operands.slice(operands.length > 0 && words.includes("-e") ? 1 : 0) : operands.slice(1);
    return paths.length > 0 && paths.every(readable) ? "run" : "unknown";
  }
  if (name === "cd") return operands.length === 1 && (operands[0] === "." || operands[0] === files.workdir) ? "run" : "unknown";
  if (name === "git") return operands[0] === "config" ? "run" : "unknown";
  if (name === "npm" || name === "yarn" || name === "pnpm") return managerVerdict(name, words, operands);
  return "unknown";
}

/** A package manager's config, manifest edits, global installs and cache cleanups; any other verb may read sources. */
function managerVerdict(name: string, words: readonly (string | null)[], operands: readonly (string | null)[]): Verdict {
  const [verb, sub] = operands;
  if (words.some((w) => w === "--version" || w === "-v")) return "run";
  if (words.every((w) => w !== null) && globalFlag(words as string[])) return "run";
  if (name === "yarn" && verb === "global" && sub === "add") return "run";
  if ((verb === "cache" && (sub === "clean" || sub === "clear")) || (name === "pnpm" && verb === "store" && sub === "prune")) return "drop";
  if (verb === "config" || (name === "npm" && (verb === "set" || verb === "pkg" || verb === "set-script"))) return "run";
  return "unknown";
}
