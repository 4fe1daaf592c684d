// What a single-stage build does, read from the Dockerfile and its context: where each step writes (the
// paths the runtime must copy), which OS packages it installs, and what the image runs. Any step it cannot
// account for is a refusal: the split would silently drop its effect.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { globMatcher } from "../../src/core/glob.js";
import type { Dockerfile, Instruction, Stage } from "../../src/core/ir.js";
import { copyOperands, declaredVariables, workdirPath } from "../../src/core/instructions.js";
import { parseRun, shellInEffect } from "../../src/core/run-script.js";
import { takes, untakenCommands } from "./branches.js";
import { parseShell, simpleCommands, toWord, type ShellNode, type ShellScript, type SimpleCommand } from "../../src/core/shell.js";
import { braceWords, isSystemDir, isUnder, outermost, resolvePath } from "./paths.js";
import { bracesExpand } from "./image-shell.js";
import { binPackages } from "./bins.js";
import { isBuildOnlyPackage, packageName } from "./closure/debian-libs.js";
import { absoluteLocalProjects, localConsoleScripts, namesLocalProject, requirementFiles } from "./pip-local.js";
import { cargoInstallRoot } from "./recipes/rust-build.js";
import { goInstallPrograms } from "./go-install.js";
import { daemonCommands, daemonStart } from "./daemons.js";
import { contextSource, entryPrograms, scriptPrograms, shellPrograms, unparsedScripts, type EntryProgram } from "./entry.js";
import {
  FOLDER_COMMANDS,
  isAptUpgrade,
  isSetupCommand,
  repeatable,
  type SetupVariable,
  USER_COMMANDS,
  systemSetup,
  type SystemSetup,
} from "./system-setup.js";
import { outputRedirect, timezoneCommand, type TimezoneSetup } from "./timezone.js";
import { fileWrites } from "./file-writers.js";
import { mentionedCommands } from "./mentions.js";

export interface Refusal {
  readonly line: number;
  readonly id: RefusalId;
  readonly data: Readonly<Record<string, string>>;
}

export type RefusalId =
  | "onbuild"
  | "unparsedRun"
  | "dynamicPath"
  | "uncopyablePath"
  | "aptConfigWrite"
  | "copyMatchesNothing"
  | "argPath"
  | "noWorkdir"
  | "systemDir"
  | "unknownCommand"
  | "ldconfigRun"
  | "caCertificatesRun"
  | "jlinkRun"
  | "globalInstall"
  | "globalInstallAsUser"
  | "goInstallUnknown"
  | "systemPip"
  | "pipConfigLocation"
  | "pipUserHome"
  | "envCommand"
  | "makeInstall"
  | "aptUpgrade"
  | "aptPackageFile"
  | "outsideWrite"
  | "userNotReplayable"
  | "apkNotReplayable"
  | "upgradeNotReplayable"
  | "folderMode"
  | "filesMode"
  | "managerVirtualenv"
  | "entryScriptUnparsed"
  | "entryShellFileComputed"
  | "daemonCommandExpansion"
  | "daemonCommandCd"
  | "entryShellFileAfterCd"
  | "entryCommandComputed"
  | "daemonCommandsUnknown"
  | "systemSetupPy";

export interface AptInstall {
  readonly instr: Instruction;
  /** Option words of `apt-get install` (`-y`, `--no-install-recommends`), as written. */
  readonly options: readonly string[];
  readonly packages: readonly string[];
}

export interface UnmatchedCopy {
  readonly line: number;
  readonly source: string;
  /** The folder the matches would land in. */
  readonly dest: string;
}

export interface Analysis {
  readonly stage: Stage;
  /** Index in the body of the last RUN/COPY/ADD: everything after it only sets image config. */
  readonly lastBuild: number;
  /** Absolute paths the runtime copies from the builder, outermost only. */
  readonly copyPaths: readonly string[];
  /** Pattern COPYs into a folder that match nothing in the context read (it may lack git-ignored files). */
  readonly unmatchedCopies: readonly UnmatchedCopy[];
  readonly apt: readonly AptInstall[];
  /** Command names the RUNs call (basenames). */
  readonly buildCommands: ReadonlySet<string>;
  /** Virtual environments made with `python -m venv`. */
  readonly venvs: readonly string[];
  /** `pip install`s outside a virtualenv, as root: into the interpreter's site-packages, or `~/.local` with `--user`. */
  /** `pip install` outside a virtualenv; `--user` writes under `home`/.local. */
  readonly systemPip: ReadonlyArray<{ readonly line: number; readonly user: boolean; readonly home: string }>;
  /** What the image runs: ENTRYPOINT/CMD/HEALTHCHECK programs, with the scripts they call. */
  readonly entry: readonly EntryProgram[];
  /** WORKDIR at the end of the stage (null: the base image's). */
  readonly workdir: string | null;
  /** The working folder each body instruction runs in (ENV values substituted, as Docker does). */
  readonly cwdAt: readonly (string | null)[];
  /** Context file (or folder) behind each absolute path a COPY wrote. */
  readonly sources: ReadonlyMap<string, string>;
  /** `npm install -g` and the like: what they install goes to the toolchain's folders, not the copy set. */
  readonly globalInstalls: readonly GlobalInstall[];
  /** Project installs (`npm ci`, `yarn install`, `pnpm install`), with the body index and folder of each. */
  readonly projectInstalls: readonly ProjectInstall[];
  /** `chown -R owner path` in a RUN: who owns each path in the original image. */
  readonly owners: ReadonlyMap<string, string>;
  /** Commands the project's dependencies provide in node_modules/.bin (and Python requirements), with the package of each. */
  readonly bins: ReadonlyMap<string, string>;
  /** RUNs that create users or groups or add Alpine packages, with the commands the runtime runs again. */
  readonly setup: readonly SystemSetup[];
  /** RUNs that set the time zone (`ln -snf /usr/share/zoneinfo/$TZ /etc/localtime`): the runtime repeats them in place. */
  readonly timezones: readonly TimezoneSetup[];
  /**
   * Paths that come from a build argument's default (`ARG APP_HOME=/srv/app` + `WORKDIR $APP_HOME`): resolved with
   * the default here; the runtime must repeat the argument and copy by the variable (arg-paths.ts).
   */
  readonly argPaths: ReadonlyArray<{ readonly line: number; readonly path: string; readonly arg: string; readonly value: string }>;
  /** First line that writes into `/` itself, the base image's working folder (no WORKDIR): only a runtime that copies nothing from the builder may take it. */
  readonly rootWrite: number | null;
  /** First line that writes into the base image's working folder when that is a system folder other than `/` (`/go`, the golang image's GOPATH): the recipe must copy named files out of it, never the folder. */
  readonly baseDirWrite: number | null;
  /** `rm` of files in nginx's config folder that no step wrote (the base image's, `conf.d/default.conf`), as written. */
  readonly baseRemovals: ReadonlyArray<{ readonly line: number; readonly command: string }>;
  /** Paths a RUN wrote, removed, or built in (a local `pip install .`), with the RUN's body index: the others hold only what COPY/ADD put there. */
  readonly runWrites: readonly RunWrite[];
  /** Body indexes of the RUNs that only byte-compile Python sources (`python -m compileall`) as root: the same interpreter, run again on the same files, writes the same. */
  readonly compileRuns: ReadonlySet<number>;
  /** Folders a RUN made (`mkdir`) and then gave an owner or mode with a RUN that also did other work: a COPY would make them root's, mode 755. */
  readonly folderModes: readonly FolderMode[];
  /**
   * The variables each RUN (by body index) sees with known values (ENV literals, ARG defaults): which branch of an
   * `if` on them the build takes (branches.ts).
   */
  readonly knownValues: ReadonlyMap<number, ReadonlyMap<string, string>>;
  /** RUNs with an `if` whose branch a build argument's default decided (branches.ts). */
  readonly argBranches: ReadonlyArray<{ readonly line: number; readonly arg: string; readonly value: string }>;
  /**
   * `ln -s python3 /usr/bin/python`: a link in a system program folder to a program (by its name or its path in
   * such a folder). It belongs with the package that brings the program: the runtime may leave both behind
   * (index.ts checks that it does, and that nothing the image runs names the link).
   */
  readonly programLinks: readonly ProgramLink[];
}

export interface ProgramLink {
  readonly line: number;
  /** The link, absolute (`/usr/bin/python`). */
  readonly link: string;
  /** The program it points to, by name (`python3`). */
  readonly program: string;
  /** The command as written. */
  readonly command: string;
}

/** `chown OWNER path` or `chmod MODE path` of a folder the build made, as the runtime can repeat it. */
export interface FolderMode {
  readonly line: number;
  readonly path: string;
  readonly command: string;
  readonly change: "chown" | "chmod" | "chgrp";
  readonly value: string;
}

export interface GlobalInstall {
  readonly instr: Instruction;
  readonly index: number;
  readonly tool: string;
  /** Package specs as written (`serve@14.2.1`, `pm2`). */
  readonly packages: readonly string[];
  /** The RUN does nothing else (apart from commands without effect). */
  readonly alone: boolean;
  /** The command as written (`yarn global add serve`). */
  readonly command: string;
}

export interface ProjectInstall {
  readonly index: number;
  readonly tool: "npm" | "yarn" | "pnpm";
  readonly dir: string | null;
  /** Words after the tool (`ci`, `--legacy-peer-deps`). */
  readonly args: readonly string[];
  /** The RUN does nothing else (apart from commands without effect). */
  readonly alone: boolean;
}

export type AnalysisResult = { readonly ok: true; readonly analysis: Analysis } | { readonly ok: false; readonly refusal: Refusal };

/** Thrown to stop the walk; not an Error, whose stack trace cost more than the walk (most stages are refused). */
class Refused {
  constructor(readonly refusal: Refusal) {}
}

/** Commands that change the system's state for what the build installs: the loader's cache, the CA bundle, a linked JDK. */
const SYSTEM_STATE: Readonly<Record<string, RefusalId>> = {
  ldconfig: "ldconfigRun",
  "update-ca-certificates": "caCertificatesRun",
  jlink: "jlinkRun",
};

const refuse = (line: number, id: RefusalId, data: Record<string, string> = {}): never => {
  throw new Refused({ line, id, data });
};

/** pip's configuration files (`/etc/pip.conf`, `/etc/xdg/pip/pip.conf`, `~/.config/pip/pip.conf`, `~/.pip/pip.conf`, a venv's `pip.conf`). */
const PIP_CONFIG_FILE = /(?:^|\/)pip\.(?:conf|ini)$|^\/etc\/xdg(?:\/pip)?$|\/\.config\/pip$|\/\.pip$/;
/** A pip setting that decides where packages go (`target = /opt/deps`, `user = true`). */
const PIP_LOCATION_KEYS = /^\s*(?:target|prefix|root|user|home|src)\s*[=:]/m;
const PIP_LOCATION_WORDS = /(?<=^|[^\w-]|\\[nt])(?:target|prefix|root|user|home|src)\s*[=:]|\.(?:target|prefix|root|user|home|src)\b/;
/** Settings that move nothing: a RUN that writes a pip configuration naming only these keeps the install where it was. */
const PIP_OTHER_KEYS =
  /(?:index-url|trusted-host|timeout|retries|cert|proxy|find-links|no-cache-dir|disable-pip-version-check|break-system-packages|root-user-action|progress-bar)\b/;

/** Commands that build in their working directory (the folder joins the copy set). */
const BUILDS_IN_CWD = new Set([
  "npm",
  "npx",
  "yarn",
  "pnpm",
  "node",
  "tsc",
  // Front-end and server build CLIs run directly (they write into the project folder).
  "nest",
  "ng",
  "vite",
  "next",
  "webpack",
  "esbuild",
  "tsup",
  "ncc",
  "rollup",
  "react-scripts",
  "vue-cli-service",
  "svelte-kit",
  "javac",
  "jar",
  "mvn",
  "mvnw",
  "gradle",
  "gradlew",
  "make",
  "cmake",
  "gcc",
  "cc",
  "g++",
  "c++",
  "configure",
  "go",
  "cargo",
]);
/** Does the command build something (a compiler, a package manager, a build driver)? */
export function isBuildTool(name: string): boolean {
  return BUILDS_IN_CWD.has(name) || PYTHON.test(name) || name === "pip" || name === "pip3";
}

/** Commands with no effect on the files the runtime needs. */
const NO_EFFECT = new Set([
  "echo",
  "true",
  ":",
  "test",
  "[",
  "printf",
  "ls",
  "cat",
  "set",
  "export",
  "pwd",
  "which",
  "env",
  "sleep",
  "id",
  "whoami",
  "uname",
  // prints the number of processors (`make -j$(nproc)`).
  "nproc",
]);
/** Per tool, the flags that name its output (`go build -o`, `javac -d`) and those that point it at another folder. */
const C_FLAGS = { output: ["-o"], folder: [] };
const NODE_FLAGS = { output: [], folder: ["--prefix", "--cwd", "--dir", "-C"] };
const TOOL_FLAGS: Readonly<Record<string, { output: readonly string[]; folder: readonly string[] }>> = {
  go: { output: ["-o"], folder: ["-C"] },
  gcc: C_FLAGS,
  cc: C_FLAGS,
  "g++": C_FLAGS,
  "c++": C_FLAGS,
  javac: { output: ["-d"], folder: [] },
  // `jar --create --file /opt/out/app.jar …`: the archive it writes (`-C DIR` only names where its inputs are).
  jar: { output: ["--file", "-f"], folder: [] },
  cargo: { output: ["--target-dir"], folder: [] },
  tsc: { output: ["--outDir"], folder: [] },
  make: { output: [], folder: ["-C", "--directory"] },
  npm: NODE_FLAGS,
  yarn: NODE_FLAGS,
  pnpm: NODE_FLAGS,
};

/**
 * The programs a remote `go install` writes into GOBIN, one per package path: its last element without the version
 * (`github.com/swaggo/swag/cmd/swag@latest` → `swag`), the one before a major-version suffix (`…/migrate/v4` →
 * `migrate`). Null for a pattern (`…/...`), a variable, a flag or a path whose program cannot be named.
 */
export function goToolNames(operands: readonly string[]): string[] | null {
  if (operands.length === 0) return null;
  const names: string[] = [];
  for (const operand of operands) {
    if (!/^[\w.~-]+(\/[\w.~-]+)+@[\w.+-]+$/.test(operand) || operand.includes("...")) return null;
    const parts = operand.replace(/@.*$/, "").split("/");
    const last = parts[parts.length - 1];
    const name = /^v\d+$/.test(last) && parts.length > 2 ? parts[parts.length - 2] : last;
    if (!/^[\w.-]+$/.test(name)) return null;
    names.push(name);
  }
  return names;
}

/** The value of the first of `flags` (`-o x` or `--flag=x`), or null. */
function optionValue(args: readonly string[], flags: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (flags.includes(args[i]) && args[i + 1] !== undefined) return args[i + 1];
    const eq = args[i].indexOf("=");
    if (eq > 0 && flags.includes(args[i].slice(0, eq))) return args[i].slice(eq + 1);
  }
  return null;
}
/** Archives that ADD extracts (by content; these names are what builds use). */
const TAR = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)$/i;
const APT_NO_EFFECT = new Set(["update", "clean", "autoclean", "autoremove", "dist-clean"]);
const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** A path a RUN wrote, with the RUN's body index. */
export interface RunWrite {
  readonly index: number;
  readonly path: string;
  /** The RUN removed or moved the path away (`rm -rf`, `mv`): nothing is there after it. */
  readonly removed?: true;
}

/** The folders and files `python -m compileall` is given (flags and their values left out). */
function compileOperands(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < args.length; i++) {
    if (/^-[dpesrjxio]$|^--invalidation-mode$/.test(args[i])) i++;
    else if (!args[i].startsWith("-") && !args[i].includes("$")) out.push(args[i]);
  }
  return out;
}

/** `python -m compileall` with literal words and no flag that reads a file list or another interpreter's paths. */
function isCompileAll(c: SimpleCommand): boolean {
  const words = c.args.map((a) => a.value);
  if (c.name === null || !PYTHON.test(c.name) || words[0] !== "-m" || words[1] !== "compileall") return false;
  // Without operands it compiles every folder of sys.path: the interpreter's own, not the app's.
  return words.every((w) => w !== null && w !== "-i") && compileOperands(words as string[]).length > 0;
}
/** Folders whose removal does not matter to the runtime (caches and package lists). */
/**
 * Does `apt-get purge|remove` name only build-only packages (compilers, headers) an earlier install of the stage
 * added? The runtime never gets those anyway.
 */
function purgesOwnBuildTools(sub: string | undefined, names: readonly string[], installs: readonly AptInstall[]): boolean {
  if (sub !== "purge" && sub !== "remove") return false;
  const installed = new Set(installs.flatMap((i) => i.packages.map(packageName)));
  return names.length > 0 && names.every((n) => installed.has(packageName(n)) && isBuildOnlyPackage(packageName(n)));
}

/** The folder of `pip install -t DIR` / `--target=DIR`, or null. */
function pipTarget(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const joined = /^--target=(.+)$/.exec(args[i]);
    if (joined) return joined[1];
    if ((args[i] === "-t" || args[i] === "--target") && args[i + 1] && !args[i + 1].startsWith("-")) return args[i + 1];
  }
  return null;
}

/** Options of useradd and adduser that take the next word as their value. */
const USER_VALUE_OPTIONS = new Set(
  "-d --home-dir --home -h -s --shell -u --uid -g --gid -G --groups -c --comment --gecos --ingroup -k -e -f -K".split(" "),
);

/**
 * The home folder a `useradd` or `adduser` gives its user (`-d`/`--home-dir`/`--home`/busybox `-h`, else
 * /home/NAME); only a user that gets a home created (`useradd -m`; adduser always unless `-H`/`--no-create-home`).
 */
export function createdHome(name: string, args: readonly string[], homes: Map<string, string>): void {
  let home: string | null = null;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const joined = /^--(home-dir|home)=(.+)$/.exec(args[i]);
    if (joined) home = joined[2];
    else if (USER_VALUE_OPTIONS.has(args[i])) {
      if (["-d", "--home-dir", "--home"].includes(args[i]) || (args[i] === "-h" && name === "adduser")) home = args[i + 1] ?? null;
      i++;
    } else if (!args[i].startsWith("-")) operands.push(args[i]);
  }
  const creates =
    name === "useradd" ? args.some((a) => a === "-m" || a === "--create-home") : !args.some((a) => a === "-H" || a === "--no-create-home");
  // `adduser user group` adds a user to a group; a name with `$` is unknown.
  if (!creates || operands.length !== 1 || operands[0].includes("$")) return;
  homes.set(operands[0], home ?? `/home/${operands[0]}`);
}

const SCRATCH = ["/var/lib/apt/lists", "/var/cache", "/tmp", "/var/tmp", "/root/.cache", "/root/.npm"];
/** Folders where base images keep files of their own (a web server's default pages): a removal there is the base's loss. */
const BASE_CONTENT = ["/usr", "/etc", "/var", "/lib", "/lib64", "/bin", "/sbin", "/opt/java", "/home", "/root"];

/**
 * `baseWorkdir`: the base image's working folder when the recipe knows it (`/` for the official node image);
 * relative paths before any WORKDIR resolve against it.
 */
export function analyze(
  df: Dockerfile,
  stage: Stage,
  context: BuildContext,
  baseWorkdir: string | null = null,
  baseEnv: Readonly<Record<string, string>> = {},
): AnalysisResult {
  try {
    return { ok: true, analysis: walk(df, stage, context, baseWorkdir, baseEnv) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal };
    throw err;
  }
}

/** Package managers whose `-g`/`global add` installs are recorded (the node recipe places them). */
const NODE_MANAGERS = new Set(["npm", "yarn", "pnpm"]);
const INSTALL_WORDS = new Set(["install", "i", "ci", "add"]);

function walk(
  df: Dockerfile,
  stage: Stage,
  context: BuildContext,
  baseWorkdir: string | null,
  baseEnv: Readonly<Record<string, string>>,
): Analysis {
  let cwd: string | null = baseWorkdir;
  let bodyIndex = -1;
  const globalInstalls: GlobalInstall[] = [];
  const projectInstalls: ProjectInstall[] = [];
  const owners = new Map<string, string>();
  let lastBuild = -1;
  const copy = new Set<string>();
  const sources = new Map<string, string>();
  const apt: AptInstall[] = [];
  const buildCommands = new Set<string>();
  const venvs: string[] = [];
  const systemPip: Array<{ line: number; user: boolean; home: string }> = [];
  /** Home folders of the users the stage creates (`useradd -m app` → /home/app). */
  const homes = new Map<string, string>();
  let userName: string | null = null;
  /** Folders WORKDIR made: a repeated folder setup runs before the runtime's WORKDIR, so it makes them itself. */
  const workdirMade = new Set<string>();
  let poetrySystem = false;
  /** `poetry config virtualenvs.in-project true`: poetry's virtualenv is `.venv` in the project's folder. */
  let poetryInProject = false;
  const setups: SystemSetup[] = [];
  const timezones: TimezoneSetup[] = [];
  /** Variables the stage's ENV and ARG lines declared so far: the runtime replays those lines in place. */
  const declared = new Set<string>();
  /**
   * Variables a user or group command may name and the runtime still repeat (red team 17 m2): a stage ARG whose
   * line names no other variable (the runtime declares it again before the command, so a build argument reaches it
   * too), or an ENV of a plain literal (written into the command). Not after a SHELL (bash's own `UID`).
   */
  const setupVars = new Map<string, SetupVariable>();
  let shellSet = false;
  /** `chmod`, or `chown` without `-R`, of a path that already had content: whose folder mode or owner a copy may lose. */
  const modes: Array<{ line: number; path: string; command: string; change: "chown" | "chmod" | "chgrp"; value: string }> = [];
  /** Folders `mkdir` made. */
  const madeFolders = new Set<string>();
  let asRoot = true;
  let envText = "";
  let pathText = "";
  /** The text of the RUN being read: its own assignments (`HOME=/opt/h pip …`, `export PIP_TARGET=…`) count too. */
  let runText = "";

  /** `go mod init NAME` per folder; whether a generator ran (`go generate`, `go run`); what `go build -o` wrote. */
  const goModules = new Map<string, string>();
  let goGenerators = false;
  const goOutputs = new Set<string>();
  /** The programs `go install` put in GOBIN, by name (the golang image has `/go/bin` first on PATH). */
  const goBins = new Map<string, string>();
  /** Removals of files of nginx's config folder that the base image has (see `baseRemovals` of Analysis). */
  const baseRemovals: Array<{ line: number; command: string }> = [];
  /** Console scripts of local projects pip installed into a venv (`pip install ./pkg`), by name: the venv. */
  const venvScripts = new Map<string, string>();
  /** Programs `go build -o FOLDER/` wrote, by name: found by a bare name when the ENV PATH names their folder. */
  const goBuildBins = new Map<string, string>();
  /** Programs a remote `go install` (`github.com/swaggo/swag/cmd/swag@latest`) put in GOBIN: build-only unless run at run time. */
  const goTools: { line: number; names: string[]; command: string }[] = [];
  let rootWrite: number | null = null;
  /** Names a stage ARG declared (and no later ENV): the RUNs see them, with a value `--build-arg` may change. */
  const argNames = new Set<string>();
  /** pip configuration that sets (or may set) where `pip install` puts packages: the first, for the refusal (red team 22 F5). */
  let pipConfig: { line: number; evidence: string } | null = null;
  let baseDirWrite: number | null = null;
  const runWrites: RunWrite[] = [];
  const unmatchedCopies: UnmatchedCopy[] = [];
  const compileRuns = new Set<number>();
  let inRun = false;
  /** The RUN's own mount targets (`--mount=type=cache,target=/opt/dl`): what it writes there never reaches the image. */
  let mountTargets: string[] = [];
  const add = (line: number, path: string) => {
    if (inRun && mountTargets.some((t) => isUnder(path, t))) return;
    if (inRun) runWrites.push({ index: bodyIndex, path });
    // Without WORKDIR the project lives in the base image's working folder `/`: noted, not refused here.
    if (path === "/" && baseWorkdir === "/" && cwd === "/") {
      rootWrite ??= line;
      return;
    }
    if (path !== "/" && path === baseWorkdir && cwd === baseWorkdir) baseDirWrite ??= line;
    else if (isSystemDir(path)) refuse(line, "systemDir", { path });
    // APT's sources, keys and settings decide what the runtime's own `apt-get install` finds, and that install
    // runs before anything is copied (red team 17 F24).
    if (APT_CONFIG.some((d) => isUnder(path, d))) refuse(line, "aptConfigWrite", { path });
    // A blank splits a COPY's words and `*?[` make it a pattern: no COPY names such a path exactly.
    if (/[\s*?[]/.test(path)) refuse(line, "uncopyablePath", { path });
    if (PIP_CONFIG_FILE.test(path) && pipConfig === null) {
      // A file from the context is read; one a RUN writes counts unless the RUN names only settings that move nothing.
      const src = inRun ? null : contextSource(path, sources);
      const text = src === null ? null : context.read(src);
      const moves =
        text !== null ? PIP_LOCATION_KEYS.test(text) : !inRun || PIP_LOCATION_WORDS.test(runText) || !PIP_OTHER_KEYS.test(runText);
      if (moves) pipConfig = { line, evidence: `\`${path}\`` };
    }
    copy.add(path);
  };
  // A path removed or moved away later must not be copied (COPY --from would fail on it).
  const forget = (path: string) => {
    if (inRun) runWrites.push({ index: bodyIndex, path, removed: true });
    for (const c of copy) if (isUnder(c, path)) copy.delete(c);
  };
  // ENV values known literally: Docker substitutes them in WORKDIR and COPY, and a RUN's shell reads them. The
  // base image's own (the golang image's GOPATH) count until the stage declares the name itself.
  const env = new Map<string, string>(Object.entries(baseEnv));
  const substitute = (text: string) => text.replace(/\$(?:\{(\w+)\}|(\w+))/g, (m, braced, bare) => env.get(braced ?? bare) ?? m);
  // What each variable is when no `--build-arg` is given, and the build argument it comes from: a path from one is
  // still refused (an override moves the build's files away from the runtime's literal copies), but said so.
  const byDefault = new Map<string, { value: string; arg: string }>();
  const argPaths: Array<{ line: number; path: string; arg: string; value: string }> = [];
  const globalDefaults = new Map(
    df.globalArgs.flatMap((i) => declaredVariables(i) ?? []).flatMap((v) => (v.value === null ? [] : [[v.name, v.value] as const])),
  );
  const at = (line: number, dir: string | null, p: string): string => {
    // A home the shell expands (`~/x`, `~app/x`) that shellValue could not place.
    if (p.startsWith("~")) refuse(line, "dynamicPath", { path: p });
    if (p.includes("$")) {
      const arg = /\$(?:\{(\w+)\}|(\w+))/.exec(p);
      const from = arg ? byDefault.get(arg[1] ?? arg[2]) : undefined;
      const resolved = p.replace(/\$(?:\{(\w+)\}|(\w+))/g, (m, braced, bare) => byDefault.get(braced ?? bare)?.value ?? m);
      const names = [...p.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)].map((m) => m[1] ?? m[2]);
      // One build argument, whole (`$APP_HOME/x`, `${APP_HOME}`): the path under its default, kept as the variable.
      if (from && !resolved.includes("$") && names.every((n) => byDefault.get(n)?.arg === from.arg) && /^\$\{?\w+\}?(\/|$)/.test(p)) {
        argPaths.push({ line, path: p, arg: from.arg, value: from.value });
        return resolvePath(dir, resolved) ?? refuse(line, "noWorkdir", { path: p });
      }
      if (from && !resolved.includes("$")) refuse(line, "argPath", { path: p, arg: from.arg, value: from.value, resolved });
      refuse(line, "dynamicPath", { path: p });
    }
    return resolvePath(dir, p) ?? refuse(line, "noWorkdir", { path: p });
  };

  const cwdAt: Array<string | null> = [];
  const knownValues = new Map<number, ReadonlyMap<string, string>>();
  const argBranches: Array<{ line: number; arg: string; value: string }> = [];
  const programLinks: ProgramLink[] = [];
  stage.body.forEach((instr, index) => {
    const line = instr.line;
    bodyIndex = index;
    cwdAt.push(cwd);
    if (instr.keyword === "SHELL") shellSet = true;
    switch (instr.keyword) {
      case "ONBUILD":
        return refuse(line, "onbuild");
      case "ARG":
        for (const v of declaredVariables(instr) ?? []) {
          declared.add(v.name);
          // A stage ARG is in every later RUN's environment, and `--build-arg` may change it; an ENV of the name wins.
          if (!env.has(v.name) || Object.hasOwn(baseEnv, v.name)) argNames.add(v.name);
          if (setupVars.get(v.name)?.kind === "env") {
            // The ENV's value stays what the steps see.
          } else if (!instr.args.includes("$") && !Object.hasOwn(baseEnv, v.name)) setupVars.set(v.name, { kind: "arg", instr });
          else setupVars.delete(v.name);
          // Which of the image's value and the argument's a step sees is not read here.
          if (Object.hasOwn(baseEnv, v.name)) env.delete(v.name);
          const value = v.value ?? globalDefaults.get(v.name) ?? null;
          if (value !== null && !value.includes("$") && !env.has(v.name)) byDefault.set(v.name, { value, arg: v.name });
          else byDefault.delete(v.name);
        }
        return;
      case "ENV":
        for (const v of declaredVariables(instr) ?? []) {
          declared.add(v.name);
          argNames.delete(v.name);
          if (v.value !== null && /^[\w./:@+-]+$/.test(v.value)) setupVars.set(v.name, { kind: "env", value: v.value });
          else setupVars.delete(v.name);
          const value = v.value === null ? null : substitute(v.value);
          if (value !== null && !value.includes("$")) env.set(v.name, value);
          else env.delete(v.name);
          // `ENV APP_HOME=${APP_HOME}`: the build argument's value, as long as the value names one variable.
          const ref = v.value === null ? null : /^\$(?:\{(\w+)\}|(\w+))$/.exec(v.value.trim());
          const from = ref ? byDefault.get(ref[1] ?? ref[2]) : undefined;
          if (from && !env.has(v.name)) byDefault.set(v.name, from);
          else byDefault.delete(v.name);
        }
        for (const v of declaredVariables(instr) ?? []) {
          if (pipConfig !== null || !/^(PIP_CONFIG_FILE|XDG_CONFIG_HOME|XDG_CONFIG_DIRS)$/.test(v.name)) continue;
          // `ENV PIP_CONFIG_FILE=/app/pip.conf`: the file, when a COPY brought it from the context, is read.
          const file = v.name === "PIP_CONFIG_FILE" ? env.get(v.name) : undefined;
          const src = file === undefined ? null : contextSource(file, sources);
          const text = src === null ? null : context.read(src);
          if (text === null || PIP_LOCATION_KEYS.test(text)) pipConfig = { line, evidence: `\`${v.name}\`` };
        }
        envText += ` ${substitute(instr.args)}`;
        // With build arguments at their defaults too: which folders PATH names (a venv from `ARG VENV=/opt/venv`).
        pathText += ` ${substitute(instr.args).replace(/\$(?:\{(\w+)\}|(\w+))/g, (m, braced, bare) => byDefault.get(braced ?? bare)?.value ?? m)}`;
        return;
      case "USER":
        asRoot = /^(root|0)(:.*)?$/.test(instr.args.trim());
        userName = asRoot || /^\d+(:|$)|\$/.test(instr.args.trim()) ? null : instr.args.trim().replace(/:.*$/, "");
        return;
      case "WORKDIR":
        {
          // Docker removes the quotes around the path; in single quotes it expands no variable.
          const { path, literal } = workdirPath(instr.args);
          cwd = at(line, cwd, literal ? path : substitute(path));
        }
        workdirMade.add(cwd);
        return;
      case "COPY":
      case "ADD": {
        lastBuild = index;
        // The JSON form (`COPY ["package.json", "package-lock.json*", "./"]`) names its words between quotes.
        const operands = copyOperands(instr);
        const words = (
          instr.exec ??
          (operands ? [...operands.sources, operands.dest] : null) ??
          instr.args
            .replace(/\\[ \t]*\r?\n/g, " ")
            .trim()
            .split(/\s+/)
        ).map(substitute);
        if (words.length < 2) return refuse(line, "dynamicPath", { path: instr.args.trim() });
        const destWord = words[words.length - 1];
        const dest = at(line, cwd, destWord);
        const srcs = words.slice(0, -1);
        const fromFlag = instr.flags.some((f) => f.name === "from");
        const toFolder = destWord.endsWith("/") || srcs.length > 1;
        // `.` (or the working folder by name) is a folder that exists: a file copied there goes inside. (The copy
        // set still takes the whole folder then, with what later steps write into it.)
        const intoFolder = toFolder || destWord === "." || (cwd !== null && dest === cwd);
        // `COPY *.env .` with no match here: the context that is built may hold what this one lacks (a git-ignored
        // `.env`), and BuildKit copies a pattern's matches, or nothing, without an error. A pattern for install
        // manifests (`package-lock.json*`) is the install's to read.
        const unmatched = fromFlag || !context.available || !intoFolder ? undefined : srcs.find((s) => matchesNothing(context, s));
        if (unmatched !== undefined && dest !== null) unmatchedCopies.push({ line, source: unmatched, dest });
        if (srcs.length === 1 && !fromFlag && instr.heredocs.length === 0) {
          const src = srcs[0];
          // A folder's contents go into the destination folder itself (`COPY requirements/ requirements/`).
          const inside = (toFolder && !(context.exists(src) && context.read(src) === null)) || (intoFolder && context.read(src) !== null);
          const file = inside && src !== "." ? posix.join(dest, posix.basename(src)) : dest;
          // ADD extracts a local tar archive into the destination folder: the archive itself is not there.
          const extracted = instr.keyword === "ADD" && !/^[a-z]+:\/\//i.test(src) && TAR.test(src);
          if (!extracted) sources.set(file, src);
          add(line, toFolder && context.read(src) !== null && !extracted ? file : dest);
        } else {
          // Several sources into a folder: each literal one lands under its own name.
          if (!fromFlag && instr.heredocs.length === 0) {
            for (const src of srcs)
              if (!/[*?[]/.test(src) && context.read(src) !== null) sources.set(posix.join(dest, posix.basename(src)), src);
          }
          add(line, dest);
        }
        return;
      }
      case "RUN": {
        lastBuild = index;
        // Exec form runs its words without a shell: read as the same words, each quoted, so nothing expands.
        const parsed = instr.exec ? execAsScript(instr.exec) : parseRun(df, stage, instr);
        if (!parsed.ok) refuse(line, "unparsedRun", { reason: parsed.reason });
        inRun = true;
        // Every mount type (cache, tmpfs, secret, ssh, bind) hides its target's writes from the layer (red team 22 F16).
        mountTargets = instr.flags
          .filter((f) => f.name === "mount" && f.value !== null)
          .flatMap((f) => {
            const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value ?? "")?.[1];
            const path = target === undefined ? null : resolvePath(cwd, substitute(target));
            return path === null || path.includes("$") ? [] : [path];
          });
        if (parsed.ok) runEffects(parsed.script, instr);
        inRun = false;
        return;
      }
      default:
        return;
    }
  });

  function runEffects(script: ShellScript, instr: Instruction): void {
    const line = instr.line;
    runText = script.text;
    let dir = cwd;
    const braces = !instr.exec && bracesExpand(shellInEffect(df, stage, instr), stage.base);
    // Commands in a branch the build does not take, with its variables at their known values, have no effect.
    const values = new Map([...[...byDefault].map(([k, v]) => [k, v.value] as const), ...env]);
    knownValues.set(bodyIndex, values);
    const looked = new Set<string>();
    const untaken = untakenCommands(script, (name) => {
      looked.add(name);
      return values.get(name) ?? null;
    });
    const runs = takes(untaken);
    // A branch decided by a build argument's default: a `--build-arg` may take another one.
    if (untaken.size > 0)
      for (const name of looked) {
        const from = byDefault.get(name);
        if (from && !env.has(name)) argBranches.push({ line, arg: from.arg, value: from.value });
      }
    const zone = simpleCommands(script).filter((c) => runs(c) && timezoneCommand(c, declared) !== null);
    const commands = simpleCommands(script).filter(
      (c) => runs(c) && c.name !== null && !NO_EFFECT.has(posix.basename(c.name)) && !zone.includes(c),
    );
    // Folders made (and given an owner or mode) before anything is written into them, by a RUN that does only
    // that and system setup: the runtime repeats the RUN (system-setup.ts), so no copied content takes an owner here.
    const folders = asRoot ? folderSetupPaths(commands) : null;
    const freshFolders =
      folders !== null &&
      // A plain `mkdir` makes the folder as WORKDIR or a copy would: only an owner or a mode needs repeating.
      commands.some((c) => /^(chown|chmod|chgrp)$/.test(posix.basename(c.name ?? ""))) &&
      commands.every((c) => !FOLDER_COMMANDS.has(posix.basename(c.name ?? "")) || repeatable(c)) &&
      // Absolute, since the runtime repeats the RUN before its WORKDIR; and new: nothing copied lies in or above it.
      folders.every((p) => p?.startsWith("/") && ![...copy].some((c) => isUnder(c, at(line, dir, p)) || isUnder(at(line, dir, p), c)));
    const written = runWrites.length;
    // A word made of ENV variables and plain characters (`$VIRTUAL_ENV/bin`, `"${APP_HOME}"`) is what the shell
    // gives it, unless the script sets the variable itself.
    const shellValue = (rawText: string): string | null => {
      // `~/x` and `$HOME/x` are the user's home: root's unless the stage sets HOME or runs as another user. A HOME
      // from a build argument (`ARG HOME=/opt/home`) is wherever `--build-arg` puts it (red team 22 F13).
      const home = homeUnknown() ? null : (env.get("HOME") ?? (asRoot ? "/root" : null));
      const text =
        home !== null && !/(^|[^\w$])HOME=/.test(script.text) ? rawText.replace(/^("?)(?:~|\$\{?HOME\}?)(?=\/|"?$)/, `$1${home}`) : rawText;
      if (!/^"?(?:[\w./:@+=,-]|\$\{?\w+\}?)*"?$/.test(text)) return null;
      const names = [...text.matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1]);
      if (
        names.some(
          (n) =>
            !env.has(n) || new RegExp(`(^|[^\\w$])${n}=|\\b(read|for|export|local|unset)\\s+([^;&|\\n]*\\s)?${n}\\b`).test(script.text),
        )
      )
        return null;
      return substitute(text).replace(/^"(.*)"$/, "$1");
    };
    const isOutput = (redirect: ShellNode) => redirect.children.some((c) => c !== null && !c.isNamed && c.type.includes(">"));
    for (const redirect of script.root.descendantsOfType("file_redirect")) {
      if (!redirect) continue;
      if (zone.some((c) => outputRedirect(c)?.startIndex === redirect?.startIndex)) continue;
      const dest = redirect?.childForFieldName("destination");
      const value = dest ? (toWord(dest).value ?? shellValue(dest.text)) : null;
      // A file written through a variable the stage does not set (`> $JAVA_HOME/conf/x`) is somewhere unknown.
      if (value === null && dest && isOutput(redirect) && !/^&/.test(dest.text)) refuse(line, "dynamicPath", { path: dest.text });
      if (value === null || value.startsWith("&") || /^\d$/.test(value) || value === "/dev/null") continue;
      add(line, at(line, dir, value));
    }
    for (const cmd of simpleCommands(script)) {
      if (cmd.name === null || zone.includes(cmd) || !runs(cmd)) continue;
      const name = posix.basename(cmd.name);
      const args = cmd.args.flatMap((a) => {
        // Under bash (or a `/bin/sh` that is bash) `/opt/app/{conf,data}` is two words (red team 22 F6).
        const expanded = braces && a.value === null ? braceWords(a.text) : [a.text];
        if (expanded === null) return refuse(line, "dynamicPath", { path: a.text });
        if (expanded.length > 1) return expanded.map((w) => (/[$`*?[\]{}~'"\\]/.test(w) ? (shellValue(w) ?? w) : w));
        return [a.value ?? shellValue(a.text) ?? a.text];
      });
      // `mkdir -m 1777 /scratch`: the mode is the option's value, not a folder.
      const operands = args.filter(
        (a, i) => !a.startsWith("-") && !(name === "mkdir" && (args[i - 1] === "-m" || args[i - 1] === "--mode")),
      );
      const writes = fileWrites(name, args);
      buildCommands.add(name);
      if (name === "useradd" || name === "adduser") createdHome(name, args, homes);
      // `env [-i] [-u X] [NAME=value …] COMMAND …` runs COMMAND: not followed here, save the Go toolchain's (the Go
      // recipe reads `env GOOS=linux go build` itself); a bare `env` prints (red team 22 F15).
      if (name === "env") {
        const wrapped = envCommand(args);
        if (wrapped !== null && posix.basename(wrapped) !== "go" && !NO_EFFECT.has(posix.basename(wrapped)))
          refuse(line, "envCommand", { command: wrapped });
      }
      if (NO_EFFECT.has(name)) continue;
      if (name === "cd") {
        dir = at(line, dir, operands[0] ?? "/root");
      } else if (name === "apt-get" || name === "apt") {
        const [sub, ...rest] = operands;
        if (sub === "install") {
          const dynamic = cmd.args.find((a) => a.value === null && /\$\(|`/.test(a.text));
          if (dynamic) refuse(line, "dynamicPath", { path: dynamic.text });
          // A package file (`./x.deb`, `/tmp/debs/x.deb`): the runtime installs before any copy brings it.
          const file = rest.find((p) => p.includes("/") || p.endsWith(".deb"));
          if (file) refuse(line, "aptPackageFile", { path: file });
          // The values of `-t bookworm-backports`, `-o Dpkg::Options::=…`, `-c FILE` are their options', not packages,
          // and the runtime's own install repeats them with their options (red team 22 m1).
          const valued = /^(-t|--target-release|--default-release|-o|--option|-c|--config-file)$/;
          const options: string[] = [];
          const packages: string[] = [];
          let sub = false;
          for (let i = 0; i < args.length; i++) {
            if (args[i].startsWith("-")) {
              options.push(args[i]);
              if (valued.test(args[i]) && i + 1 < args.length) options.push(args[++i]);
            } else if (!sub && args[i] === "install") sub = true;
            else packages.push(args[i]);
          }
          apt.push({ instr, options, packages });
        } else if (!APT_NO_EFFECT.has(sub ?? "") && !isAptUpgrade(cmd) && !purgesOwnBuildTools(sub, rest, apt)) {
          refuse(line, "aptUpgrade", { command: `${name} ${sub ?? ""}`.trim() });
        }
      } else if (name === "rm") {
        for (const p of operands) {
          const path = at(line, dir, p.replace(/\/\*$/, ""));
          // Inside a working folder of the app's own (`rm -rf ./*` after `WORKDIR /app`), what it removes is the
          // build's: the runtime takes that folder from the build stage as it is after the removal.
          const ownFolder =
            cwd !== null &&
            cwd !== "/" &&
            workdirMade.has(cwd) &&
            isUnder(path, cwd) &&
            !BASE_CONTENT.some((b) => isUnder(cwd as string, b));
          // A file of nginx's own config folder the base image has (`rm /etc/nginx/conf.d/default.conf`): the nginx
          // recipe repeats the removal on the same image; any other recipe declines it (index.ts).
          const nginxOwn = isUnder(path, "/etc/nginx") && !/[$`]/.test(cmd.node.text) && repeatable(cmd);
          if (nginxOwn && ![...copy].some((c) => isUnder(path, c)))
            baseRemovals.push({ line, command: cmd.node.text.replace(/\s+/g, " ") });
          else if (!ownFolder && !SCRATCH.some((s) => isUnder(path, s)) && ![...copy].some((c) => isUnder(path, c))) {
            refuse(line, "unknownCommand", { command: `rm ${p}` });
          }
          forget(path);
        }
      } else if (name === "mkdir" || name === "touch") {
        for (const p of operands) add(line, at(line, dir, p));
        if (name === "mkdir") for (const p of operands) madeFolders.add(at(line, dir, p));
        // `mkdir -m 1777 /scratch` gives a mode as chmod would; a copy makes the folder 755.
        const mode = name === "mkdir" ? mkdirMode(args) : null;
        if (mode !== null && !freshFolders && !/^0?755$/.test(mode))
          for (const p of operands) modes.push({ line, path: at(line, dir, p), command: cmd.node.text, change: "chmod", value: mode });
      } else if (name === "chmod" || name === "chown" || name === "chgrp") {
        for (const p of operands.slice(1)) {
          add(line, at(line, dir, p));
          const recursive = args.some((a) => /^-\w*R/.test(a) || a === "--recursive");
          if (name === "chown" && recursive && !freshFolders) owners.set(at(line, dir, p), operands[0]);
          // What a copy gives its folder anyway (mode 755, root) loses nothing; recursively, the files' modes change too.
          else if (!freshFolders && (recursive || !/^(0?755|root(:root)?|0(:0)?)$/.test(operands[0] ?? "")))
            modes.push({ line, path: at(line, dir, p), command: cmd.node.text, change: name, value: operands[0] ?? "" });
        }
      } else if (name === "cp" || name === "mv") {
        // `cp -t DIR SRC…` / `--target-directory=DIR`: the folder is the option's value and every operand a source.
        const target = targetDirectory(args);
        const sources = target === null ? operands.slice(0, -1) : operands.filter((o) => o !== target.operand);
        if (target === null && operands.length < 2) continue;
        if (name === "mv") for (const p of sources) forget(at(line, dir, p));
        const dest = target === null ? operands[operands.length - 1] : `${target.dir.replace(/\/+$/, "")}/`;
        const destPath = at(line, dir, dest);
        // Into a folder (`cp app /usr/local/bin/`): what it writes is the named files there, not the folder.
        // A glob (`cp -r out/* /usr/share/nginx/html/`) writes files the build makes into the folder: the folder is
        // what a copy can name (`COPY --from` of `html/*` copies the contents of matched folders, not the folders).
        // `cp --parents conf/app.conf /etc/` writes /etc/conf/app.conf: the source's whole path under the folder
        // (GNU cp takes any unique prefix of the option; red team 22 F7).
        if (name === "cp" && args.some((a) => /^--pa(r(e(n(ts?)?)?)?)?$/.test(a)))
          for (const src of sources) {
            // Up to the first pattern part (`src/*/app.yml` → /out/src): the folder a copy can name.
            const parts = src.split("/");
            const glob = parts.findIndex((part) => /[*?[]/.test(part));
            add(line, posix.join(destPath, glob < 0 ? src : parts.slice(0, glob).join("/")));
          }
        else if (dest.endsWith("/") || isSystemDir(destPath))
          for (const src of sources) {
            const name = posix.basename(src);
            add(line, /[*?[]/.test(name) ? destPath : posix.join(destPath, name));
          }
        else add(line, destPath);
      } else if (PYTHON.test(name) || name === "pip" || name === "pip3") {
        pythonEffects(shellValue(cmd.name) ?? cmd.name, name, args, line, dir);
      } else if (name === "pipenv" || name === "poetry") {
        projectManagerEffects(name, args, line, dir);
      } else if (name === "npm" && (operands[0] === "config" || operands[0] === "set")) {
        // `npm config set` writes a config file, not the project: the runtime's npm reads it too.
        const sub = operands[0] === "set" ? "set" : operands[1];
        if (sub === "get" || sub === "list" || sub === "ls") continue;
        const file = npmConfigFile(args, asRoot, envText);
        if (file === null) refuse(line, "unknownCommand", { command: `npm ${operands.slice(0, 2).join(" ")}` });
        else add(line, file);
      } else if (NODE_MANAGERS.has(name) && isGlobalInstall(name, args)) {
        const packages = operands.filter((o) => !INSTALL_WORDS.has(o) && o !== "global");
        if (packages.length === 0 || packages.some((p) => p.includes("$") || /^[./]/.test(p))) {
          refuse(line, "globalInstall", { command: `${name} ${args.join(" ")}` });
        }
        // The runtime installs a global package again as root: one the original installed as another user (into
        // that user's prefix, `NPM_CONFIG_PREFIX=/home/node/.npm-global`) would change owner (red team 21 F10).
        if (!asRoot) refuse(line, "globalInstallAsUser", { command: cmd.node.text });
        globalInstalls.push({ instr, index: bodyIndex, tool: name, packages, alone: commands.length === 1, command: cmd.node.text });
      } else if (BUILDS_IN_CWD.has(name)) {
        if (NODE_MANAGERS.has(name) && isProjectInstall(name, managerOperands(args))) {
          projectInstalls.push({ index: bodyIndex, tool: name as ProjectInstall["tool"], dir, args, alone: commands.length === 1 });
        }
        if (name === "go" && operands[0] === "mod" && operands[1] === "init" && dir !== null && /^[\w./-]+$/.test(operands[2] ?? ""))
          goModules.set(dir, operands[2]);
        if (name === "go" && (operands[0] === "generate" || operands[0] === "run")) goGenerators = true;
        // A package of the build context (`.`, `./...`, `./cmd/x`): which programs land is read from it; another
        // (`tool@latest`) is a tool the toolchain's folders keep.
        const remote = operands.slice(1).some((o) => o.includes("@") || /^[\w-]+(\.[\w-]+)+\//.test(o));
        const ownPackages = name === "go" && operands[0] === "install" && !remote;
        const installed = ownPackages ? goInstalled(args, dir, script.text) : null;
        if (installed !== null && "unknown" in installed)
          refuse(line, "goInstallUnknown", { command: `${name} ${args.join(" ")}`, why: installed.unknown });
        if (installed !== null && "programs" in installed) {
          for (const path of installed.programs) {
            add(line, path);
            goBins.set(posix.basename(path), path);
          }
          continue;
        }
        if (name === "go" && operands[0] === "install") {
          // A tool from elsewhere lands in GOBIN, which the runtime does not copy: build-only when only the build runs
          // it (checked against the entry and the sources below); a package path msb-opt cannot name the program of refuses.
          const names = remote ? goToolNames(operands.slice(1)) : null;
          if (names === null || globalFlag(args)) refuse(line, "globalInstall", { command: `${name} ${args.join(" ")}` });
          else goTools.push({ line, names, command: `${name} ${args.join(" ")}` });
          continue;
        }
        if (globalFlag(args)) refuse(line, "globalInstall", { command: `${name} ${args.join(" ")}` });
        // `make install`, `cmake --install build`, `cmake --build build --target install`, `meson install`: where
        // they write is the project's build files' business.
        if (
          ((name === "make" || name === "meson" || name === "ninja") && operands.includes("install")) ||
          (name === "cmake" &&
            (args.includes("--install") ||
              /(^|\s)--target(=|\s+)install(\s|$)/.test(args.join(" ")) ||
              args.includes("cmake_install.cmake")))
        )
          refuse(line, "makeInstall", { command: `${name} ${args.join(" ")}` });
        // `cargo install` writes its binaries (and its records) under the install root (recipes/rust-build.ts).
        if (name === "cargo" && operands[0] === "install") add(line, at(line, dir, cargoInstallRoot(args, env)));
        if (name === "go" && operands[0] !== "build") continue;
        // Where the tool writes: its output flag, the folder it is pointed at, else its working folder.
        const flags = TOOL_FLAGS[name] ?? { output: [], folder: [] };
        const output = optionValue(args, flags.output);
        const target = optionValue(args, flags.folder);
        const home = target === null ? dir : at(line, dir, target);
        if (output !== null) add(line, at(line, home, output));
        if (output !== null && name === "go") goOutputs.add(at(line, home, output));
        // `go build -o bin/ ./cmd/...`: a program per main package in that folder, found where the PATH names it.
        if (output?.endsWith("/") && name === "go" && target === null && dir !== null) {
          const built = goBuilt(args, at(line, home, output), dir, script.text);
          for (const path of built) goBuildBins.set(posix.basename(path), path);
        }
        if (output === null || name !== "go") add(line, home ?? refuse(line, "noWorkdir", { path: name }));
        // Any other absolute path may be an output too: refuse unless it is already copied.
        for (const p of args.map((a) => a.replace(/^-[\w-]*=/, "")).filter((a) => a.startsWith("/"))) {
          const path = at(line, home, p);
          if (![...copy].some((c) => isUnder(path, c))) refuse(line, "outsideWrite", { command: name, path: p });
        }
      } else if (name === "strip") {
        // Strips symbols from a built program in place.
        for (const p of operands) add(line, at(line, dir, p));
      } else if (name === "rustup") {
        // Adds targets or components to the Rust toolchain, which no runtime copies.
      } else if (writes !== null) {
        // Files the command line names (`sed -i FILE`, `openssl … -out F`, `curl -o F`): each joins the copy set,
        // which refuses a system folder; one it cannot name keeps the decline.
        if ("unknown" in writes) refuse(line, "unknownCommand", { command: name });
        else for (const p of writes.paths) add(line, at(line, dir, p));
      } else if (name === "ln" && programLink(args) !== null) {
        programLinks.push({
          line,
          ...(programLink(args) as { link: string; program: string }),
          command: cmd.node.text.replace(/\s+/g, " "),
        });
      } else if (name === "ln" && linkInApp(args, dir)) {
        // A link inside the app's folder to a file in it: the copy takes it as a link.
        add(line, linkInApp(args, dir) as string);
      } else if (name === "flask" && operands[0] === "translate") {
        // `flask translate compile` (a project command around pybabel) writes the catalogs beside their sources. Other
        // commands run project code that may write anywhere (`flask db upgrade` into `sqlite:////var/lib/…`).
        add(line, dir ?? refuse(line, "noWorkdir", { path: name }));
      } else if (name === "flask") {
        refuse(line, "unknownCommand", { command: `flask ${operands[0] ?? ""}`.trim() });
      } else if (name === "swag" && goTools.some((t) => t.names.includes("swag")) && (operands[0] === "init" || operands[0] === "fmt")) {
        // swaggo's generator: `swag init` writes docs.go, swagger.json and swagger.yaml into its output folder
        // (`--output`/`-o`, default `./docs`), `swag fmt` formats the Go files of its folder in place; Go files both.
        const output = operands[0] === "init" ? (optionValue(args, ["--output", "-o"]) ?? "docs") : ".";
        if (output.includes(",") || output.includes("$")) refuse(line, "unknownCommand", { command: name });
        add(line, at(line, dir, output));
        goGenerators = true;
      } else if (SYSTEM_STATE[name] !== undefined) {
        // Commands whose effect on the image no copy carries (red team 17 m3): each says what the runtime would need.
        refuse(line, SYSTEM_STATE[name], { command: name });
      } else if (!USER_COMMANDS.has(name) && name !== "apk" && name !== "corepack") {
        refuse(line, "unknownCommand", { command: name });
      }
    }
    // The runtime makes fresh folders itself (it repeats the RUN): what is copied into them later is the copies' alone.
    if (freshFolders) runWrites.length = written;
    if (asRoot && commands.length > 0 && commands.every(isCompileAll) && !/PYTHONPYCACHEPREFIX/.test(envText)) compileRuns.add(bodyIndex);
    const setup = systemSetup(
      instr,
      commands,
      freshFolders,
      freshFolders ? unmadeFolders(folders ?? [], commands, dir) : [],
      shellSet ? new Map() : setupVars,
    );
    if (!setup.ok) refuse(line, setup.id, { command: setup.word });
    else if (setup.setup) setups.push(setup.setup);
    if (zone.length > 0)
      timezones.push({
        instr,
        commands: zone.map((c) => [c.node.text, outputRedirect(c)?.text ?? ""].join(" ").trim()),
        readsZoneFiles: zone.some((c) => timezoneCommand(c, declared) !== "zoneName"),
      });
  }

  /**
   * `ln [-s] TARGET LINK` whose link lands in the working folder and whose target is a file the build already put
   * in the copy set (a symbolic one read from the link's folder): the resolved link, else null.
   */
  function linkInApp(args: readonly string[], dir: string | null): string | null {
    if (cwd === null || cwd === "/" || dir === null || args.some((a) => a.includes("$"))) return null;
    if (args.some((a) => a.startsWith("-") && !/^-[sfnv]+$|^--(symbolic|force|no-dereference|verbose)$/.test(a))) return null;
    const words = args.filter((a) => !a.startsWith("-"));
    if (words.length < 1 || words.length > 2) return null;
    const target = words[0];
    const named = words[1] ?? ".";
    const into = named.endsWith("/") || named === "." || named === "..";
    const link = resolvePath(dir, into ? posix.join(named, posix.basename(target)) : named);
    const symbolic = args.some((a) => /^-[a-z]*s/.test(a) || a === "--symbolic");
    const from = symbolic ? posix.dirname(link ?? "/") : dir;
    const resolved = resolvePath(from, target);
    if (link === null || resolved === null || !isUnder(link, cwd) || link === cwd) return null;
    return [...copy].some((c) => isUnder(resolved, c)) ? link : null;
  }

  /** The folders a setup RUN gives an owner or mode that only a WORKDIR made (`WORKDIR /app` + `chown node /app`). */
  function unmadeFolders(paths: ReadonlyArray<string | null>, commands: readonly SimpleCommand[], dir: string | null): string[] {
    const made = commands
      .filter((c) => posix.basename(c.name ?? "") === "mkdir")
      .flatMap((c) => c.args.map((w) => w.value).filter((w): w is string => w !== null && !w.startsWith("-")))
      .map((p) => resolvePath(dir, p) ?? p);
    const targets = paths.filter((p): p is string => p !== null).map((p) => resolvePath(dir, p) ?? p);
    return [...new Set(targets.filter((t) => [...workdirMade].some((w) => isUnder(w, t)) && !made.some((m) => isUnder(m, t))))];
  }

  /**
   * pipenv and poetry: into the system site-packages, as pip would, only with `pipenv install|sync --system` and a
   * poetry told not to make a virtualenv (`poetry config virtualenvs.create false`, `POETRY_VIRTUALENVS_CREATE=false`);
   * their own virtualenvs live under the home folder, which the runtime does not copy.
   */
  function projectManagerEffects(name: "pipenv" | "poetry", args: string[], line: number, dir: string | null): void {
    const [verb, ...rest] = args.filter((a) => !a.startsWith("-"));
    if (name === "poetry" && verb === "config") {
      if (rest[0] === "virtualenvs.in-project" && /^(true|1)$/.test(rest[1] ?? "")) poetryInProject = true;
      if (rest[0] === "virtualenvs.create" && /^(false|0)$/.test(rest[1] ?? "")) poetrySystem = true;
      else if (rest[0] !== "virtualenvs.in-project") refuse(line, "unknownCommand", { command: `poetry config ${rest[0] ?? ""}`.trim() });
      // The setting lives in poetry.toml of the project (`--local`) or in the home's config, which a `poetry run`
      // of the image reads again: without it, poetry would make a virtualenv at start.
      if (args.includes("--local")) runWrites.push({ index: bodyIndex, path: dir ?? "/" });
      else if (asRoot && !/POETRY_CONFIG_DIR|XDG_CONFIG_HOME|\bHOME\b/.test(envText)) add(line, "/root/.config/pypoetry");
      else refuse(line, "unknownCommand", { command: "poetry config" });
      return;
    }
    const installs = verb === "install" || verb === "sync";
    const system =
      name === "pipenv" ? args.includes("--system") : poetrySystem || /POETRY_VIRTUALENVS_CREATE[= ]"?(false|0)\b/.test(envText);
    if (!installs) return refuse(line, "unknownCommand", { command: `${name} ${verb ?? ""}`.trim() });
    // In the project's folder (`.venv`), the virtualenv comes with it, as one `python -m venv` made would.
    const inProject =
      name === "poetry" &&
      (poetryInProject || /POETRY_VIRTUALENVS_IN_PROJECT[= ]"?(true|1)\b/.test(envText)) &&
      !/POETRY_VIRTUALENVS_PATH/.test(envText);
    if (!system && inProject && dir !== null && asRoot) {
      const venv = at(line, dir, ".venv");
      venvs.push(venv);
      add(line, venv);
      if (!args.includes("--no-root")) runWrites.push({ index: bodyIndex, path: dir });
      return;
    }
    if (!system || !asRoot) return refuse(line, "managerVirtualenv", { command: `${name} ${verb}` });
    systemPip.push({ line, user: false, home: "/root" });
    // poetry installs the project itself as an editable link to its folder (unless `--no-root`).
    if (name === "poetry" && !args.includes("--no-root")) runWrites.push({ index: bodyIndex, path: dir ?? "/" });
  }

  /**
   * The programs `go install` writes on the golang image: into `$GOPATH/bin` (`/go/bin`), one per main package its
   * patterns match (go-install.ts). Null when anything could move them or change which build (GOBIN, GOPATH,
   * GOOS/GOARCH for a cross build, GOFLAGS, another user, a generator run before), or what lands is not known.
   */
  /**
   * The programs `go build -o FOLDER/ PACKAGES` (`args` from `build`) writes into `folder`: one per main package, named
   * as `go install` names them; none when that cannot be told exactly.
   */
  function goBuilt(args: readonly string[], folder: string, dir: string, text: string): string[] {
    if (goGenerators || /\bGO(OS|ARCH|FLAGS|EXE)\b/.test(`${envText} ${text} ${[...argNames].join(" ")}`)) return [];
    if (runWrites.some((w) => !w.removed && isUnder(w.path, dir) && !goOutputs.has(w.path))) return [];
    const rest = args.slice(1).filter((a, i, all) => a !== "-o" && all[i - 1] !== "-o" && !a.startsWith("-o="));
    const flag = /\bCGO_ENABLED=?\s*"?([01])\b/.exec(`${envText} ${text}`);
    const programs = goInstallPrograms(rest, dir, { context, sources, initialized: goModules, cgo: flag ? flag[1] === "1" : null });
    return "unknown" in programs ? [] : programs.programs.map((p) => posix.join(folder, p));
  }

  function goInstalled(args: readonly string[], dir: string | null, text: string): { programs: string[] } | { unknown: string } {
    // A stage ARG is in the RUN's environment too (`ARG GOBIN=/opt/bin`; red team 22 m3).
    const moved = /\bGO(BIN|PATH|OS|ARCH|FLAGS)\b/.exec(`${envText} ${text} ${[...argNames].join(" ")}`);
    if (baseWorkdir !== "/go") return { unknown: "the base image's GOPATH is not known" };
    if (dir === null) return { unknown: "it runs in the base image's working folder" };
    if (moved) return { unknown: `\`${moved[0]}\` is set, which may move or change them` };
    if (!asRoot) return { unknown: "it runs as another user than root, who owns them" };
    if (goGenerators) return { unknown: "a generator ran before it (`go generate`, `go run`), which may have written Go files" };
    const wrote = runWrites.find((w) => !w.removed && isUnder(w.path, dir) && !goOutputs.has(w.path));
    if (wrote) return { unknown: `a step wrote \`${wrote.path}\` into its folder before it, which may hold Go files` };
    const flag = /\bCGO_ENABLED=?\s*"?([01])\b/.exec(`${envText} ${text}`);
    const programs = goInstallPrograms(args.slice(1), dir, {
      context,
      sources,
      initialized: goModules,
      cgo: flag ? flag[1] === "1" : null,
    });
    return "unknown" in programs ? programs : { programs: programs.programs.map((p) => `/go/bin/${p}`) };
  }

  /** HOME is declared but not known literally: a build argument (`ARG HOME=/opt/home`) or an ENV made of variables. */
  function homeUnknown(): boolean {
    return declared.has("HOME") && !env.has("HOME");
  }

  /**
   * An install outside a venv writes where the interpreter says; known: root's default places, and the `.local`
   * of a user the stage created (`pip install --user` after `USER app`), which keeps its owner.
   */
  function systemInstall(args: readonly string[], elsewhere: boolean, line: number, setupPy?: string): void {
    const user = args.includes("--user");
    // `--user` writes under $HOME/.local: the stage's HOME (`ENV HOME=/opt/home`) when it sets one, unknown when a
    // build argument or the RUN itself sets it (red team 22 F13).
    if (user && (homeUnknown() || /(^|[^\w$])HOME=/.test(runText)))
      refuse(line, setupPy === undefined ? "pipUserHome" : "systemSetupPy", setupPy === undefined ? {} : { command: setupPy });
    const home = asRoot ? (env.get("HOME") ?? "/root") : user && userName !== null ? (env.get("HOME") ?? homes.get(userName)) : undefined;
    // The locations set where the RUN sees them but no ENV says (`ARG PIP_TARGET=…`, `PIP_TARGET=… pip`, `export
    // PYTHONUSERBASE=…`) are unknown here too (red team 22 F14).
    const moved = /^(PIP_(TARGET|PREFIX|ROOT|USER)|PYTHONUSERBASE)$/;
    const elsewhereByRun =
      [...argNames].some((n) => moved.test(n)) || /(?:^|[^\w$])(?:PIP_(?:TARGET|PREFIX|ROOT|USER)|PYTHONUSERBASE)=/.test(runText);
    if (home === undefined || elsewhere || elsewhereByRun || /PIP_(TARGET|PREFIX|ROOT|USER)\b|PYTHONUSERBASE/.test(envText))
      refuse(line, setupPy === undefined ? "systemPip" : "systemSetupPy", setupPy === undefined ? {} : { command: setupPy });
    else if (!asRoot) owners.set(`${home}/.local`, `${userName}:`);
    systemPip.push({ line, user, home: home ?? "/root" });
  }

  function pythonEffects(path: string, name: string, args: string[], line: number, dir: string | null): void {
    const venvOf = (p: string) => venvs.find((v) => isUnder(resolvePath(dir, p) ?? p, v));
    const m = args[0] === "-m" ? args[1] : null;
    if (m === "venv") {
      const target = args.slice(2).filter((a) => !a.startsWith("-"))[0];
      if (!target) refuse(line, "unknownCommand", { command: `${name} -m venv` });
      const venv = at(line, dir, target);
      venvs.push(venv);
      add(line, venv);
      return;
    }
    // `pip config set global.target /opt/deps` (also `--user`, `--global`, `--site`): pip's own configuration.
    const pipArgs = name.startsWith("pip") ? args : m === "pip" ? args.slice(2) : [];
    const configVerb = pipArgs[0] === "config" ? pipArgs.slice(1).find((a) => !a.startsWith("-")) : undefined;
    if (configVerb !== undefined && pipConfig === null && /^(set|unset|edit)$/.test(configVerb)) {
      const key = pipArgs[pipArgs.indexOf(configVerb) + 1] ?? "";
      if (configVerb === "edit" || PIP_LOCATION_KEYS.test(`${key.replace(/^[\w-]+\./, "")}=`))
        pipConfig = { line, evidence: `\`${[name, ...args].join(" ")}\`` };
    }
    const pipInstall = (name.startsWith("pip") && args[0] === "install") || (m === "pip" && args[2] === "install");
    if (pipInstall && pipConfig !== null) refuse(line, "pipConfigLocation", { evidence: pipConfig.evidence, line: String(pipConfig.line) });
    if (pipInstall) {
      const active = venvOf(path) ?? venvs.find((v) => pathText.includes(`${v}/bin`));
      const elsewhere = args.some((a) => /^(-t|--target|--prefix|--root|--home)(=|$)/.test(a));
      // A local project (`pip install .`, `-e ./pkg`) may leave build files or an editable link in its folder.
      const local = args.slice(m === "pip" ? 3 : 1).filter((x) => x === "-e" || x === "--editable" || /^[./]/.test(x));
      // So may one its requirements files name; a file the context does not show may name one too.
      const readAt = (p: string) => {
        const src = contextSource(resolvePath(dir, p) ?? p, sources);
        return src === null ? null : context.read(src);
      };
      const listed = requirementFiles(args).map((f) => namesLocalProject(f, readAt));
      if (local.length > 0 || listed.some((x) => x !== false)) runWrites.push({ index: bodyIndex, path: dir ?? "/" });
      // A project outside the working folder (`-e /opt/libs/x`) gets its build files and egg-info there.
      const words = args.slice(m === "pip" ? 3 : 1);
      // An absolute project path, not the value of another option (`-r /req.txt`, `--target /opt/deps`).
      const projectWord = (x: string, i: number) =>
        x.startsWith("/") && (i === 0 || !words[i - 1].startsWith("-") || /^(-e|--editable)$/.test(words[i - 1]));
      const outside = [...words.filter(projectWord), ...requirementFiles(args).flatMap((f) => absoluteLocalProjects(f, readAt))];
      for (const p of outside) runWrites.push({ index: bodyIndex, path: p.replace(/\/+$/, "") || "/" });
      // The console scripts of a local project land in the venv's bin, found by name where PATH names it.
      if (active && !args.includes("--user") && !elsewhere)
        for (const project of local.filter((x) => /^[./]/.test(x))) {
          const src = contextSource(resolvePath(dir, project) ?? project, sources);
          if (src === null) continue;
          for (const script of localConsoleScripts((f) => context.read(posix.join(src, f)))) venvScripts.set(script, active);
        }
      if (active && !args.includes("--user")) return;
      // `--target DIR`: the packages and their commands land in DIR alone, which the runtime copies like a venv.
      const target = pipTarget(args);
      if (target !== null && !args.some((a) => /^(--prefix|--root|--home|--user)(=|$)/.test(a))) {
        add(line, at(line, dir, target));
        return;
      }
      systemInstall(args, elsewhere, line);
      return;
    }
    // `python setup.py install|develop` installs the project into the interpreter's site-packages as pip would
    // (develop: a link back to the project's folder), and leaves build/ and the egg-info in the project's.
    const script = args.find((x) => !x.startsWith("-"));
    const commands = script === undefined ? [] : args.slice(args.indexOf(script) + 1).filter((x) => !x.startsWith("-"));
    if (script !== undefined && posix.basename(script) === "setup.py" && commands.some((c) => c === "install" || c === "develop")) {
      runWrites.push({ index: bodyIndex, path: posix.dirname(at(line, dir, script)) });
      add(line, posix.dirname(at(line, dir, script)));
      const active = venvOf(path) ?? venvs.find((v) => pathText.includes(`${v}/bin`));
      if (active && !args.includes("--user")) return;
      const elsewhere = args.some((x) => /^--(prefix|root|home|install-[\w-]+)(=|$)/.test(x));
      systemInstall(args, elsewhere, line, [name, ...args].join(" "));
      return;
    }
    // compileall writes __pycache__ next to the sources it is given (here, the working folder's).
    if (m === "compileall")
      for (const path of [dir ?? "/", ...compileOperands(args).map((x) => resolvePath(dir, x) ?? "/")])
        runWrites.push({ index: bodyIndex, path });
    if (m === "compileall" || m === "pip") return;
    add(line, dir ?? refuse(line, "noWorkdir", { path: name }));
  }

  const workdir: string | null = cwd;
  // A copy creates its destination folder anew, root's with mode 755 (it takes the files' modes and owners, not
  // the folder's): a mode or owner given to the working folder (or a parent) after files were in it is lost.
  const lost = workdir === null ? undefined : modes.find((m) => isUnder(workdir, m.path));
  // `chmod -R 755 /app` leaves the folder as a copy makes it; what it changes is the modes of the files already there.
  const filesOnly = lost?.change === "chmod" && /^0?755$/.test(lost.value);
  if (lost)
    refuse(lost.line, filesOnly ? "filesMode" : "folderMode", {
      command: lost.command.replace(/\\\r?\n[ \t]*/g, " "),
      path: lost.path,
    });
  const copyPaths = outermost(copy);
  // Programs are looked up in the venvs and node_modules/.bin the ENV PATH names; npm scripts also find node_modules/.bin.
  const modulesBin = workdir ? [`${workdir === "/" ? "" : workdir}/node_modules/.bin`] : [];
  const searchPath = [...venvs.map((v) => `${v}/bin`), ...modulesBin].filter((d) => pathText.includes(d));
  const bins = dependencyBins(context, workdir, sources);
  for (const [name, path] of goBuildBins) {
    const folder = posix.dirname(path).replace(/[.+^${}()|[\]\\]/g, "\\$&");
    if (!goBins.has(name) && new RegExp(`(^|[\\s=:"])${folder}/?([\\s:"]|$)`).test(pathText)) goBins.set(name, path);
  }
  const inputs = {
    workdir,
    copyPaths,
    sources,
    context,
    searchPath,
    scriptPath: modulesBin,
    knownBins: new Set([...bins.keys(), ...[...venvScripts].filter(([, venv]) => searchPath.includes(`${venv}/bin`)).map(([n]) => n)]),
    installed: goBins,
  };
  const direct = entryPrograms(df, stage, inputs);
  const scripted = [...direct, ...scriptPrograms(direct, inputs)];
  // A daemon the entry starts (cron, supervisord) runs the commands of its files at run time, as the entry would.
  const daemons = daemonCommands(stage, scripted, sources, context);
  if (daemons.unknown) refuse(daemons.unknown.line, "daemonCommandsUnknown", { daemon: daemons.unknown.daemon, how: daemons.unknown.how });
  const starter = stage.body.find((i) => i.line === daemonStart(scripted)?.line);
  const unfollowed = daemons.unfollowed;
  if (starter && unfollowed)
    refuse(starter.line, unfollowed.why === "cd" ? "daemonCommandCd" : "daemonCommandExpansion", {
      command: unfollowed.command,
      word: unfollowed.word,
    });
  const jobs = starter ? daemons.commands.flatMap((command) => shellPrograms(starter, "script", command, inputs)) : [];
  const entry = [...scripted, ...jobs, ...scriptPrograms(jobs, inputs)];
  for (const e of unparsedScripts(entry, inputs)) refuse(e.line, "entryScriptUnparsed", { script: e.artifact ?? e.name });
  for (const tool of goTools) {
    const run = tool.names.find((n) => entry.some((e) => posix.basename(e.name) === n || posix.basename(e.artifact ?? "") === n));
    const named = run ?? [...mentionedCommands(context, tool.names).keys()][0];
    if (named !== undefined) refuse(tool.line, "globalInstall", { command: tool.command });
  }
  const computed = entry.find((e) => e.computed);
  if (computed) refuse(computed.line, "entryCommandComputed", { command: computed.name.trim(), word: computed.computed ?? "" });
  const unread = entry.find((e) => e.unread);
  if (unread)
    refuse(unread.line, unread.unread === "cd" ? "entryShellFileAfterCd" : "entryShellFileComputed", {
      script: unread.unreadIn ?? "",
      file: unread.name,
    });
  return {
    stage,
    lastBuild,
    copyPaths,
    unmatchedCopies,
    apt,
    buildCommands,
    venvs,
    systemPip,
    entry,
    workdir,
    cwdAt,
    sources,
    globalInstalls,
    projectInstalls,
    knownValues,
    argBranches,
    owners,
    setup: setups,
    timezones,
    argPaths,
    rootWrite,
    baseDirWrite,
    runWrites,
    baseRemovals,
    compileRuns,
    bins,
    folderModes: modes.filter((m) => madeFolders.has(m.path)),
    programLinks,
  };
}

/** Folders of programs on every image's PATH. */
const PROGRAM_DIRS = new Set(["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/usr/local/sbin", "/sbin"]);

/**
 * `ln -s[f] TARGET LINK` with the link in a program folder and the target a program there (`python3`,
 * `/usr/bin/python3`): the link and the program's name, else null.
 */
function programLink(args: readonly string[]): { link: string; program: string } | null {
  if (args.some((a) => a.includes("$"))) return null;
  if (!args.some((a) => /^-[fn]*s[fn]*$/.test(a) || a === "--symbolic")) return null;
  if (args.some((a) => a.startsWith("-") && !/^-[sfn]+$|^--(symbolic|force|no-dereference)$/.test(a))) return null;
  const words = args.filter((a) => !a.startsWith("-"));
  if (words.length !== 2 || !words[1].startsWith("/") || words[1].endsWith("/")) return null;
  const [target, link] = [words[0], posix.normalize(words[1])];
  const bare = /^[\w.+-]+$/.test(target);
  if (
    !PROGRAM_DIRS.has(posix.dirname(link)) ||
    !(bare || (target.startsWith("/") && PROGRAM_DIRS.has(posix.dirname(posix.normalize(target)))))
  )
    return null;
  return { link, program: posix.basename(target) };
}

/** The command `env` runs (its first word that is no option, option value or `NAME=value`), or null when it only prints. */
function envCommand(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-u" || a === "--unset" || a === "-C" || a === "--chdir" || a === "-S" || a === "--split-string") {
      // `-S` makes one string several words: what it runs is the string's first word.
      if (a === "-S" || a === "--split-string") return args[i + 1]?.split(/\s+/)[0] ?? null;
      i++;
    } else if (a === "--") return args[i + 1] ?? null;
    else if (!a.startsWith("-") && !/^[A-Za-z_]\w*=/.test(a)) return a;
  }
  return null;
}

/** An exec-form RUN's words as a shell script that runs them alike (single-quoted: nothing expands). */
function execAsScript(words: readonly string[]): ReturnType<typeof parseRun> {
  if (words.length === 0) return { ok: false, reason: "its exec form names no program" };
  const script = parseShell(words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" "));
  return script.ok ? { ok: true, script } : { ok: false, reason: "its exec form cannot be read" };
}

/** The file `npm config set` writes, when the Dockerfile shows where it is (root's home, the node image's prefix). */
function npmConfigFile(args: readonly string[], asRoot: boolean, envText: string): string | null {
  if (!asRoot || /\b(NPM_CONFIG_(USER|GLOBAL)CONFIG|NPM_CONFIG_PREFIX|HOME)\b/i.test(envText)) return null;
  if (globalFlag(args)) return "/usr/local/etc/npmrc";
  return args.some((a) => a.startsWith("--location")) ? null : "/root/.npmrc";
}

/** npm's flags for the global prefix: `-g`, `--global`, `--location=global` (or `--location global`). */
export function globalFlag(args: readonly string[]): boolean {
  return args.some(
    (a, i) => a === "-g" || a === "--global" || a === "--location=global" || (a === "--location" && args[i + 1] === "global"),
  );
}

function isGlobalInstall(name: string, args: readonly string[]): boolean {
  const operands = args.filter((a) => !a.startsWith("-"));
  if (name === "yarn") return operands[0] === "global" && operands[1] === "add";
  return globalFlag(args) && INSTALL_WORDS.has(operands.filter((o) => o !== "global")[0] ?? "");
}

/** `npm ci`, `npm install` / `yarn` / `pnpm install` without package names: the project's own dependencies. */
/** Options of npm, yarn and pnpm whose value may be the next word (`--omit optional`, `--network-timeout 600000`). */
const MANAGER_VALUE_OPTIONS = new Set(
  (
    "--omit --include --registry --cache --prefix -w --workspace --loglevel --install-strategy --userconfig --tag " +
    "--fetch-timeout --fetch-retries --network-timeout --cache-folder --modules-folder --mutex --filter -F " +
    "--reporter --store-dir --dir -C --network-concurrency --child-concurrency"
  ).split(" "),
);

/** A package manager's words that are not options or their values. */
export function managerOperands(args: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith("-") && !(i > 0 && MANAGER_VALUE_OPTIONS.has(args[i - 1])));
}

export function isProjectInstall(name: string, operands: readonly string[]): boolean {
  if (name === "yarn") return operands.length === 0 || (operands[0] === "install" && operands.length === 1);
  if (name === "pnpm") return (operands[0] === "install" || operands[0] === "i") && operands.length === 1;
  return operands[0] === "ci" || ((operands[0] === "install" || operands[0] === "i") && operands.length === 1);
}

/**
 * Commands the project's dependencies put in node_modules/.bin (see bins.ts) and the names of the Python
 * requirements (requirements*.txt): the commands they are known to provide.
 */
function dependencyBins(context: BuildContext, workdir: string | null, sources: ReadonlyMap<string, string>): Map<string, string> {
  const manifest = workdir === null ? null : contextSource(`${workdir === "/" ? "" : workdir}/package.json`, sources);
  const bins = binPackages(context, manifest);
  for (const file of context.list(".").filter((f) => /^requirements.*\.txt$/.test(f))) {
    for (const m of (context.read(file) ?? "").matchAll(/^\s*([A-Za-z0-9][\w.-]*)/gm)) bins.set(m[1].toLowerCase(), m[1]);
  }
  return bins;
}

/**
 * The paths a RUN of only folder commands (`mkdir`, `chown`, `chmod`) and system setup (users, apk) names, or
 * null when it does anything else. A path is null when a word is computed.
 */
function folderSetupPaths(commands: readonly SimpleCommand[]): Array<string | null> | null {
  const paths: Array<string | null> = [];
  for (const cmd of commands) {
    const name = posix.basename(cmd.name ?? "");
    if (isSetupCommand(name)) continue;
    if (!FOLDER_COMMANDS.has(name)) return null;
    const words = cmd.args.map((a) => a.value);
    const operands: Array<string | null> = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === null) operands.push(null);
      else if (name === "mkdir" && (w === "-m" || w === "--mode")) i++;
      else if (w.startsWith("--reference")) return null;
      else if (!w.startsWith("-")) operands.push(w);
    }
    paths.push(...(name === "mkdir" ? operands : operands.slice(1)));
  }
  return paths.length > 0 ? paths : null;
}

/** The mode `mkdir -m MODE`, `--mode=MODE` or `-mMODE` gives, or null. */
function mkdirMode(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-m" || args[i] === "--mode") return args[i + 1] ?? null;
    const joined = /^(?:--mode=|-m)(.+)$/.exec(args[i]);
    if (joined) return joined[1];
  }
  return null;
}

/** Where APT reads its sources, keys and settings. */
const APT_CONFIG = ["/etc/apt", "/usr/share/keyrings"];

const MANIFEST_SAMPLES = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "requirements.txt",
  "Pipfile.lock",
  "poetry.lock",
  "go.sum",
  "Cargo.lock",
  "Gemfile.lock",
  "composer.lock",
];

/**
 * A pattern (`*.env`, `config/*.json`) whose folder holds no match in the context; literal paths, `**` and
 * patterns of install manifests are not asked.
 */
function matchesNothing(context: BuildContext, source: string): boolean {
  const path = posix.normalize(source).replace(/^\/+/, "");
  const name = posix.basename(path);
  const dir = posix.dirname(path);
  if (!/[*?[]/.test(name) || /[*?[]/.test(dir)) return false;
  const matches = globMatcher(name);
  return !MANIFEST_SAMPLES.some(matches) && !context.list(dir === "." ? "" : dir).some(matches);
}

/** The folder `-t DIR`, `-tDIR`, `-rt DIR` or `--target-directory[=]DIR` names, and the operand word it took, if any. */
function targetDirectory(args: readonly string[]): { dir: string; operand: string | null } | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return null;
    const long = /^--target-directory(?:=(.*))?$/.exec(a);
    if (long)
      return long[1] !== undefined ? { dir: long[1], operand: null } : args[i + 1] ? { dir: args[i + 1], operand: args[i + 1] } : null;
    const short = /^-[a-zA-Z]*t(.*)$/.exec(a);
    if (short && !a.startsWith("--"))
      return short[1] !== "" ? { dir: short[1], operand: null } : args[i + 1] ? { dir: args[i + 1], operand: args[i + 1] } : null;
  }
  return null;
}
