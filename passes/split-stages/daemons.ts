// A daemon the entry starts runs commands of its own at run time: cron the jobs of the crontabs the image holds,
// supervisord the `command=` of its programs. Those commands need what the entry's own need (their programs in the
// runtime, the devDependencies their node files load), so they are followed alike. A crontab the image gets in a
// way that cannot be read (written by a RUN, copied from another stage) hides its commands. (A RUN's `crontab FILE`
// is refused earlier: the runtime would not have the crontab it installs.)
import { workdirPath } from "../../src/core/instructions.js";
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import type { Instruction, Stage } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { parseShell, type SimpleCommand, simpleCommands, toWord } from "../../src/core/shell.js";
import { commandChain } from "./wrappers.js";
import type { EntryProgram } from "./entry.js";
import { isUnder, resolvePath } from "./paths.js";
import { sourceFiles } from "./source-files.js";

export interface DaemonCommands {
  readonly commands: readonly string[];
  /** The first instruction that puts a daemon's commands in the image in a way that cannot be read, and how. */
  readonly unknown: { readonly line: number; readonly daemon: string; readonly how: string } | null;
  /** The first command whose files the pass cannot tell: a supervisord `%(name)s` expansion, or a `cd` elsewhere. */
  readonly unfollowed: { readonly command: string; readonly why: "expansion" | "cd"; readonly word: string } | null;
}

/** System crontabs: a user field comes before the command. */
const SYSTEM_CRONTABS = ["/etc/crontab", "/etc/cron.d"];
/** Users' crontabs (Debian's cron, BusyBox's crond). */
const USER_CRONTABS = ["/var/spool/cron/crontabs", "/etc/crontabs"];
/** Folders of scripts that /etc/crontab runs with run-parts. */
const CRON_SCRIPTS = /^\/etc\/cron\.(hourly|daily|weekly|monthly)\/./;
const CRON_PATHS = /\/etc\/cron|\/var\/spool\/cron/;
const SUPERVISOR_PATHS = /\/etc\/supervisor/;
/** Commands that set up a daemon's file without writing it (`chmod 0644 /etc/cron.d/app`). */
const FILE_MODE_COMMANDS = new Set(["chmod", "chown", "mkdir", "touch", "ls", "cat"]);

const CRON_DAEMONS = new Set(["cron", "crond"]);

/** The entry's program that starts a daemon which runs commands of its own (cron, supervisord), if any. */
export function daemonStart(entry: readonly EntryProgram[]): EntryProgram | undefined {
  return entry.find((e) => CRON_DAEMONS.has(posix.basename(e.name)) || posix.basename(e.name) === "supervisord");
}

function startedDaemons(entry: readonly EntryProgram[]): { readonly cron: boolean; readonly supervisord: boolean } {
  const names = new Set(entry.map((e) => posix.basename(e.name)));
  return { cron: [...CRON_DAEMONS].some((d) => names.has(d)), supervisord: names.has("supervisord") };
}

/**
 * The commands the daemons the entry starts run, from the files the stage puts where they read them (`sources`:
 * absolute path → context file, as COPY put them).
 */
export function daemonCommands(
  stage: Stage,
  entry: readonly EntryProgram[],
  sources: ReadonlyMap<string, string>,
  context: BuildContext,
): DaemonCommands {
  const started = startedDaemons(entry);
  const commands: string[] = [];
  const watched = [...(started.cron ? [CRON_PATHS] : []), ...(started.supervisord ? [SUPERVISOR_PATHS] : [])];
  if (watched.length === 0) return { commands, unknown: null, unfollowed: null };
  if (started.cron) {
    for (const [dest, src] of sources) {
      // A copied file, or each file of a copied folder.
      const files = context.read(src) !== null ? [[dest, src]] : context.list(src).map((f) => [posix.join(dest, f), posix.join(src, f)]);
      for (const [path, file] of files) {
        if (CRON_SCRIPTS.test(path)) commands.push(path);
        else if (SYSTEM_CRONTABS.some((d) => isUnder(path, d))) commands.push(...crontabCommands(context.read(file) ?? "", true));
        else if (USER_CRONTABS.some((d) => isUnder(path, d))) commands.push(...crontabCommands(context.read(file) ?? "", false));
      }
    }
  }
  // supervisord reads the file `-c` names, which may be anywhere: every config of the context with programs counts.
  if (started.supervisord) {
    for (const { text } of sourceFiles(context, { read: /\.(conf|ini)$/, skipDirs: /^(\.|node_modules$)/ }))
      commands.push(...supervisorCommands(text));
  }
  let unknown: DaemonCommands["unknown"] = null;
  for (const instr of stage.body) {
    if (unknown !== null) break;
    if (instr.keyword === "COPY" || instr.keyword === "ADD") {
      const opaque = instr.flags.some((f) => f.name === "from") || instr.heredocs.length > 0;
      if (opaque && watched.some((p) => p.test(instr.args)))
        unknown = { line: instr.line, daemon: daemonOf(instr.args), how: "copies from another stage or writes inline" };
    } else if (instr.keyword === "RUN") {
      const how = runWrites(instr, watched);
      if (how !== null) unknown = { line: instr.line, daemon: daemonOf(how), how };
    }
  }
  const followed = commands.map(shellString);
  return { commands: followed, unknown, unfollowed: unfollowedCommand(followed, stageWorkdir(stage)) };
}

const SHELLS = new Set(["sh", "bash", "dash"]);

/** The script of `bash -c "cd /app && exec node worker.js"` (the usual way to `cd` or set a variable first), or the command itself. */
export function shellString(command: string): string {
  const script = parseShell(command);
  const commands = script.ok ? simpleCommands(script) : [];
  // One command, not a list: `sh -c "…" && x` runs x too.
  if (commands.length !== 1 || script.root.namedChildren.length !== 1 || script.root.namedChildren[0]?.type !== "command") return command;
  const [c] = commands;
  const words = c.args.map((a) => a.value);
  const flag = words.findIndex((w) => w !== null && /^-\w*c$/.test(w));
  const inner = flag === -1 ? null : c.args[flag + 1]?.value;
  if (!SHELLS.has(posix.basename(c.name ?? "")) || inner === undefined || inner === null) return command;
  return shellString(inner);
}

/** The working folder the stage ends in, when its WORKDIRs say it literally. */
function stageWorkdir(stage: Stage): string | null {
  let dir: string | null = null;
  for (const instr of stage.body)
    if (instr.keyword === "WORKDIR") {
      const { path, literal } = workdirPath(instr.args);
      dir = path.includes("$") && !literal ? null : resolvePath(dir, path);
    }
  return dir;
}

/**
 * The first command whose files cannot be told: one with a supervisord expansion (`%(here)s`, `%(ENV_APP)s`),
 * computed when it starts, or one that `cd`s elsewhere than the working folder, which the relative paths of its
 * commands are read against.
 */
function unfollowedCommand(commands: readonly string[], workdir: string | null): DaemonCommands["unfollowed"] {
  for (const command of commands) {
    const expansion = /%\([^)]*\)[a-z]/.exec(command);
    if (expansion) return { command, why: "expansion", word: expansion[0] };
    const script = parseShell(command);
    // After a `cd` to a literal folder, node's files resolve against it (closure/node-entry.ts); any other relative
    // word (a program, a script, an npm project) would be read against the working folder.
    let cd: string | null = null;
    let cwd = workdir;
    for (const c of script.ok ? simpleCommands(script) : []) {
      if (c.name === "cd") {
        cd = `cd ${c.args.map((a) => a.text).join(" ")}`.trim();
        const target = c.args[0]?.value ?? null;
        const top = ancestorsAreLists(c.node);
        cwd = target === null || target === "-" || c.args.length !== 1 || !top ? null : resolvePath(cwd, target);
        if (cwd === null) return { command, why: "cd", word: cd };
        continue;
      }
      if (cd === null || cwd === workdir || !c.name) continue;
      const chain = commandChain([c.name, ...c.args.map((a) => a.value ?? a.text)]);
      const argv = chain[chain.length - 1];
      const relative = !argv[0].startsWith("/") && argv[0].includes("/");
      const node = NODE_RUNNERS.has(posix.basename(argv[0]));
      if (relative || (!node && argv.slice(1).some((w) => !w.startsWith("-")))) return { command, why: "cd", word: cd };
    }
  }
  return null;
}

const NODE_RUNNERS = new Set(["node", "nodejs"]);

/** Is the command at the top of its script, joined by `&&`, `||` or `;` only (a `cd` there moves the shell for what follows)? */
function ancestorsAreLists(node: SimpleCommand["node"]): boolean {
  for (let n = node.parent; n && n.type !== "program"; n = n.parent)
    if (n.type !== "list" && n.type !== "redirected_statement") return false;
  return true;
}

/** The daemon whose file a text names. */
function daemonOf(text: string): string {
  return SUPERVISOR_PATHS.test(text) ? "supervisord" : "cron";
}

/** How a RUN writes a file a daemon reads, whose text then cannot be read, or null. */
function runWrites(instr: Instruction, watched: readonly RegExp[]): string | null {
  const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
  if (!watched.some((p) => p.test(text))) return null;
  const script = parseShell(text);
  if (!script.ok) return "writes in a shell script that does not parse";
  for (const redirect of script.root.descendantsOfType("file_redirect")) {
    const dest = redirect?.childForFieldName("destination");
    if (dest && watched.some((p) => p.test(toWord(dest).text))) return `writes by a redirection to \`${toWord(dest).text}\``;
  }
  for (const c of simpleCommands(script)) {
    const name = posix.basename(c.name ?? "");
    if (FILE_MODE_COMMANDS.has(name)) continue;
    const named = c.args.find((a) => watched.some((p) => p.test(a.text)));
    if (named) return `changes with \`${name}\` (\`${named.text}\`)`;
  }
  return null;
}

/** The commands of a crontab: past the five time fields or an `@` keyword, and the user field of a system one. */
export function crontabCommands(text: string, system: boolean): string[] {
  const commands: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    // Blank lines, comments and variable settings (`SHELL=/bin/bash`) run nothing.
    if (trimmed === "" || trimmed.startsWith("#") || /^[A-Za-z_]\w*\s*=/.test(trimmed)) continue;
    const fields = (trimmed.startsWith("@") ? 1 : 5) + (system ? 1 : 0);
    const match = new RegExp(`^(?:\\S+\\s+){${fields}}(.+)$`).exec(trimmed);
    // An unescaped `%` ends the command: what follows is its standard input.
    if (match) commands.push(match[1].replace(/(^|[^\\])%.*$/, "$1").replace(/\\%/g, "%"));
  }
  return commands;
}

/**
 * The `command=` of each program section of a supervisord config; a section's `directory=` (the folder supervisord
 * starts the program in) comes first as a `cd` (`cd /app/jobs && node worker.js`).
 */
export function supervisorCommands(text: string): string[] {
  const commands: string[] = [];
  for (const section of text.split(/^\s*(?=\[)/m)) {
    const setting = (key: string) => new RegExp(`^[ \\t]*${key}[ \\t]*=[ \\t]*(.+)$`, "m").exec(section)?.[1].trim();
    const command = setting("command");
    if (command === undefined) continue;
    const directory = setting("directory");
    commands.push(
      directory === undefined ? command : `cd ${/^[\w./@%()-]+$/.test(directory) ? directory : `'${directory}'`} && ${command}`,
    );
  }
  return commands;
}
