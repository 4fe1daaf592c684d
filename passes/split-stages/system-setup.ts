// What a RUN sets up that the runtime cannot copy and must do again: users and groups (/etc/passwd, /etc/group),
// Alpine packages (`apk add`, which the pass knows no run-time subset of, so the runtime installs them all), and
// folders made and given an owner or mode before anything is in them (a COPY into a folder that exists keeps
// the folder's own owner, so the runtime must make it the same way). The runtime runs these commands first.
import { posix } from "node:path";
import type { Instruction } from "../../src/core/ir.js";
import type { ShellNode, SimpleCommand } from "../../src/core/shell.js";

/** shadow's `useradd`/`groupadd` (Debian), Debian's `adduser`/`addgroup`, and busybox's (Alpine). */
export const USER_COMMANDS = new Set(["useradd", "groupadd", "adduser", "addgroup"]);
/** Commands that make folders and give them an owner or mode: repeated when nothing was written into the folders yet. */
export const FOLDER_COMMANDS = new Set(["mkdir", "chown", "chmod", "chgrp"]);
/** `apk` subcommands the runtime can repeat; `upgrade` changes the base image's own packages. */
const APK_REPEATABLE = new Set(["add", "del", "update", "upgrade"]);
/** apt-get subcommands that upgrade the base image's own packages: the runtime upgrades its own the same way. */
const APT_UPGRADES = new Set(["upgrade", "dist-upgrade", "full-upgrade"]);
/** apk options that take a value (`--virtual .build-deps`, `-X <repository>`). */
const APK_VALUED = new Set(["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir"]);

export interface SystemSetup {
  readonly instr: Instruction;
  /** The commands, one line each, as the runtime runs them again (none: an apk add the RUN deletes again). */
  readonly commands: readonly string[];
  /** Creates users or groups. */
  readonly users: boolean;
  /** Upgrades the base image's packages (`apt-get upgrade`, `apk upgrade`). */
  readonly upgrades?: boolean;
  /** Package managers `corepack enable` puts next to node (its shims). */
  readonly corepackTools?: readonly string[];
  /** Makes folders with an owner or a mode. */
  readonly folders: boolean;
  /** Names of the packages `apk add` installs. */
  readonly alpinePackages: readonly string[];
  /**
   * The first command whose numeric id the image chooses from the ids already taken, counting up from the system
   * range (`adduser --system`, busybox `-S`): another base image with other system groups may give another id.
   * shadow's `-r` counts down from 999 and regular accounts from 1000, which no official base image takes.
   */
  readonly chosenId: string | null;
  /** The RUN does nothing else (apart from commands without effect). */
  readonly alone: boolean;
  /** Every apk command as written: a stage that repeats the RUN's install adds (and deletes) the same packages. */
  readonly apk: { readonly add: readonly string[]; readonly del: readonly string[] };
  /** The words of each repeated `apk add`/`apk del`, by its index in `commands` (none when a word was quoted). */
  readonly apkWords?: ReadonlyMap<number, readonly string[]>;
  /** Alpine packages the runtime leaves out: a build toolchain nothing the image runs uses (`leaveBuildOnly`). */
  readonly buildOnly?: readonly string[];
  /** The stage's ARG lines the commands name (`useradd -u ${UID}`): the runtime declares them again before. */
  readonly args?: readonly Instruction[];
}

/** A variable a user or group command may name: a stage ARG (declared again before it) or an ENV's plain literal. */
export type SetupVariable = { readonly kind: "arg"; readonly instr: Instruction } | { readonly kind: "env"; readonly value: string };

/** Alpine packages that only build (compilers, headers, node-gyp's python), with the commands each brings. */
const ALPINE_BUILD_ONLY: Readonly<Record<string, readonly string[]>> = {
  "build-base": ["gcc", "g++", "cc", "c++", "make"],
  gcc: ["gcc", "cc"],
  "g++": ["g++", "c++"],
  make: ["make"],
  "musl-dev": [],
  "libc-dev": [],
  "linux-headers": [],
  python3: ["python3", "python"],
  autoconf: ["autoconf"],
  automake: ["automake"],
  libtool: ["libtool"],
  pkgconf: ["pkg-config", "pkgconf"],
  pkgconfig: ["pkg-config"],
  cmake: ["cmake"],
};

const COMPILERS = new Set(["build-base", "gcc", "g++"]);

/** The commands an Alpine package brings, as far as the table above knows (its own name otherwise). */
export function alpineCommands(p: string): readonly string[] {
  const name = p.replace(/[=~<>].*$/, "");
  return ALPINE_BUILD_ONLY[name] ?? [name];
}

/** The commands the Alpine build toolchain packages bring: the sources are searched for them. */
export const ALPINE_BUILD_COMMANDS: readonly string[] = [...new Set(Object.values(ALPINE_BUILD_ONLY).flat())];

/**
 * The setups with the Alpine build toolchain left out of their repeated `apk add`s, unless the image runs one
 * of its commands (`used`: the entry's programs and those the sources name); the compilers only when every
 * package that builds native code is a known one (`compilersFree`). The stage that installs the production
 * dependencies still runs the original apk commands, so native addons compile there.
 */
export function leaveBuildOnly(setups: readonly SystemSetup[], used: ReadonlySet<string>, compilersFree: boolean): SystemSetup[] {
  // gcc and g++ bring libraries (libgomp, libatomic) that an addon of unknown build may link.
  const drop = (p: string) =>
    Object.hasOwn(ALPINE_BUILD_ONLY, p) && !ALPINE_BUILD_ONLY[p].some((c) => used.has(c)) && (compilersFree || !COMPILERS.has(p));
  return setups.map((setup) => {
    const words = setup.apkWords;
    const named = (w: readonly string[]) => apkOperands(w.slice(1))?.rest ?? [];
    if (!words || ![...words.values()].some((w) => named(w).some((p) => drop(p.replace(/[=~<>].*$/, ""))))) return setup;
    // A line kept as written (a quoted word, a virtual group) would still add what the note says was left out.
    if (setup.commands.some((l, i) => /^apk\s+(.*\s)?(add|del)\s/.test(l) && !words.has(i))) return setup;
    const commands: string[] = [];
    setup.commands.forEach((line, i) => {
      const apk = words.get(i);
      if (!apk) return commands.push(line);
      const kept = withoutPackages(apk, drop);
      if (kept !== null) commands.push(kept.join(" "));
    });
    const apkLeft = commands.some((l) => /^apk\s/.test(l));
    return {
      ...setup,
      commands: apkLeft || setup.users || setup.folders ? commands.filter((l) => apkLeft || !isCacheRemovalLine(l)) : [],
      alpinePackages: setup.alpinePackages.filter((p) => !drop(p)),
      buildOnly: setup.alpinePackages.filter(drop),
    };
  });
}

/** An apk command's words without the packages `drop` names, or null when it then names none. */
function withoutPackages(words: readonly string[], drop: (p: string) => boolean): string[] | null {
  const out: string[] = [];
  let named = 0;
  let sub: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (APK_VALUED.has(w)) {
      out.push(w, words[++i] ?? "");
      continue;
    }
    if (w.startsWith("-") || i === 0) out.push(w);
    else if (sub === null) {
      sub = w;
      out.push(w);
    } else if (!drop(w.replace(/[=~<>].*$/, ""))) {
      out.push(w);
      named++;
    }
  }
  return named > 0 || sub === "update" ? out : null;
}

function isCacheRemovalLine(line: string): boolean {
  return /^rm\s+(-\S+\s+)*\/var\/cache\/apk/.test(line);
}

export type SetupResult =
  | { readonly ok: true; readonly setup: SystemSetup | null }
  | {
      readonly ok: false;
      readonly id: "userNotReplayable" | "apkNotReplayable" | "upgradeNotReplayable" | "aptUpgrade";
      readonly word: string;
    };

/**
 * The user, group and apk commands of one RUN (`commands`: those with an effect), to run again in the runtime.
 * They must run unconditionally (joined by `&&` or `;`, not behind `||`, a pipe or an `if`) and name no
 * variable, whose value the runtime may not have.
 */
export function systemSetup(
  instr: Instruction,
  commands: readonly SimpleCommand[],
  freshFolders = false,
  /** Folders the original's WORKDIR made before this RUN: the runtime repeats the RUN before its WORKDIR. */
  workdirFolders: readonly string[] = [],
  /** Variables a user or group command may name (see SetupVariable). */
  variables: ReadonlyMap<string, SetupVariable> = new Map(),
): SetupResult {
  const folder = (c: SimpleCommand) => freshFolders && FOLDER_COMMANDS.has(posix.basename(c.name ?? ""));
  // An upgrade needs the package lists: the RUN's `apt-get update` and their removal go with it.
  const upgrading = commands.some(isAptUpgrade);
  const aptCompanion = (c: SimpleCommand) => upgrading && (aptSub(c) === "update" || isAptListsRemoval(c));
  const mine = commands.filter((c) => isSetup(c) || isApkCacheRemoval(c) || folder(c) || aptCompanion(c));
  if (!mine.some((c) => isSetup(c) || folder(c))) return { ok: true, setup: null };
  const lines: string[] = workdirFolders.length > 0 ? [`mkdir -p ${workdirFolders.join(" ")}`] : [];
  const alpinePackages: string[] = [];
  let chosenId: string | null = null;
  let users = false;
  // `apk add --virtual .gyp …` then `apk del .gyp`: packages the build removed itself, not repeated.
  const removed = new Set(mine.flatMap((c) => (apkWords(c)?.[0] === "del" ? apkWords(c)?.slice(1) : []) ?? []));
  const virtuals = virtualNames(mine);
  const apk = { add: [] as string[], del: [] as string[] };
  const apkLines = new Map<number, readonly string[]>();
  const corepackTools: string[] = [];
  const args: Instruction[] = [];
  // An upgrade in a RUN of its own used the lists an earlier RUN fetched; the runtime has none, so it fetches them.
  let listsFetched = false;
  for (const cmd of mine) {
    const name = posix.basename(cmd.name ?? "");
    if (aptSub(cmd) === "update") listsFetched = true;
    else if (isAptUpgrade(cmd) && !listsFetched) {
      lines.push("apt-get update");
      listsFetched = true;
    }
    const id = name === "apk" ? "apkNotReplayable" : aptSub(cmd) !== null ? "upgradeNotReplayable" : "userNotReplayable";
    const written = cmd.node.text.replace(/\\\r?\n[ \t]*/g, " ").trim();
    const named = id === "userNotReplayable" && USER_COMMANDS.has(name) ? namedVariables(written, variables) : null;
    if (!repeatable(cmd) && (named === null || !unconditional(cmd.node))) return { ok: false, id, word: written };
    for (const v of named ?? []) if (v.kind === "arg" && !args.includes(v.instr)) args.push(v.instr);
    const text = named === null ? written : withEnvValues(written, variables);
    const words = cmd.args.map((a) => a.value ?? a.text);
    if (name === "apk") {
      const operands = apkOperands(words);
      if (operands === null) return { ok: false, id: "aptUpgrade", word: text };
      (operands.sub === "del" ? apk.del : apk.add).push(text);
      const virtual = virtualName(words);
      if (virtual !== null && removed.has(virtual)) continue;
      if (operands.sub === "del" && operands.rest.every((p) => virtuals.includes(p))) continue;
      if (operands.sub === "add") alpinePackages.push(...operands.rest.map((p) => p.replace(/[=~<>].*$/, "")));
      // Quoted words would lose their quotes when the line is written again: such a line stays as it is.
      // Nor a virtual group (`--virtual .build-deps`), which a later RUN may delete by its name.
      if (operands.sub !== "update" && operands.sub !== "upgrade" && virtual === null && cmd.args.every((a) => a.value === a.text))
        apkLines.set(lines.length, ["apk", ...words]);
    } else if (name === "corepack") {
      // `corepack enable [name…]` writes the shims of yarn and pnpm (or those named) next to node.
      if (words[0] === "enable")
        corepackTools.push(...(words.length > 1 ? words.slice(1).filter((w) => !w.startsWith("-")) : ["yarn", "pnpm"]));
    } else if (aptSub(cmd) === null && USER_COMMANDS.has(name)) {
      users = true;
      chosenId ??= choosesSystemId(name, words) ? text : null;
    }
    lines.push(text);
  }
  // The removal of apk's cache alone, once every apk command was left out, is not worth a RUN.
  const replayed = lines.some((l) => !l.startsWith("rm ")) ? lines : [];
  const folders = mine.some(folder);
  const alone = mine.length === commands.length;
  const setup = {
    instr,
    commands: replayed,
    users,
    folders,
    upgrades: upgrading || mine.some((c) => apkWords(c)?.[0] === "upgrade"),
    corepackTools: corepackTools.flatMap((t) => (t === "yarn" ? ["yarn", "yarnpkg"] : t === "pnpm" ? ["pnpm", "pnpx"] : [t])),
    alpinePackages,
    chosenId,
    alone,
    apk,
    apkWords: replayed.length > 0 ? apkLines : undefined,
    ...(args.length > 0 ? { args: args.sort((x, y) => x.line - y.line) } : {}),
  };
  return { ok: true, setup };
}

/** Does the command create users or groups, or add Alpine packages? */
export function isSetupCommand(name: string): boolean {
  return name === "apk" || name === "corepack" || USER_COMMANDS.has(name);
}

function isSetup(cmd: SimpleCommand): boolean {
  return isSetupCommand(posix.basename(cmd.name ?? "")) || isAptUpgrade(cmd);
}

/** The apt-get (or apt) subcommand, or null for another command. */
function aptSub(cmd: SimpleCommand): string | null {
  const name = posix.basename(cmd.name ?? "");
  if (name !== "apt-get" && name !== "apt") return null;
  return cmd.args.map((a) => a.value ?? a.text).find((w) => !w.startsWith("-")) ?? "";
}

export function isAptUpgrade(cmd: SimpleCommand): boolean {
  return APT_UPGRADES.has(aptSub(cmd) ?? "");
}

/** `rm -rf /var/lib/apt/lists/*`. */
function isAptListsRemoval(cmd: SimpleCommand): boolean {
  return removesOnly(cmd, /^\/var\/lib\/apt\/lists(\/\*?)?$/);
}

/** An `rm` whose every operand is a path `folder` matches (a package manager's index or cache). */
function removesOnly(cmd: SimpleCommand, folder: RegExp): boolean {
  if (posix.basename(cmd.name ?? "") !== "rm") return false;
  const operands = cmd.args.map((a) => a.text).filter((w) => !w.startsWith("-"));
  return operands.length > 0 && operands.every((w) => folder.test(w));
}

/** The subcommand and operands of an apk command, or null for another command. */
function apkWords(cmd: SimpleCommand): string[] | null {
  if (posix.basename(cmd.name ?? "") !== "apk") return null;
  const operands = apkOperands(cmd.args.map((a) => a.value ?? a.text));
  return operands ? [operands.sub, ...operands.rest] : null;
}

/** The `--virtual`/`-t` name an `apk add` gives its packages. */
function virtualName(words: readonly string[]): string | null {
  const i = words.findIndex((w) => w === "--virtual" || w === "-t");
  const eq = words.find((w) => w.startsWith("--virtual="));
  return i >= 0 ? (words[i + 1] ?? null) : eq ? eq.slice("--virtual=".length) : null;
}

function virtualNames(cmds: readonly SimpleCommand[]): string[] {
  return cmds.flatMap((c) => (apkWords(c) ? [virtualName(c.args.map((a) => a.value ?? a.text))] : [])).filter((n) => n !== null);
}

/** `rm -rf /var/cache/apk/*`: repeated with the apk commands so that the runtime drops the same index. */
function isApkCacheRemoval(cmd: SimpleCommand): boolean {
  return removesOnly(cmd, /^\/var\/cache\/apk(\/\*?)?$/);
}

/** The subcommand and its package names, or null for a subcommand the runtime cannot simply repeat. */
function apkOperands(words: readonly string[]): { sub: string; rest: string[] } | null {
  const operands: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (APK_VALUED.has(words[i])) i++;
    else if (!words[i].startsWith("-")) operands.push(words[i]);
  }
  const [sub, ...rest] = operands;
  return sub !== undefined && APK_REPEATABLE.has(sub) ? { sub, rest } : null;
}

/** The command runs whenever the RUN does and names no variable: the runtime can run it as written. */
export function repeatable(cmd: SimpleCommand): boolean {
  return !/[$`]/.test(cmd.node.text) && unconditional(cmd.node);
}

/** `$NAME` and `${NAME}` outside single quotes, bare or double-quoted. */
const VARIABLE = /\$(?:\{(\w+)\}|(\w+))/g;

/**
 * The variables a command names when each is one of `variables` (plain `$NAME` or `${NAME}`, no other expansion,
 * no single quotes, no command substitution), else null.
 */
function namedVariables(text: string, variables: ReadonlyMap<string, SetupVariable>): SetupVariable[] | null {
  if (/[`']/.test(text)) return null;
  const found: SetupVariable[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    const v = variables.get(m[1] ?? m[2]);
    if (v === undefined) return null;
    found.push(v);
  }
  return found.length > 0 && !/\$/.test(text.replace(VARIABLE, "")) ? found : null;
}

/** The command with each ENV variable written as its value (a plain literal), the ARG ones left as they are. */
function withEnvValues(text: string, variables: ReadonlyMap<string, SetupVariable>): string {
  return text.replace(VARIABLE, (whole, braced, bare) => {
    const v = variables.get(braced ?? bare);
    return v?.kind === "env" ? v.value : whole;
  });
}

/** Every ancestor is the script itself or an `&&` list. */
function unconditional(node: ShellNode): boolean {
  for (let up = node.parent; up && up.type !== "program"; up = up.parent) {
    if (up.type !== "list") return false;
    if (up.children.some((c) => c && !c.isNamed && c.type !== "&&")) return false;
  }
  return true;
}

function choosesSystemId(name: string, words: readonly string[]): boolean {
  if (name === "useradd" || name === "groupadd") return false;
  // Debian: --system (ids counted up from 100); busybox: -S. An id given with --uid/--gid/-u/-g is kept.
  const system = words.some((w) => w === "--system" || /^-[A-Za-z]*S[A-Za-z]*$/.test(w));
  // busybox's `adduser -g` is the comment field, not a group id.
  const idFlag = name === "adduser" ? /^(--uid|-u)(=|$)/ : /^(--gid|-g)(=|$)/;
  const given = words.some((w) => idFlag.test(w));
  return system && !given;
}
