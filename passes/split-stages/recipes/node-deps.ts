// The `deps` stage of the layered Node plan: the steps before the install that it needs, the manifests,
// and a production install. It reads no sources, so a source edit does not re-run it.
import { posix } from "node:path";
import { isUnder } from "../paths.js";
import type { BuildContext } from "../../../src/core/context.js";
import { globMatcher } from "../../../src/core/glob.js";
import { copyOperands } from "../../../src/core/instructions.js";
import { type ImageRef, instruction, type Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis, ProjectInstall } from "../analysis.js";
import { knownAddon } from "../closure/native.js";
import { devDependencyUse } from "../closure/node-entry.js";
import type { NodeProject } from "../closure/node-project.js";
import type { RecipeOptions } from "./types.js";
import { workspaceCopies } from "./node-workspaces.js";
import { BERRY_CACHE, berryInstall } from "./node-berry.js";
import { installFiles } from "./node-install-files.js";
import { type DepsFiles, depsInstallRun, namedBeforeInstall, replayable, touchesManifests } from "./node-install-run.js";
import type { NotLayered } from "./node-layered.js";
import { notifierStamp } from "./node-user-home.js";

const MANIFEST =
  /^(\.\/)?(package\*?\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?)$/;
const CACHE: Readonly<Record<ProjectInstall["tool"], string>> = {
  npm: "/root/.npm",
  yarn: "/usr/local/share/.cache/yarn",
  pnpm: "/root/.local/share/pnpm/store",
};
/**
 * Options of the original install that the production install must not repeat: it sets its own choice of
 * devDependencies and lockfile check. Every other option stays, above all those that leave packages out
 * (`--omit=optional`, `--omit=peer`, `--no-optional`, `--ignore-optional`): the runtime must not get them back.
 */
const DROPPED_OPTIONS =
  /^(--production(=.*)?|--prod|-P|--dev|-D|--omit=dev|--include=dev|--also=.*|--only=.*|--frozen-lockfile(=.*)?|--immutable)$/;

const notLayered = (why: string): NotLayered => ({ notLayered: why });

/** Options of an install that bring devDependencies back where NODE_ENV=production would leave them out. */
const INCLUDES_DEV = /^(--include=dev|--production=false|--prod=false|--also=dev(elopment)?|--dev|-D)$/;

export interface DepsStage {
  readonly body: readonly Instruction[];
  /** The production install (the RUN around it may hold the original's setup commands too). */
  readonly command: string;
  /** The non-root user the install ran as, if any. */
  readonly user: string | null;
  readonly dev: ReturnType<typeof devDependencyUse>;
  /** Lines of the OS-package RUNs left out: the install needs nothing they bring. */
  readonly leftOut: readonly number[];
  /** The package manager's cache folder the install has on a cache mount, if any. */
  readonly cache: string | null;
}

/**
 * The deps stage: the steps before the install that do not read sources, then the manifests (and the steps that
 * read them) and the install's RUN; or why the build does not fit.
 */
export function depsStage(
  a: Analysis,
  context: BuildContext,
  project: NodeProject,
  install: ProjectInstall,
  options: RecipeOptions,
  workspaceDirs: readonly string[] = [],
  /** The project's own install scripts the deps stage removes from its package.json first (git-hook installers). */
  dropScripts: readonly string[] = [],
): DepsStage | NotLayered {
  const body = a.stage.body;
  const depsBody: Instruction[] = [];
  let sawSources = false;
  let user: string | null = null;
  // An original install that leaves devDependencies out gave the image none: the deps stage leaves them out too.
  const dev = originalOmitsDev(a, install) ? ({ keep: false } as const) : devDependencyUse(a, project, context, options.buildOnlyDevDeps);
  const osNeeded = installNeedsOs(project, dev.keep);
  const leftOut: number[] = [];
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const manifests = ["package.json", ...(project.lockfile ? [posix.basename(project.lockfile)] : [])];
  // `.yarnclean`: Yarn classic cleans node_modules by it during the install.
  for (const extra of [".npmrc", ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml", ".yarnclean"])
    if (context.exists(at(extra))) manifests.push(extra);
  // Patches and hooks the install reads (the layered plan is not taken when they cannot be told): each
  // keeps its folder, so those in a subfolder come in a COPY per folder.
  const reads = installFiles(project, context);
  const copied = [...manifests, ...(reads.ok ? reads.files : [])];
  // Besides those, a file of the context a setup command reads (`cp .npmrc.docker .npmrc`), when a COPY before the
  // install brought it as it did for the original.
  const files: DepsFiles = {
    workdir: a.workdir ?? "/",
    copied,
    has: (file) =>
      copied.includes(file) ||
      (context.exists(at(file)) &&
        body.slice(0, install.index).some((i) => {
          const operands = copyOperands(i);
          return operands !== null && !i.flags.some((f) => f.name === "from") && operands.sources.some((s) => bringsFile(s, at(file)));
        })),
  };
  // RUNs that read or edit the manifests (`npm pkg set`, a written `.npmrc`) follow the deps stage's copy of them.
  const afterManifests: Instruction[] = [];
  for (const instr of body.slice(0, install.index)) {
    if (instr.keyword === "COPY" || instr.keyword === "ADD") {
      // A file put outside the project (`COPY npmrc /root/.npmrc`, a CA certificate) may set up the install: repeated.
      if (outsideProject(a, instr)) depsBody.push({ ...instr, leading: "" });
      else if (!manifestOnly(instr)) sawSources = true;
    } else if (instr.keyword === "RUN") {
      const global = a.globalInstalls.find((g) => g.instr === instr);
      // The package manager itself (`npm install -g npm@9`, pnpm, yarn) sets up the install: replayed before it.
      const managerCli = global?.packages.some((p) => /^(npm|pnpm|yarn)(@|$)/.test(p));
      // A global install of named packages reads no sources: it may follow `COPY . .`.
      if (global?.alone && !managerCli) continue;
      // The package manager installed alone after the sources reads none of them, unless a project config file
      // (`.npmrc`, `.yarnrc`) there points npm elsewhere: the deps stage replays it before its manifests.
      const configFree = [".npmrc", ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml"].every((f) => !context.exists(at(f)));
      if (sawSources && !(global?.alone && managerCli && configFree))
        return notLayered("a step before the install needs the sources the context copies before it");
      if (!osNeeded && aptOnly(instr)) {
        leftOut.push(instr.line);
        continue;
      }
      if (touchesManifests(instr, copied)) {
        const replay = replayable(instr, files);
        if (!replay.ok)
          return notLayered(
            `the RUN on line ${instr.line} reads the manifests and runs \`${replay.command}\`, which a stage with only the manifests cannot be shown to run`,
          );
        afterManifests.push({ ...instr, leading: "" });
        for (const file of replay.reads) if (!copied.includes(file)) copied.push(file);
      } else depsBody.push({ ...instr, leading: "" });
    } else if (["ARG", "ENV", "WORKDIR", "USER", "SHELL"].includes(instr.keyword)) {
      // A moved RUN runs as the install's user in the install's folder: it must have run so in the original too.
      if (afterManifests.length > 0 && ["WORKDIR", "USER", "SHELL"].includes(instr.keyword))
        return notLayered(
          `the RUN on line ${afterManifests[0].line} reads the manifests before a \`${instr.keyword}\` that the install follows`,
        );
      depsBody.push({ ...instr, leading: "" });
      if (instr.keyword === "USER") user = instr.args.trim();
    }
  }
  if (user === "root" || user === "0") user = null;
  const installRun = body[install.index];
  const berry = project.manager === "yarn-berry";
  const unhook = dropScripts.length > 0 ? `npm pkg delete ${dropScripts.map((n) => `scripts.${n}`).join(" ")} && ` : "";
  const command = berry ? berryInstall(dev.keep) : productionInstall(install, project, dev.keep, a.stage.base);
  // The download cache only, where the runtime takes npm's update-notifier stamp from beside it (`~/.npm`).
  const cache = berry ? BERRY_CACHE : notifierStamp(a, install, user) ? `${CACHE.npm}/_cacache` : CACHE[install.tool];
  const cacheMount = options.cacheMounts && user === null ? { name: "mount", value: `type=cache,target=${cache}` } : null;
  // The install's RUN as the original ran it: its setup commands around the install, its mounts.
  const run = depsInstallRun(installRun, install, unhook + command, {
    files,
    cache: cacheMount,
    osNeeded,
    values: a.knownValues.get(install.index),
  });
  if (!run.ok) return notLayered(run.why);
  if (run.osLeftOut) leftOut.push(installRun.line);
  for (const file of run.reads) if (!copied.includes(file)) copied.push(file);
  const readsByFolder = new Map<string, string[]>();
  for (const file of copied.slice(manifests.length)) {
    if (posix.dirname(file) === ".") manifests.push(file);
    else readsByFolder.set(posix.dirname(file), [...(readsByFolder.get(posix.dirname(file)) ?? []), file]);
  }
  // The manifests keep the owner the install saw (`COPY --chown=node:node . .` before `USER node` and `npm
  // install`, which rewrites the lockfile): a root-owned copy would stop a non-root install.
  const owner = manifestOwner(a, at("package.json"), install);
  depsBody.push(
    instruction("COPY", `${manifests.map(at).join(" ")} ./`, {
      line: installRun.line,
      flags: owner ? [{ name: "chown", value: owner }] : [],
    }),
    ...[...readsByFolder].map(([folder, files]) =>
      instruction("COPY", `${files.map(at).join(" ")} ./${folder}/`, {
        line: installRun.line,
        flags: owner ? [{ name: "chown", value: owner }] : [],
      }),
    ),
    // Folders of package tarballs (an offline mirror) keep their name: each in a COPY of its own.
    ...(reads.ok ? reads.folders : []).map((folder) =>
      instruction("COPY", `${at(folder)} ./${folder}/`, { line: installRun.line, flags: owner ? [{ name: "chown", value: owner }] : [] }),
    ),
    ...workspaceCopies(workspaceDirs, project, installRun.line),
    ...afterManifests,
    instruction("RUN", run.command, { flags: run.flags, line: installRun.line }),
  );
  const ownCache = cacheMount !== null && run.flags.includes(cacheMount);
  return { body: depsBody, command: unhook + command, user, dev, leftOut, cache: ownCache ? cache : null };
}

/**
 * Does the install need OS packages the build adds? When a package it installs builds native code (or the
 * lockfile does not say: yarn classic, none, devDependencies kept), or a dependency comes from git.
 */
function installNeedsOs(project: NodeProject, keepDev: boolean): boolean {
  const specs = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies, ...(keepDev ? project.pkg.devDependencies : {}) };
  const fromGit = Object.values(specs).some((v) => /^(git\+|git:|github:|gitlab:|bitbucket:)|\.git(#|$)|^[\w.-]+\/[\w.-]+(#.*)?$/.test(v));
  const locked = project.prodPackages;
  return keepDev || fromGit || locked === null || project.manager !== "npm" || locked.some((p) => p.builds || knownAddon(p.name));
}

/** A RUN that only installs OS packages (apt-get update/install/clean, removing the package lists). */
function aptOnly(instr: Instruction): boolean {
  if (instr.exec || instr.heredocs.length > 0) return false;
  const parsed = parseShell(joinContinuations(instr.args));
  if (!parsed.ok) return false;
  const commands = simpleCommands(parsed);
  return (
    commands.length > 0 &&
    commands.every((c) => {
      // `rm -rf /var/lib/apt/lists/*` holds a glob: its text is what it names.
      const args = c.args.map((w) => w.value ?? (c.name === "rm" ? w.text : null));
      if (args.some((w) => w === null)) return false;
      if (c.name === "apt-get" || c.name === "apt")
        return /^(update|install|clean|autoclean|dist-clean)$/.test(args.find((w) => !w?.startsWith("-")) ?? "");
      if (c.name === "rm") return args.every((w) => w?.startsWith("-") || /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(w ?? ""));
      return c.name === "echo" || c.name === "true";
    })
  );
}

/** A COPY of literal context files to an absolute place outside the working folder. */
function outsideProject(a: Analysis, instr: Instruction): boolean {
  const operands = copyOperands(instr);
  if (!operands || instr.flags.some((f) => f.name === "from") || /\$/.test(instr.args) || a.workdir === null) return false;
  return (
    operands.dest.startsWith("/") && !isUnder(operands.dest, a.workdir) && !isUnder(a.workdir, operands.dest.replace(/\/+$/, "") || "/")
  );
}

export function manifestOnly(instr: Instruction): boolean {
  const words = instr.exec ?? instr.args.trim().split(/\s+/);
  return words.length >= 2 && words.slice(0, -1).every((w) => MANIFEST.test(posix.basename(w)) && !w.includes("$"));
}

/** Node.js 14 and older ship npm 6, which has no `--omit` (it would install devDependencies anyway). */
const NPM6_CODENAMES = /^(argon|boron|carbon|dubnium|erbium|fermium)\b/;
function npm6(base: ImageRef): boolean {
  const tag = base.tag ?? "";
  const major = /^(\d+)/.exec(tag)?.[1];
  return major !== undefined ? Number(major) <= 14 : NPM6_CODENAMES.test(tag);
}

function productionInstall(install: ProjectInstall, project: NodeProject, keepDev: boolean, base: ImageRef): string {
  const options = installOptions(install.args);
  // Kept devDependencies install as the original did: its option that brings them back overrides NODE_ENV=production.
  const flags = options.filter((o) => !DROPPED_OPTIONS.test(o) || (keepDev && INCLUDES_DEV.test(o)));
  const frozen = options.some((o) => /^--frozen-lockfile(=true)?$/.test(o));
  const verb = install.args.find((w) => !w.startsWith("-")) ?? "install";
  const words =
    install.tool === "npm"
      ? ["npm", verb === "ci" && project.lockfile ? "ci" : "install", ...(keepDev ? [] : [npm6(base) ? "--production" : "--omit=dev"])]
      : install.tool === "yarn"
        ? ["yarn", "install", ...(keepDev ? [] : ["--production"]), ...(frozen ? ["--frozen-lockfile"] : [])]
        : ["pnpm", "install", ...(keepDev ? [] : ["--prod"]), ...(frozen ? ["--frozen-lockfile"] : [])];
  return [...words, ...flags].join(" ");
}

/**
 * Whether the original install surely left devDependencies out: by an option (`--omit=dev`, `--production`, `--prod`,
 * `--only=prod`), or by a literal `ENV NODE_ENV=production` (the last one before the install), which npm, yarn and
 * pnpm all read, unless the install brings them back (`--include=dev`, `--production=false`, `NODE_ENV=… npm ci`).
 * An ARG's default is not evidence: `--build-arg NODE_ENV=development` changes it.
 */
function originalOmitsDev(a: Analysis, install: ProjectInstall): boolean {
  const options = installOptions(install.args);
  if (options.some((o) => INCLUDES_DEV.test(o))) return false;
  const run = a.stage.body[install.index];
  // The install's own environment or npm's config variables decide instead.
  if (/\bNODE_ENV=|\b(npm_config|NPM_CONFIG)_(production|omit|include|only|also)\b/.test(run.args)) return false;
  if (options.some((o) => /^(--omit=dev|--production(=true)?|--prod|-P|--only=prod(uction)?)$/.test(o))) return true;
  const envs = a.stage.body.slice(0, install.index).filter((i) => i.keyword === "ENV");
  if (envs.some((i) => /\b(npm_config|NPM_CONFIG)_/.test(i.args))) return false;
  const last = envs.filter((i) => /(^|\s)NODE_ENV(=|\s)/.test(i.args)).at(-1);
  return (
    last !== undefined && (/(^|\s)NODE_ENV=("?)production\2(\s|$)/.test(last.args) || /^\s*NODE_ENV\s+"?production"?\s*$/.test(last.args))
  );
}

/** The options of the original install that leave out optional or peer dependencies: a prune must keep them out too. */
export function omittingOptions(install: ProjectInstall | undefined): string[] {
  return installOptions(install?.args ?? []).filter((o) => /^(--(omit|include)=(optional|peer)|--no-optional|--ignore-optional)$/.test(o));
}

/**
 * The options of a project install, each with its value in one word: `npm ci --omit optional` gives
 * `--omit=optional`. A project install names no packages, so a word after its verb that is not an option is
 * the value of the option before it.
 */
export function installOptions(args: readonly string[]): string[] {
  const verb = args.findIndex((w) => !w.startsWith("-"));
  const options: string[] = [];
  args.forEach((word, i) => {
    const last = options.length - 1;
    if (word.startsWith("-")) options.push(word);
    else if (i !== verb && last >= 0 && !options[last].includes("=")) options[last] = `${options[last]}=${word}`;
  });
  return options;
}

/**
 * Did the original install read the lockfile? Only when a COPY before it brought the file (by name, a glob or
 * a folder holding it). "unknown" when a RUN before the install names it (`rm yarn.lock`, a move): the deps
 * stage must then not guess which versions the original resolved.
 */
/** The `--chown` of the last COPY before the install that brought `file` (a context path), or null. */
function manifestOwner(a: Analysis, file: string, install: ProjectInstall): string | null {
  let owner: string | null = null;
  for (const instr of a.stage.body.slice(0, install.index)) {
    const operands = copyOperands(instr);
    if (!operands || instr.flags.some((f) => f.name === "from")) continue;
    if (operands.sources.some((source) => bringsFile(source, file))) owner = instr.flags.find((f) => f.name === "chown")?.value ?? null;
  }
  return owner;
}

/** Does a COPY source (a file, a folder, a glob) bring the context file `file`? */
function bringsFile(source: string, file: string): boolean {
  const path = posix
    .normalize(source)
    .replace(/^\.(\/|$)/, "")
    .replace(/\/+$/, "");
  return path === "" || path === "." || file.startsWith(`${path}/`) || globMatcher(path)(file);
}

export function lockfileAtInstall(a: Analysis, project: NodeProject, install: ProjectInstall): "seen" | "absent" | "removed" | "unknown" {
  const lockfile = project.lockfile;
  if (!lockfile) return "absent";
  const name = posix.basename(lockfile);
  let seen = false;
  // The install's own RUN removing it first (`rm -f package-lock.json && npm install`): the original resolved afresh.
  const named = namedBeforeInstall(a.stage.body[install.index], install, name);
  if (named) return named.removed ? "removed" : "unknown";
  for (const instr of a.stage.body.slice(0, install.index)) {
    if (instr.keyword === "RUN" && instr.args.includes(name)) return "unknown";
    const operands = copyOperands(instr);
    if (!operands || instr.flags.some((f) => f.name === "from")) continue;
    if (operands.sources.some((source) => bringsFile(source, lockfile))) seen = true;
  }
  // `docker init`'s template: the install RUN bind-mounts the manifests from the context instead.
  return seen || contextMounts(a.stage.body[install.index]).some((source) => bringsFile(source, lockfile)) ? "seen" : "absent";
}

/** npm options under which `npm install` saves no lockfile. */
const NPM_NO_LOCK = /^--(no-package-lock|package-lock=false|no-save|save=false|dry-run)$/;
/** The lockfile each package manager writes, by tool. */
const LOCKFILE_OF: Readonly<Record<ProjectInstall["tool"], string>> = {
  npm: "package-lock.json",
  yarn: "yarn.lock",
  pnpm: "pnpm-lock.yaml",
};

/**
 * The lockfile the original's install wrote and its image kept, project-relative, or null: `npm install` saves
 * package-lock.json (rewriting an old or out-of-step one), `yarn install` and `pnpm install` write theirs unless
 * frozen; `npm ci` and frozen installs write none. Kept unless a context COPY after the install brings the
 * context's copy back. `after`: a COPY before the install brought the context's copy, which the runtime replays,
 * so the install's must come after the runtime's context copies.
 */
export function installWrittenLock(
  a: Analysis,
  project: NodeProject,
  install: ProjectInstall,
  context: BuildContext,
): { readonly file: string; readonly after: boolean } | null {
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const options = installOptions(install.args);
  const verb = install.args.find((w) => !w.startsWith("-")) ?? "install";
  const npmrc = context.read(at(".npmrc")) ?? "";
  if (install.tool === "npm") {
    if (!/^(install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|add)$/.test(verb)) return null;
    if (options.some((o) => NPM_NO_LOCK.test(o)) || /^\s*(package-lock|save)\s*=\s*false\s*$/m.test(npmrc)) return null;
  } else if (install.tool === "yarn") {
    if (options.some((o) => /^--(frozen-lockfile|pure-lockfile|immutable|no-lockfile)(=true)?$/.test(o))) return null;
    if (/^\s*"?(--install\.)?(frozen-lockfile|pure-lockfile)"?\s+"?true"?\s*$/m.test(context.read(at(".yarnrc")) ?? "")) return null;
  } else if (
    options.some((o) => /^--(frozen-lockfile|no-lockfile|lockfile=false)(=true)?$/.test(o)) ||
    /^\s*(frozen-lockfile\s*=\s*true|lockfile\s*=\s*false)\s*$/m.test(npmrc)
  )
    return null;
  const file =
    install.tool === "npm" && project.lockfile !== null && posix.basename(project.lockfile) === "npm-shrinkwrap.json"
      ? "npm-shrinkwrap.json"
      : LOCKFILE_OF[install.tool];
  if (context.read(at(file)) === null) return { file, after: false };
  const brings = (instr: Instruction) => {
    const operands = copyOperands(instr);
    return operands !== null && !instr.flags.some((f) => f.name === "from") && operands.sources.some((s) => bringsFile(s, at(file)));
  };
  const body = a.stage.body;
  if (body.slice(install.index + 1).some(brings)) return null;
  return { file, after: body.slice(0, install.index).some(brings) };
}

/** The context paths a RUN bind-mounts (`--mount=type=bind,source=x,target=y`; bind is the default type, `.` the default source). */
function contextMounts(instr: Instruction): string[] {
  return instr.flags
    .filter((f) => f.name === "mount" && f.value !== null)
    .map((f) => Object.fromEntries((f.value ?? "").split(",").map((kv) => kv.split("=") as [string, string])))
    .filter((m) => (m.type ?? "bind") === "bind" && m.from === undefined)
    .map((m) => m.source ?? m.src ?? ".");
}
