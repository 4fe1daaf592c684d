// The original's install RUN as stage `deps` runs it: the commands that set the install up (a private registry's
// `.npmrc` from a build argument, `npm config set`, `git config` for git dependencies, a package manager) in their
// order, the install replaced by the production install, and the RUN's mounts (a secret, ssh, a bound file). A
// command the deps stage cannot be shown to run with only the manifests declines the plan.
import { posix } from "node:path";
import type { Flag, Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, type ShellNode, type ShellScript, type SimpleCommand, simpleCommands, toWord } from "../../../src/core/shell.js";
import { globalFlag, isProjectInstall, managerOperands, type ProjectInstall } from "../analysis.js";
import { takes, untakenCommands } from "../branches.js";
import { isUnder, resolvePath } from "../paths.js";

/**
 * What a command of the install's RUN is to stage `deps`: run it, leave it out as needless there (a cache cleanup),
 * leave it out because it names files the stage does not have and cannot change the install (`chmod +x
 * docker-entrypoint.sh`: it would fail there, and the runtime takes that file from elsewhere), or it cannot be judged.
 */
type Verdict = "run" | "drop" | "absent" | "unknown";

/** The files stage `deps` has, or can copy: `has` answers for a path relative to the working folder. */
export interface DepsFiles {
  readonly workdir: string;
  has(file: string): boolean;
  /** The files it copies whatever its RUN runs (the manifests, files the install reads), relative to the working folder. */
  readonly copied: readonly string[];
}

/** What the RUN's commands have done so far as stage `deps` runs them: the paths they made, whether the install ran. */
interface Progress {
  readonly made: string[];
  installed: boolean;
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
const HARMLESS = new Set("echo printf true : set export pwd which sleep id whoami uname corepack apk apt-get apt".split(" "));
/** Commands that look at the files they name, set their mode, owner or time, or make folders: judged by those files. */
const ON_PATHS = new Set("ls chmod chown touch mkdir test [".split(" "));
/** Commands with no effect on the install: a part of the RUN made of them and of left-out commands is left out whole. */
const NO_EFFECT = new Set("echo printf true : pwd which sleep id whoami uname ls test [".split(" "));
/** Names the install reads or writes: a command on such a file the deps stage lacks might change what it does. */
const INSTALL_NAMES =
  /^(node_modules|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|\.yarn|\.pnpmfile\.cjs)$/;

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
  {
    files,
    cache,
    osNeeded,
    values = new Map(),
  }: { files: DepsFiles; cache: Flag | null; osNeeded: boolean; values?: ReadonlyMap<string, string> },
): DepsRun {
  const flags = carriedFlags(instr, cache);
  // Not `install.alone`: that counts `echo … > .npmrc` as doing nothing.
  if (instr.exec) return { ok: true, command: production, flags, reads: [], osLeftOut: false };
  if (instr.heredocs.length > 0)
    return { ok: false, why: "the install's RUN holds a heredoc, whose commands stage `deps` cannot replay apart" };
  const script = parseShell(joinContinuations(instr.args));
  if (!script.ok) return { ok: false, why: "the install's RUN does not parse cleanly" };
  const commands = judgedCommands(script);
  // A branch the build does not take with its variables at their known values (`if [ "$NODE_ENV" = development ];
  // then npm install; else npm install --omit=dev; fi`): another install of the project from the same manifests stays
  // as written, so a build that sets the variable otherwise installs as the original did.
  const runs = takes(untakenCommands(script, (name) => values.get(name) ?? null));
  const otherInstall = (c: SimpleCommand) =>
    !runs(c) &&
    c.name === install.tool &&
    c.args.every((w) => w.value !== null) &&
    isProjectInstall(install.tool, managerOperands(c.args.map((w) => w.value as string)));
  const target = commands.find((c) => runs(c) && isInstall(c, install));
  if (!target) return { ok: false, why: "the install's RUN does not name the install as a plain command" };
  const reads: string[] = [];
  const mounts = mountTargets(instr);
  const progress: Progress = { made: [], installed: false };
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
      const verdicts = inside
        .filter((c) => c !== target)
        .map((c) => ({ c, v: otherInstall(c) ? ("run" as const) : verdict(c, files, mounts, reads, progress) }));
      const unknown = verdicts.find((x) => x.v === "unknown");
      if (unknown && !after) {
        const shown = unknown.c.node.text.replace(/\s+/g, " ");
        return {
          ok: false,
          why: `the install's RUN runs \`${shown}\` ${holdsInstall ? "with" : "before"} the install, which a stage with only the manifests cannot be shown to run`,
        };
      }
      // A command on files the stage lacks goes with its part (`chmod +x run.sh || true`), which must then do nothing else.
      const absent = verdicts.find((x) => x.v === "absent");
      const alone = verdicts.every((x) => x.v !== "run" || NO_EFFECT.has(posix.basename(x.c.name ?? "")));
      if (absent && !after && (holdsInstall || !alone)) {
        const shown = absent.c.node.text.replace(/\s+/g, " ");
        return {
          ok: false,
          why: `the install's RUN runs \`${shown}\`, on files a stage with only the manifests does not have, in one step with ${holdsInstall ? "the install" : "commands it needs"}`,
        };
      }
      if (holdsInstall) {
        const from = target.node.startIndex - element.start;
        // Settings written before the install (`HUSKY=0 npm ci`, `PUPPETEER_SKIP_DOWNLOAD=1 npm ci`) stay with it.
        const settings = target.node.namedChildren.filter((n) => n?.type === "variable_assignment").map((n) => n?.text);
        const command = [...settings, production].join(" ");
        kept.push(text.slice(0, from) + command + text.slice(from + target.node.text.length));
        after = true;
        progress.installed = true;
      } else if (inside.length > 0 && !osNeeded && inside.every(osPackages)) osLeftOut = true;
      else if (after && inside.length > 0 && inside.every(globalInstall)) continue;
      else if (!unknown && !absent && (inside.length === 0 || !verdicts.every((x) => x.v === "drop"))) kept.push(text);
    }
    if (kept.length > 0) statements.push(kept.join(" && "));
  }
  const command = statements.join("; ");
  // Unchanged (an install the deps stage runs as written): its lines as the user wrote them.
  const kept = command === script.text.trim() ? instr.args.trim() : command;
  return { ok: true, command: kept, flags, reads, osLeftOut };
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
  const progress: Progress = { made: [], installed: false };
  // The RUN moves whole: a command it could run only by leaving it out is one it cannot run.
  for (const c of judgedCommands(script)) {
    const v = verdict(c, files, mounts, reads, progress);
    if (v === "unknown" || v === "absent") return { ok: false, command: c.node.text.replace(/\s+/g, " ") };
  }
  return { ok: true, reads };
}

/**
 * The script's simple commands and its tests in brackets, in order: a test `[ -f run.sh ]` as a command `[` whose
 * words are its file checks, since it names files too.
 */
function judgedCommands(script: ShellScript): SimpleCommand[] {
  const tests = script.root.descendantsOfType("test_command").flatMap((node) => {
    if (!node) return [];
    const checks = node.descendantsOfType("unary_expression").flatMap((check) => {
      const [operator, operand] = check?.namedChildren ?? [];
      return operator && operand ? [{ text: operator.text, value: operator.text }, toWord(operand)] : [];
    });
    return [{ name: "[", args: checks, node }];
  });
  return [...simpleCommands(script), ...tests].sort((a, b) => a.node.startIndex - b.node.startIndex);
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
function verdict(c: SimpleCommand, files: DepsFiles, mounts: readonly string[], reads: string[], progress: Progress): Verdict {
  if (c.name === null) return "unknown";
  const name = posix.basename(c.name);
  const words = c.args.map((w) => w.value);
  const operands = words.filter((w) => w === null || !w.startsWith("-"));
  const redirects = c.node.parent?.type === "redirected_statement" ? c.node.parent.text.slice(c.node.text.length) : "";
  if (/(^|\s)<(?!<)/.test(redirects)) return "unknown";
  // A file the command writes (`echo … > .npmrc`, `cp a b`) is one the stage has for the commands after it.
  const made = (word: string | null | undefined) => {
    const place = word ? resolvePath(files.workdir, word) : null;
    if (place !== null && isUnder(place, files.workdir)) progress.made.push(posix.relative(files.workdir, place) || ".");
  };
  for (const [, target] of redirects.matchAll(/(?:^|\s)\d?>>?\s*([\w./-]+)/g)) made(target);
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
  // `~/.npm` holds no expansion the home folder does not give: it names a place outside the working folder.
  const home = c.args.map((w) => w.value ?? (/^~\/[\w./-]*$/.test(w.text) ? w.text : null));
  if (ON_PATHS.has(name)) return pathsVerdict(name, home, files, mounts, reads, progress);
  if (name === "cat") return operands.every(readable) ? "run" : "unknown";
  if (name === "cp" || name === "mv") {
    if (words.some((w) => w === "-t" || w?.startsWith("--target-directory"))) return "unknown";
    if (operands.length < 2 || !operands.slice(0, -1).every(readable)) return "unknown";
    made(operands[operands.length - 1]);
    return "run";
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

/**
 * Whether stage `deps` can run `ls`, `chmod`, `chown`, `touch`, `mkdir` or a file test on the paths it names: "run"
 * when it has them (or, for `mkdir` and `touch`, their folder), "absent" when it lacks them all and none is a file
 * the install reads or writes (the runtime takes those files, with their mode and owner, from the build or the
 * context), "unknown" otherwise.
 */
function pathsVerdict(
  name: string,
  words: readonly (string | null)[],
  files: DepsFiles,
  mounts: readonly string[],
  reads: readonly string[],
  progress: Progress,
): Verdict {
  const paths = namedPaths(name, words);
  if (paths.some((p) => p === null)) return "unknown";
  const places = (paths as string[]).map((p) => (p.startsWith("~") ? null : resolvePath(files.workdir, p)));
  const holds = (place: string | null): boolean => {
    // Outside the working folder the stage has what the original had: it repeats the steps that put files there.
    if (place === null || !isUnder(place, files.workdir) || mounts.some((m) => isUnder(place, m))) return true;
    const file = posix.relative(files.workdir, place) || ".";
    if (progress.installed && isUnder(file, "node_modules")) return true;
    return [".", ...files.copied, ...reads, ...progress.made].some((held) => isUnder(held, file));
  };
  const forInstall = (place: string | null) =>
    place !== null &&
    isUnder(place, files.workdir) &&
    posix
      .relative(files.workdir, place)
      .split("/")
      .some((part) => INSTALL_NAMES.test(part));
  // `mkdir` makes any folder whose parent the stage has; `touch` makes the install's files (`touch yarn.lock` marks
  // a Yarn project's root), and has no effect on the install with others.
  const parents = name === "mkdir" && words.some((w) => w === "--parents" || /^-\w*p/.test(w ?? ""));
  const makes = (place: string | null) =>
    (name === "mkdir" || (name === "touch" && forInstall(place))) && (parents || holds(posix.dirname(place ?? "/")));
  const missing = places.filter((place) => !holds(place) && !makes(place));
  if (missing.length === 0) {
    if (name === "mkdir" || name === "touch")
      for (const place of places)
        if (place !== null && isUnder(place, files.workdir)) progress.made.push(posix.relative(files.workdir, place) || ".");
    return "run";
  }
  return missing.length === places.length && !places.some(forInstall) ? "absent" : "unknown";
}

/** The paths `ls`, `chmod`, `chown`, `touch`, `mkdir` or a file test names (`ls` alone names the working folder). */
function namedPaths(name: string, words: readonly (string | null)[]): (string | null)[] {
  const option = (w: string | null) => w?.startsWith("-") === true;
  if (name === "test" || name === "[")
    return words.flatMap((w, i) => (w !== null && /^-[bcdefghkLprsSuwxOG]$/.test(w) && i + 1 < words.length ? [words[i + 1]] : []));
  const reference = words.some((w) => w?.startsWith("--reference"));
  if (name === "chmod") {
    // A mode may start with `-` (`chmod -x f`); chmod's own options are -c -f -v -R and long ones.
    const rest = words.filter((w) => w === null || !(w.startsWith("--") || /^-[cfvR]+$/.test(w)));
    return reference ? rest : rest.slice(1);
  }
  if (name === "chown") {
    const rest = words.filter((w) => !option(w));
    return reference ? rest : rest.slice(1);
  }
  // `touch -d DATE`, `touch -t STAMP`, `mkdir -m MODE` take a value; `touch -r FILE` names a file.
  const paths: (string | null)[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((name === "touch" && (w === "-d" || w === "-t")) || (name === "mkdir" && w === "-m")) i++;
    else if (!option(w)) paths.push(w);
  }
  return name === "ls" && paths.length === 0 ? ["."] : paths;
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
