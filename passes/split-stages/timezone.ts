// The time zone setup of Debian images: `ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone`,
// or a `cp` of the zone file, or `dpkg-reconfigure -f noninteractive tzdata`. It writes /etc/localtime and
// /etc/timezone, which the runtime cannot copy (a system folder holds them) but can write again the same way: it
// repeats these commands where the RUN was, after the ENV or ARG lines that name the zone (replayed in place too) and
// after its own install of tzdata when the build installed it. The zone files themselves come from tzdata.
import { posix } from "node:path";
import type { Instruction } from "../../src/core/ir.js";
import type { ShellNode, SimpleCommand, Word } from "../../src/core/shell.js";

export interface TimezoneSetup {
  readonly instr: Instruction;
  /** The commands, as written, that the runtime runs again in place. */
  readonly commands: readonly string[];
  /** Some command reads the zone files (`ln`, `cp`, `dpkg-reconfigure tzdata`): the runtime must have tzdata. */
  readonly readsZoneFiles: boolean;
}

const ZONEINFO = "/usr/share/zoneinfo/";
const LN_FLAGS = /^-[sfnT]+$|^--(symbolic|force|no-dereference)$/;
const CP_FLAGS = /^-[fLp]+$|^--(force|dereference)$/;

/**
 * How a command takes part in the time zone setup: it links or copies a zone file to /etc/localtime (`zoneFile`),
 * writes the zone's name to /etc/timezone (`zoneName`), or lets tzdata do both (`reconfigure`); null for any other
 * command. A zone named by a variable counts when the stage's ENV or ARG lines (`declared`) set it, since the
 * runtime replays them before; the command must run whenever the RUN does.
 */
export function timezoneCommand(cmd: SimpleCommand, declared: ReadonlySet<string>): "zoneFile" | "zoneName" | "reconfigure" | null {
  if (!runsAlways(cmd.node)) return null;
  const name = posix.basename(cmd.name ?? "");
  const words = cmd.args;
  const operands = words.filter((w) => !w.text.startsWith("-"));
  const flags = words.filter((w) => w.text.startsWith("-")).map((w) => w.text);
  if (name === "ln" || name === "cp") {
    if (!flags.every((f) => (name === "ln" ? LN_FLAGS : CP_FLAGS).test(f))) return null;
    if (name === "ln" && !flags.some((f) => /^-[^-]*s|^--symbolic$/.test(f))) return null;
    const [zone, target] = operands;
    return operands.length === 2 && target.value === "/etc/localtime" && zoneWord(zone, ZONEINFO, declared) ? "zoneFile" : null;
  }
  if (name === "echo") {
    const redirect = outputRedirect(cmd);
    if (redirect === null || operands.length !== 1 || flags.length > 0) return null;
    return /^>\s*\/etc\/timezone$/.test(redirect.text) && zoneWord(operands[0], "", declared) ? "zoneName" : null;
  }
  if (name === "dpkg-reconfigure") {
    const text = words.map((w) => w.value ?? "").join(" ");
    return /^(-f\s*|--frontend[=\s])noninteractive tzdata$/.test(text) ? "reconfigure" : null;
  }
  return null;
}

/**
 * The one file redirect of a command, or null. tree-sitter-bash hangs the redirect of the last command of an `&&`
 * list (`a && echo x > f`) on the whole list; bash gives it to that last command alone.
 */
export function outputRedirect(cmd: SimpleCommand): ShellNode | null {
  let node: ShellNode = cmd.node;
  while (node.parent?.type === "list" && node.parent.namedChildren.at(-1)?.startIndex === node.startIndex) node = node.parent;
  const statement = node.parent;
  if (statement?.type !== "redirected_statement") return null;
  const redirects = statement.namedChildren.filter((c): c is ShellNode => c?.type === "file_redirect");
  return redirects.length === 1 ? redirects[0] : null;
}

/** Every ancestor is the script, an `&&` list or the statement that holds a redirect. */
function runsAlways(node: ShellNode): boolean {
  for (let up = node.parent; up && up.type !== "program"; up = up.parent) {
    if (up.type === "redirected_statement") continue;
    if (up.type !== "list" || up.children.some((c) => c && !c.isNamed && c.type !== "&&")) return false;
  }
  return true;
}

/** `prefix` then a zone: literal (`Asia/Shanghai`), or one declared variable (`$TZ`, `"${TZ}"`). */
function zoneWord(word: Word, prefix: string, declared: ReadonlySet<string>): boolean {
  if (word.value !== null) return word.value.startsWith(prefix) && /^[\w+-]+(\/[\w+-]+)*$/.test(word.value.slice(prefix.length));
  const m = /^"?([^"$]*)\$(?:\{(\w+)\}|(\w+))"?$/.exec(word.text);
  return m !== null && m[1] === prefix && declared.has(m[2] ?? m[3]);
}
