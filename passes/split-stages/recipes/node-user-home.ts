// The home folder and owner of the user a Node build runs as, for the files npm and corepack keep there.
import { posix } from "node:path";
import { type Analysis, createdHome, type ProjectInstall } from "../analysis.js";
import { isUnder } from "../paths.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";

/**
 * The home and owner (`user:group`) of a user whose files in its home the runtime takes (corepack's cache, npm's
 * update-notifier stamp): the base image's `node`, or a user a RUN of the stage creates with a home (`useradd -m`, `adduser`), in its primary group
 * (`-g`, `--ingroup`, busybox `-G`, else the group named like it). Null when that cannot be read (a numeric id, a
 * HOME the stage sets, `useradd -N`).
 */
export function userHome(a: Analysis, user: string): { readonly home: string; readonly owner: string } | null {
  if (/^(node|1000)(:(node|1000))?$/.test(user)) return { home: "/home/node", owner: user.includes(":") ? user : `${user}:${user}` };
  const [name, group] = user.split(":");
  if (/^\d+$/.test(name) || name.includes("$")) return null;
  if (a.stage.body.some((i) => i.keyword === "ENV" && /(^|\s)HOME=/.test(i.args))) return null;
  for (const command of a.setup.flatMap((u) => u.commands)) {
    const parsed = parseShell(command);
    for (const cmd of parsed.ok ? simpleCommands(parsed) : []) {
      const words = [cmd.name ?? "", ...cmd.args.map((w) => w.value ?? "$")];
      const tool = words[0];
      if (tool !== "useradd" && tool !== "adduser") continue;
      const homes = new Map<string, string>();
      createdHome(tool, words.slice(1), homes);
      const home = homes.get(name);
      if (home === undefined) continue;
      if (group !== undefined) return { home, owner: user };
      if (tool === "useradd" && words.some((w) => w === "-N" || w === "--no-user-group")) return null;
      const option = tool === "useradd" ? ["-g", "--gid"] : ["--ingroup", "-G"];
      const at = words.findIndex((w) => option.includes(w));
      const primary = at >= 0 ? words[at + 1] : name;
      return primary === undefined || primary.includes("$") ? null : { home, owner: `${name}:${primary}` };
    }
  }
  return null;
}

/**
 * The user's file in which npm keeps the time of its last update check: `<cache>/../_update-notifier-last-checked`,
 * the cache being `~/.npm/_cacache` (npm's lib/cli/update-notifier.js).
 */
const NOTIFIER_STAMP = ".npm/_update-notifier-last-checked";
const PROGRAMS_OF_NPM = new Set(["npm", "npx"]);

export interface NotifierStamp {
  /** The stamp's path in the image. */
  readonly path: string;
  /** Its owner, for a user other than root. */
  readonly owner: string | null;
}

/**
 * npm's update-notifier stamp of the original image that the runtime's own npm reads, or null. Every npm command
 * (lib/cli/entry.js) stats the stamp and, when it is missing or older than a week, writes it and asks the registry
 * for a newer npm, printing a notice on stderr where there is one; unless `update-notifier` is off or CI is set
 * (which the runtime's ENV repeats). The original holds the stamp when the project's install ran npm as the user
 * the runtime's npm runs as, without a cache mount over that user's `~/.npm` and without a later step that
 * removes it: then a runtime that lacks it asks the registry where the original did not.
 */
export function notifierStamp(a: Analysis, install: ProjectInstall, user: string | null): NotifierStamp | null {
  if (install.tool !== "npm" || !a.entry.some((e) => PROGRAMS_OF_NPM.has(posix.basename(e.name)))) return null;
  const body = a.stage.body;
  const last =
    [...body]
      .reverse()
      .find((i) => i.keyword === "USER")
      ?.args.trim() ?? null;
  const runtimeUser = last === null || /^(root|0)(:(root|0))?$/.test(last) ? null : last;
  if (runtimeUser !== user) return null;
  const who = user === null ? { home: "/root", owner: null } : userHome(a, user);
  if (who === null) return null;
  const folder = posix.join(who.home, ".npm");
  // npm's cache or home named elsewhere, or the notifier turned off: the stamp is not where the runtime looks.
  const settings = body.filter((i) => i.keyword === "ENV" || i.keyword === "ARG").map((i) => i.args);
  if (settings.some((t) => /\b(npm_config_cache|npm_config_update_notifier|HOME)\b/i.test(t))) return null;
  const mounted = body[install.index].flags
    .filter((f) => f.name === "mount" && f.value !== null)
    .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value ?? "")?.[1] ?? "")
    .some((target) => target !== "" && isUnder(folder, target));
  if (mounted) return null;
  const removes = body.slice(install.index + 1).some((i) => i.keyword === "RUN" && /\brm\b[^;&|]*\.npm\b/.test(i.args));
  if (removes) return null;
  return { path: posix.join(who.home, NOTIFIER_STAMP), owner: who.owner };
}
