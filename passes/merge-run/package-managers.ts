// Package managers in a RUN: which commands fill a cache, the flags that keep it out of the layer, the
// cleanup command for the end of the RUN, and the BuildKit cache-mount targets that can hold it instead.
import { scopedMemo, simpleCommands, type ShellNode, type ShellScript, type SimpleCommand } from "../../src/core/shell.js";

export type ManagerId =
  | "apt"
  | "apk"
  | "dnf"
  | "yum"
  | "microdnf"
  | "zypper"
  | "pip"
  | "npm"
  | "yarn"
  | "pnpm"
  | "gem"
  | "composer"
  | "go"
  | "cargo";

/** A flag to insert after the sub-command unless one of `present` is already there. */
interface FlagRule {
  readonly add: string;
  readonly present: RegExp;
}

export interface ManagerSpec {
  readonly id: ManagerId;
  /** The command names (`apt-get`, `pip3`…). */
  readonly names: RegExp;
  /** Sub-commands that download packages into a cache. */
  readonly installs: ReadonlySet<string>;
  /** Sub-commands that read the package index an earlier `update` left (apt, apk). */
  readonly readsIndex?: ReadonlySet<string>;
  /** Sub-commands that fetch the package index (`apt-get update`). */
  readonly refreshes?: ReadonlySet<string>;
  /** Answers prompts; a build has no terminal, so without it a prompt aborts the build. */
  readonly yes?: FlagRule;
  /** Keeps the download cache out of the layer, per command. */
  readonly noCache?: FlagRule;
  /** Commands appended at the end of the RUN, one per line. */
  readonly cleanup?: readonly string[];
  /** The cleanup is already in the script. */
  readonly cleaned?: (commands: readonly SimpleCommand[]) => boolean;
  /**
   * Does this use leave something for the cleanup to remove (default: yes)? `noCache`: the use has, or is
   * given, the manager's `noCache` flag.
   */
  readonly fills?: (use: ManagerUse, noCache: boolean) => boolean;
  /** Cache directories for `RUN --mount=type=cache` (as root). */
  readonly mounts: readonly string[];
  /** The same for another user, relative to their home; none: the manager runs as root only. */
  readonly homeMounts?: readonly string[];
  /** Variables and flags that move the cache elsewhere (then a mount at `mounts` would not hold it). */
  readonly movedBy?: RegExp;
  readonly sharing?: "locked";
  /** The cache counts as mounted when this directory is on a cache mount (default: any of `mounts`). */
  readonly mountedWhen?: string;
  /** `--cache-mounts` leaves this one alone (its cache is recognised on a mount, but not put on one). */
  readonly mountable?: false;
}

const set = (...words: string[]) => new Set(words);
const removes = (prefix: string) => (commands: readonly SimpleCommand[]) =>
  commands.some((c) => c.name === "rm" && c.args.some((a) => a.text.replace(/^["']|["']$/g, "").startsWith(prefix)));
const runs =
  (name: RegExp, ...words: string[]) =>
  (commands: readonly SimpleCommand[]) =>
    commands.some(
      (c) => name.test(baseName(c.name)) && words.every((w, i) => c.args.filter((a) => !a.text.startsWith("-"))[i]?.value === w),
    );

const APK_UPDATE = /^(-[a-zA-Z]*U[a-zA-Z]*|--update-cache|--update)$/;
const APT_YES = /^(-[a-zA-Z]*y[a-zA-Z]*|--yes|--assume-yes|--force-yes|APT::Get::Assume-Yes=.*)$/;

export const MANAGERS: readonly ManagerSpec[] = [
  {
    id: "apt",
    names: /^apt(-get|-cache)?$/,
    installs: set("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall"),
    readsIndex: set(
      ...["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "source", "download", "satisfy"],
      ...["show", "showsrc", "showpkg", "policy", "search", "list", "depends", "rdepends", "madison", "pkgnames", "dump", "stats"],
    ),
    refreshes: set("update"),
    yes: { add: "-y", present: APT_YES },
    cleanup: ["rm -rf /var/lib/apt/lists/*"],
    // apt 2.7's `dist-clean` removes the package lists as well as the downloaded archives.
    cleaned: (commands) => removes("/var/lib/apt/lists")(commands) || runs(/^apt(-get)?$/, "dist-clean")(commands),
    mountedWhen: "/var/lib/apt/lists",
    // Not all of /var/lib/apt: its extended_states (which packages were installed as dependencies) belongs in the image.
    mounts: ["/var/cache/apt", "/var/lib/apt/lists"],
    sharing: "locked",
  },
  {
    id: "apk",
    names: /^apk$/,
    installs: set("add"),
    readsIndex: set("add", "upgrade", "fix", "search", "info", "policy", "fetch", "dot", "list", "version"),
    refreshes: set("update"),
    noCache: { add: "--no-cache", present: /^--no-cache$/ },
    cleanup: ["rm -rf /var/cache/apk/*"],
    cleaned: removes("/var/cache/apk"),
    // Only `apk update` and `-U` write the index to /var/cache/apk, and `--no-cache` keeps even those out.
    fills: (use, noCache) =>
      use.kind === "refresh" ||
      (!noCache && !use.command.args.some((a) => a.value === "--no-cache") && use.command.args.some((a) => APK_UPDATE.test(a.value ?? ""))),
    // `apk add` without --no-cache needs an index on the mount, which a first build does not have.
    mounts: ["/var/cache/apk"],
    mountable: false,
  },
  {
    id: "dnf",
    names: /^dnf\d*$/,
    installs: set("install", "update", "upgrade", "reinstall", "groupinstall", "distro-sync"),
    yes: { add: "-y", present: /^(-[a-zA-Z]*y[a-zA-Z]*|--assumeyes)$/ },
    cleanup: ["dnf clean all"],
    cleaned: runs(/^dnf\d*$/, "clean"),
    mounts: ["/var/cache/dnf"],
    sharing: "locked",
  },
  {
    id: "yum",
    names: /^yum$/,
    installs: set("install", "update", "upgrade", "reinstall", "groupinstall"),
    yes: { add: "-y", present: /^(-[a-zA-Z]*y[a-zA-Z]*|--assumeyes)$/ },
    cleanup: ["yum clean all", "rm -rf /var/cache/yum"],
    cleaned: runs(/^yum$/, "clean"),
    mounts: ["/var/cache/yum"],
    sharing: "locked",
  },
  // Old microdnf releases reject -y, so none is added.
  {
    id: "microdnf",
    names: /^microdnf$/,
    installs: set("install", "update", "upgrade", "reinstall"),
    cleanup: ["microdnf clean all"],
    cleaned: runs(/^microdnf$/, "clean"),
    mounts: ["/var/cache/yum", "/var/cache/dnf"],
    mountable: false,
  },
  {
    id: "zypper",
    names: /^zypper$/,
    installs: set("install", "in", "update", "up", "dist-upgrade", "dup", "patch"),
    yes: { add: "-y", present: /^(-[a-zA-Z]*[yn][a-zA-Z]*|--no-confirm|--non-interactive)$/ },
    cleanup: ["zypper clean --all"],
    cleaned: runs(/^zypper$/, "clean"),
    mounts: ["/var/cache/zypp"],
    sharing: "locked",
  },
  {
    id: "pip",
    names: /^pip(\d+(\.\d+)?)?$/,
    installs: set("install", "download", "wheel"),
    noCache: { add: "--no-cache-dir", present: /^--no-cache-dir$/ },
    mounts: ["/root/.cache/pip"],
    homeMounts: [".cache/pip"],
    movedBy: /\b(PIP_CACHE_DIR|PIP_NO_CACHE_DIR|XDG_CACHE_HOME|HOME)=|--cache-dir\b/,
  },
  {
    id: "npm",
    names: /^npm$/,
    installs: set("install", "i", "ci", "add", "install-clean", "update"),
    cleanup: ["npm cache clean --force"],
    cleaned: runs(/^npm$/, "cache", "clean"),
    mounts: ["/root/.npm"],
    homeMounts: [".npm"],
    movedBy: /\b(npm_config_cache|NPM_CONFIG_CACHE|HOME)=|--cache\b/,
  },
  {
    id: "yarn",
    names: /^yarn$/,
    installs: set("", "install", "add"),
    cleanup: ["yarn cache clean"],
    cleaned: runs(/^yarn$/, "cache", "clean"),
    // Yarn 1 keeps root's cache here and other users' under ~/.cache/yarn; its cache is not safe for two writers.
    mounts: ["/usr/local/share/.cache/yarn"],
    homeMounts: [".cache/yarn"],
    sharing: "locked",
    movedBy: /\b(YARN_CACHE_FOLDER|XDG_CACHE_HOME)=|--cache-folder\b/,
  },
  {
    id: "pnpm",
    names: /^pnpm$/,
    installs: set("install", "i", "add", "fetch"),
    cleanup: ["pnpm store prune"],
    cleaned: runs(/^pnpm$/, "store", "prune"),
    mounts: ["/root/.local/share/pnpm/store"],
    mountable: false,
  },
  {
    id: "gem",
    names: /^gem$/,
    installs: set("install", "update"),
    noCache: { add: "--no-document", present: /^(--no-document|--no-doc|-N|--no-ri|--no-rdoc)$/ },
    mounts: [],
    mountable: false,
  },
  {
    id: "composer",
    names: /^composer(\.phar)?$/,
    installs: set("install", "require", "update"),
    cleanup: ["composer clear-cache"],
    cleaned: runs(/^composer(\.phar)?$/, "clear-cache"),
    mounts: ["/root/.composer/cache", "/root/.cache/composer"],
    mountable: false,
  },
  {
    id: "go",
    names: /^go$/,
    installs: set("build", "install", "test"),
    cleanup: ["go clean -cache"],
    cleaned: runs(/^go$/, "clean"),
    mounts: ["/root/.cache/go-build"],
    homeMounts: [".cache/go-build"],
    movedBy: /\b(GOCACHE|XDG_CACHE_HOME|HOME)=/,
  },
  {
    id: "cargo",
    names: /^cargo$/,
    installs: set("build", "install", "fetch"),
    cleanup: ['rm -rf "${CARGO_HOME:-$HOME/.cargo}/registry" "${CARGO_HOME:-$HOME/.cargo}/git"'],
    cleaned: removes("${CARGO_HOME"),
    mounts: ["/usr/local/cargo/registry", "/root/.cargo/registry"],
    mountable: false,
  },
];

/** One package-manager command of a script. */
export interface ManagerUse {
  readonly spec: ManagerSpec;
  readonly command: SimpleCommand;
  /** The sub-command (`install`), "" for a bare `yarn`. */
  readonly sub: string;
  /** Where the sub-command word ends in the script text (for inserting flags), or null. */
  readonly insertAt: number | null;
  readonly kind: "install" | "refresh" | "other";
}

export function baseName(name: string | null): string {
  return (name ?? "").replace(/^.*\//, "");
}

/** Options that take the next word as their value, per manager (so that the value is not taken for the sub-command). */
const VALUED = /^(-o|-c|-t|--option|--config-file|--target-release|--root|--repo|-r|--prefix)$/;

/** Every package-manager command of the script, in order. */
/**
 * Could `managerUses` find anything in this text? Parsing a long script of the build context costs far more
 * than a look at its words: a command name is its word's text less quotes and backslashes (or its raw text),
 * and a manager's name is a whole word there, so a text without one as a whole word (quotes and backslashes
 * dropped) runs no manager.
 */
export function mayUseManager(text: string): boolean {
  return MANAGER_WORD.test(unquoted(text));
}

/**
 * The text less quotes and backslashes, which every screen below reads: worked out once per text within an
 * optimize run (each RUN is screened for each manager, and again by each later RUN's cleanup).
 */
function unquoted(text: string): string {
  return scopedMemo("unquoted", text, dropQuotes);
}
const dropQuotes = (text: string) => text.replace(/["'\\]/g, "");
const MANAGER_WORD = new RegExp(
  `(?<![A-Za-z0-9_])(?:${[...MANAGERS.map((m) => m.names.source.replace(/^\^|\$$/g, "")), "pip\\d*"].join("|")})(?![A-Za-z0-9_])`,
);

/** `mayUseManager` for one manager: could `managerUses` find a use of `spec` in this text? */
export function mayUseSpec(text: string, spec: ManagerSpec): boolean {
  let word = SPEC_WORDS.get(spec);
  if (!word) {
    const names = [spec.names.source.replace(/^\^|\$$/g, ""), ...(spec.id === "pip" ? ["pip\\d*"] : [])];
    word = new RegExp(`(?<![A-Za-z0-9_])(?:${names.join("|")})(?![A-Za-z0-9_])`);
    SPEC_WORDS.set(spec, word);
  }
  return word.test(unquoted(text));
}
const SPEC_WORDS = new Map<ManagerSpec, RegExp>();

/**
 * Could `managerUses` find an install or a refresh in this text? A manager's name and, unless the manager
 * installs with no sub-command at all (`yarn`), one of its install or refresh sub-commands: a sub-command is a
 * whole word's value, so it is a whole word of the text once quotes and backslashes are dropped.
 */
export function mayInstall(text: string): boolean {
  // No manager's name at all (most RUNs): the words of every manager at once, one look.
  if (!mayUseManager(text)) return false;
  const plain = unquoted(text);
  return MANAGERS.some((spec) => mayUseSpec(text, spec) && (spec.installs.has("") || subCommandWord(spec).test(plain)));
}
function subCommandWord(spec: ManagerSpec): RegExp {
  let word = SUB_WORDS.get(spec);
  if (!word) {
    const subs = [...spec.installs, ...(spec.refreshes ?? [])].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    word = new RegExp(`(?<![A-Za-z0-9_.-])(?:${subs.join("|")})(?![A-Za-z0-9_.-])`);
    SUB_WORDS.set(spec, word);
  }
  return word;
}
const SUB_WORDS = new Map<ManagerSpec, RegExp>();

/**
 * Could a use of `spec` in this text change what `reliesOnCache` answers? Only cargo, `--offline`, the cache-only
 * flags of dnf & co., a refresh, or a sub-command that reads the index do, each a whole word of the text.
 */
export function mayDecideCache(text: string, spec: ManagerSpec): boolean {
  if (!mayUseSpec(text, spec)) return false;
  if (spec.id === "cargo") return true;
  let word = CACHE_WORDS.get(spec);
  if (!word) {
    const words = ["--offline", ...(spec.refreshes ?? []), ...(spec.readsIndex ?? [])];
    if (/^(dnf|yum|microdnf|zypper)$/.test(spec.id)) words.push("--cacheonly", "-C", "--no-refresh");
    word = new RegExp(`(?<![A-Za-z0-9_.-])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![A-Za-z0-9_.-])`);
    CACHE_WORDS.set(spec, word);
  }
  return word.test(unquoted(text));
}
const CACHE_WORDS = new Map<ManagerSpec, RegExp>();

export function managerUses(script: ShellScript): ManagerUse[] {
  const uses: ManagerUse[] = [];
  for (const command of simpleCommands(script)) {
    let args = command.args;
    let name = baseName(command.name);
    // `python3 -m pip install …`
    if (/^python(\d+(\.\d+)?)?$/.test(name) && args[0]?.value === "-m" && /^pip\d*$/.test(args[1]?.value ?? "")) {
      name = "pip";
      args = args.slice(2);
    }
    // Most commands are no manager: one look for all the names, then the one that matched.
    if (!ANY_MANAGER_NAME.test(name)) continue;
    const spec = MANAGERS.find((m) => m.names.test(name));
    if (!spec) continue;
    let index = -1;
    for (let i = 0; i < args.length; i++) {
      if (VALUED.test(args[i].text)) i++;
      else if (!args[i].text.startsWith("-")) {
        index = i;
        break;
      }
    }
    const sub = index < 0 ? "" : (args[index].value ?? "?");
    const kind = spec.refreshes?.has(sub) ? "refresh" : spec.installs.has(sub) ? "install" : "other";
    const node =
      index < 0
        ? null
        : argNodes(command.node).find(
            (n) => n.text === args[index].text && n.startIndex >= (command.node.childForFieldName("name")?.endIndex ?? 0),
          );
    const insertAt = sub === "" ? (command.node.childForFieldName("name")?.endIndex ?? null) : (node?.endIndex ?? null);
    uses.push({ spec, command, sub, insertAt, kind });
  }
  return uses;
}

/** Does a command name match any manager's `names` (each anchored at both ends)? */
const ANY_MANAGER_NAME = new RegExp(MANAGERS.map((m) => `(?:${m.names.source})`).join("|"));

function argNodes(node: ShellNode): ShellNode[] {
  return node.namedChildren.filter(
    (c): c is ShellNode => c !== null && c.type !== "command_name" && c.type !== "variable_assignment" && !c.type.endsWith("redirect"),
  );
}

/** The flags that a use lacks: `yes` always, `noCache` only when the cache is not kept elsewhere. */
export function missingFlags(use: ManagerUse, withNoCache: boolean): string[] {
  if (use.kind !== "install") return [];
  const has = (rule: FlagRule) => use.command.args.some((a) => rule.present.test(a.value ?? a.text));
  const flags: string[] = [];
  if (use.spec.yes && !has(use.spec.yes)) flags.push(use.spec.yes.add);
  if (withNoCache && use.spec.noCache && !has(use.spec.noCache)) flags.push(use.spec.noCache.add);
  return flags;
}

/**
 * Does a later RUN rely on what this manager leaves behind? apt and apk commands that read the package index
 * (install, `apt-cache`, `apt-get download`…) read the one an earlier `update` left, unless they refresh it
 * themselves; cargo and `--offline` installs read the cache, as do dnf, yum and zypper with `--cacheonly`.
 */
export function reliesOnCache(spec: ManagerSpec, later: readonly ManagerUse[]): boolean {
  let refreshed = false;
  for (const use of later) {
    if (use.spec.id !== spec.id) continue;
    const flags = use.command.args.map((a) => a.value ?? a.text);
    if (flags.includes("--offline")) return true;
    if (/^(dnf|yum|microdnf|zypper)$/.test(spec.id) && flags.some((f) => /^(--cacheonly|-C|--no-refresh)$/.test(f))) return true;
    if (use.kind === "refresh") refreshed = true;
    if (spec.id === "cargo") return true;
    const readsIndex = spec.readsIndex?.has(use.sub) === true && !refreshed;
    if (spec.id === "apt" && readsIndex) return true;
    if (spec.id === "apk" && readsIndex && !flags.some((f) => f === "--no-cache" || APK_UPDATE.test(f))) return true;
  }
  return false;
}

/**
 * The `--mount=type=cache,…` flag values for a manager: root's cache directories, or, for another user whose
 * uid and home are known, theirs with `uid=`/`gid=` (a cache mount is owned by root otherwise).
 */
export function cacheMountValues(spec: ManagerSpec, user: { uid: number; gid: number | null; home: string } | null = null): string[] {
  const sharing = spec.sharing ? `,sharing=${spec.sharing}` : "";
  if (user === null) return spec.mounts.map((target) => `type=cache,target=${target}${sharing}`);
  const owner = `,uid=${user.uid}${user.gid === null ? "" : `,gid=${user.gid}`}`;
  return (spec.homeMounts ?? []).map((rel) => `type=cache,target=${user.home.replace(/\/+$/, "")}/${rel}${sharing}${owner}`);
}

/** Is this manager's cache already on a cache mount of the RUN? */
export function hasCacheMount(mountValues: readonly string[], spec: ManagerSpec): boolean {
  return mountValues.some((v) => {
    if (!/(^|,)type=cache(,|$)/.test(v)) return false;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(v)?.[1]?.replace(/\/+$/, "");
    if (target === undefined) return false;
    if (spec.mountedWhen) return spec.mountedWhen === target || spec.mountedWhen.startsWith(`${target}/`);
    // Another user's cache: `<home>/.cache/pip`, or a mount on a folder above it such as `<home>/.cache`.
    if (spec.homeMounts?.some((rel) => `/${target}/`.includes(`/${rel}/`) || rel.startsWith(`${target.replace(/^.*\//, "")}/`)))
      return true;
    return spec.mounts.some((m) => m === target || m.startsWith(`${target}/`) || target.startsWith(`${m}/`));
  });
}
