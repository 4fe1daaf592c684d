// What the build RUNs of a Node project write into the working folder, followed from the RUN through the
// npm scripts it names (pre/post scripts, `&&` chains, nested `npm run`) to the build tools and their
// config (node-build-tools.ts). The runtime then copies those outputs and replays the context COPYs, so a
// source edit re-copies only the build's output. Anything not accounted for answers `unknown`.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands, toWord } from "../../../src/core/shell.js";
import { type Analysis, globalFlag, type ProjectInstall } from "../analysis.js";
import { contextSource } from "../entry.js";
import { isUnder, resolvePath } from "../paths.js";
import type { NodeProject } from "../closure/node-project.js";
import { type ConfigReader, type EnvSet, toolOutputs } from "./node-build-tools.js";
import { USER_COMMANDS } from "../system-setup.js";
import type { Reason } from "./node-tool-config.js";
import type { OutputsReasonId } from "./types.js";
import { checkCommand } from "./node-checks.js";
import { DEFAULT_CLIENT } from "./prisma-client.js";

export interface BuildRun {
  readonly index: number;
  /** Absolute output paths, outermost only. */
  readonly outputs: readonly string[];
  /** The user the RUN ran as (null: root), who owns what it wrote. */
  readonly user: string | null;
  /** The build tools it runs, each as its words (`next build`), for their caches (node-build-caches.ts). */
  readonly tools: readonly (readonly string[])[];
  /** Test runners and linters it runs, which write nothing the runtime needs (node-checks.ts). */
  readonly checks: readonly string[];
  /** Every build tool and check it runs, here or in a workspace, by name (for notes). */
  readonly ran: readonly string[];
}

/** An npm workspace: its folder relative to the working folder, and its manifest. */
interface Workspace {
  readonly dir: string;
  readonly pkg: NodeProject["pkg"];
}

export type BuildOutputs = { readonly ok: true; readonly runs: readonly BuildRun[] } | { readonly ok: false; readonly why: Reason };

/** Commands that write nothing the runtime could need. */
const NO_EFFECT = new Set(["echo", "true", ":", "printf", "ls", "cat", "pwd", "env", "which", "corepack"]);
/** Flags that send a package manager to another folder or package. */
const ELSEWHERE = /^(-w|--workspace|--workspaces|--prefix|-C|--dir|--cwd|--filter|-F|-r|--recursive)(=|$)/;
const REMOVERS = new Set(["rm", "rimraf", "del", "del-cli"]);
const COPIERS = new Set(["cp", "copyfiles", "cpx", "ncp", "mkdir", "mkdirp"]);
const RUN_ALL = new Set(["run-s", "run-p", "npm-run-all"]);
const NPM_SCRIPT_VERBS = new Set(["run", "run-script", "rum", "urn"]);
/** npm commands that only report on the project (and fail on what they find): `npm audit`, `npm ls`. */
const NPM_CHECKS = new Set(["audit", "ls", "list", "la", "ll", "outdated", "doctor", "view", "info", "show"]);
/** `npm test` and its aliases run the `test` script (with `pretest`/`posttest`). */
const NPM_TEST_VERBS = new Set(["test", "t", "tst"]);

class Unknown extends Error {
  constructor(readonly why: Reason) {
    super(why.id);
  }
}
const fail = (id: OutputsReasonId, data: Readonly<Record<string, string>> = {}): never => {
  throw new Unknown({ id, data });
};

/**
 * The outputs of every RUN that `skip` does not account for, or why they are unknown. Those RUNs must come
 * after the project install and run in the working folder.
 */
export function buildOutputs(
  a: Analysis,
  project: NodeProject,
  context: BuildContext,
  install: ProjectInstall | undefined,
  skip: (instr: Instruction, index: number) => boolean,
  workspaceDirs: readonly string[] = [],
): BuildOutputs {
  const wd = a.workdir;
  if (wd === null) return { ok: false, why: { id: "outputsNoWorkdir", data: {} } };
  const read = workdirReader(a, context, wd);
  const workspaces = workspaceManifests(workspaceDirs, read);
  const runs: BuildRun[] = [];
  let cwd: string | null = "/";
  let user: string | null = null;
  try {
    a.stage.body.forEach((instr, index) => {
      cwd = a.cwdAt[index] ?? "/";
      if (instr.keyword === "USER") user = /^(root|0)(:.*)?$/.test(instr.args.trim()) ? null : instr.args.trim();
      if (instr.keyword !== "RUN" || skip(instr, index)) return;
      const line = { line: String(instr.line) };
      if (instr.exec || instr.heredocs.length > 0 || instr.flags.length > 0) fail("outputsRunForm", line);
      const follower = new Follower(project, read, index === install?.index, workspaces, dockerEnv(a, index));
      follower.script(joinContinuations(instr.args), 0);
      // `corepack enable`, `echo`: nothing for the runtime to copy, wherever it runs. `mkdir -p` of the working
      // folder (or a parent) as root: the runtime's WORKDIR makes the same root-owned folders.
      if (follower.idle) return;
      if (user === null && follower.onlyMade((d) => isUnder(wd, resolvePath(cwd, d) ?? "."))) return;
      if (install && index < install.index) fail("outputsBeforeInstall", line);
      if (cwd !== wd) fail("outputsOutsideWorkdir", line);
      runs.push({ index, outputs: follower.finish(wd), user, tools: follower.tools, checks: follower.checks, ran: follower.ran });
    });
  } catch (err) {
    if (err instanceof Unknown) return { ok: false, why: err.why };
    throw err;
  }
  return { ok: true, runs };
}

/** The variables the stage's ENV and ARG lines above instruction `index` set (an ARG may get its value at build time). */
function dockerEnv(a: Analysis, index: number): EnvSet {
  const lines = a.stage.body.slice(0, index).filter((i) => i.keyword === "ENV" || i.keyword === "ARG");
  return (name) => lines.some((i) => new RegExp(`(^|\\s)${name}(=|\\s|$)`).test(i.args));
}

/** Reads a file of the working folder from the context file the Dockerfile copied there. */
export function workdirReader(a: Analysis, context: BuildContext, wd: string): ConfigReader {
  const at = (file: string) => contextSource(posix.join(wd, file), a.sources);
  return Object.assign(
    (file: string) => {
      const src = at(file);
      return src === null ? null : context.read(src);
    },
    {
      // What a folder holds: the context folder copied there, and what other COPYs put inside it.
      list: (dir: string) => {
        const src = at(dir);
        const abs = posix.join(wd, dir);
        const copied = [...a.sources.keys()].filter((d) => isUnder(d, abs) && d !== abs).map((d) => posix.relative(abs, d).split("/")[0]);
        return [...new Set([...(src === null ? [] : context.list(src)), ...copied])].sort();
      },
    },
  );
}

/** The manifests of the npm workspaces, read where the context copies put them; unreadable ones are left out. */
function workspaceManifests(dirs: readonly string[], read: ConfigReader): Workspace[] {
  return dirs.flatMap((dir) => {
    try {
      const pkg = JSON.parse(read(`${dir}/package.json`) ?? "null");
      return pkg && typeof pkg === "object" ? [{ dir, pkg }] : [];
    } catch {
      return [];
    }
  });
}

/** Follows one RUN's commands and the scripts they name, collecting outputs and the paths they touch. */
class Follower {
  private readonly outputs = new Set<string>();
  /** Paths removed: each must lie inside an output. */
  private readonly touched: string[] = [];
  /** Paths `cp` or `mkdir` wrote, relative to the working folder or absolute. */
  private readonly written: string[] = [];
  /** Folders a plain `mkdir` (`-p`, no mode) made, relative to the RUN's folder or absolute. */
  private readonly made: string[] = [];
  private readonly seen = new Set<string>();
  /** The build tools that ran, with their arguments. */
  readonly tools: string[][] = [];
  /** Test runners and linters that ran. */
  readonly checks: string[] = [];
  /** Tools and checks that ran here or in a workspace, by name. */
  readonly ran: string[] = [];

  constructor(
    private readonly project: NodeProject,
    private readonly read: ConfigReader,
    /** This RUN holds the project install (its node_modules come from the deps stage). */
    private readonly installRun: boolean,
    private readonly workspaces: readonly Workspace[] = [],
    private readonly dockerEnv: EnvSet = () => false,
  ) {}

  /** The scripts followed so far: a `VAR=x` prefix, `cross-env VAR=x` or `export VAR=x` in one sets VAR for the tools after it. */
  private readonly texts: string[] = [];
  private readonly env: EnvSet = (name) => this.dockerEnv(name) || this.texts.some((t) => new RegExp(`\\b${name}=`).test(t));

  script(text: string, depth: number): void {
    if (depth > 8) fail("outputsScriptsDeep");
    this.texts.push(text);
    const parsed = parseShell(text);
    if (!parsed.ok) fail("outputsUnparsed", { text });
    for (const redirect of parsed.root.descendantsOfType("file_redirect")) {
      const dest = redirect?.childForFieldName("destination");
      const value = dest ? toWord(dest).value : null;
      if (value === null || !(value.startsWith("&") || /^\d$/.test(value) || value === "/dev/null")) fail("outputsRedirect", { text });
    }
    for (const cmd of simpleCommands(parsed)) {
      const words = [cmd.name, ...cmd.args.map((w) => w.value)];
      if (words.some((w) => w === null)) fail("outputsComputedWord", { command: cmd.node.text });
      this.command(words as string[], depth);
    }
  }

  private command(words: readonly string[], depth: number): void {
    const [name, ...args] = words;
    const tool = name.replace(/^(\.\/)?node_modules\/\.bin\//, "");
    // `mkdir -m 1777 /scratch`: the mode is the option's value, not a folder.
    const operands = args.filter((w, i) => !w.startsWith("-") && !(tool === "mkdir" && (args[i - 1] === "-m" || args[i - 1] === "--mode")));
    if (NO_EFFECT.has(tool)) return;
    // Users, groups and Alpine packages: the runtime sets them up again (system-setup.ts).
    if (depth === 0 && (USER_COMMANDS.has(tool) || tool === "apk")) return;
    // Package lists and caches only; `apt-get install` RUNs are placed by the recipe.
    if ((tool === "apt-get" || tool === "apt") && /^(update|clean|autoclean|dist-clean)$/.test(operands[0] ?? "")) return;
    if (this.installRun && depth === 0 && projectInstall(tool, operands)) return;
    const workspace = tool === "npm" ? this.workspaceRun(args, depth) : false;
    if (workspace) return;
    if ((tool === "npm" || tool === "yarn" || tool === "pnpm") && args.some((w) => ELSEWHERE.test(w)))
      return fail("outputsElsewhere", { command: `${tool} ${args.join(" ")}` });
    // A global CLI goes to the toolchain's prefix, not the working folder; the recipe installs the ones the image
    // runs in the runtime. npm's cache lives in the home folder.
    if (depth === 0 && (globalInstall(tool, args, operands) || (tool === "npm" && operands[0] === "cache"))) return;
    if (tool === "npm") {
      const [verb, script] = operands;
      if (NPM_SCRIPT_VERBS.has(verb ?? "") && script) return this.runScript(script, passed(args), depth);
      if (NPM_TEST_VERBS.has(verb ?? "")) return this.runScript("test", passed(args), depth);
      if (verb === "exec" || verb === "x") return this.command(afterVerb(args, verb), depth);
      // A prune or dedupe only removes or re-nests packages of node_modules, which the runtime takes from the deps stage.
      if (depth === 0 && (verb === "prune" || verb === "dedupe" || verb === "ddp")) return;
      // Reports that can fail the build and write nothing: checks. `npm -v` prints only.
      if (NPM_CHECKS.has(verb ?? "") && operands[1] !== "fix") return this.check(`npm ${verb}`);
      if (verb === undefined && args.length > 0 && args.every((w) => /^(-v|--version)$/.test(w))) return;
      return fail("outputsNotScriptRun", { command: `npm ${args.join(" ")}` });
    }
    if (tool === "yarn" || tool === "pnpm") {
      const [first, second] = operands;
      if (first === "run" && second) return this.runScript(second, passed(args), depth, tool);
      if (first === "exec" || first === "dlx") return this.command(afterVerb(args, first), depth);
      if (first && this.project.pkg.scripts?.[first] !== undefined) return this.runScript(first, passed(args), depth, tool);
      if (first) return this.command(afterVerb(args, first, true), depth);
      return fail("outputsNoScriptName", { tool });
    }
    if (tool === "npx") {
      const rest = args.filter((w) => !/^(-y|--yes|--no-install|--no|--quiet|-q)$/.test(w));
      if (rest[0]?.startsWith("-")) return fail("outputsNpxFlag", { command: `npx ${args.join(" ")}` });
      return rest.length > 0 ? this.command([rest[0].replace(/(.)@.*$/, "$1"), ...rest.slice(1)], depth) : undefined;
    }
    if (tool === "cross-env") {
      const i = args.findIndex((w) => !/^\w+=/.test(w));
      return i >= 0 ? this.command(args.slice(i), depth) : undefined;
    }
    if (tool === "shx") return this.command(args, depth);
    if (RUN_ALL.has(tool)) {
      for (const pattern of operands) {
        const names = Object.keys(this.project.pkg.scripts ?? {}).filter((s) => globMatch(pattern, s));
        if (names.length === 0) fail("outputsRunAllNone", { tool, pattern });
        for (const s of names) this.runScript(s, [], depth);
      }
      return;
    }
    if (REMOVERS.has(tool)) {
      this.touched.push(...operands);
      return;
    }
    if (COPIERS.has(tool)) {
      // What `cp`/`mkdir` create is an output in its own right.
      const plainMkdir = tool === "mkdir" && args.every((w) => !w.startsWith("-") || /^(-p|--parents|-v|--verbose|-pv|-vp)$/.test(w));
      (plainMkdir ? this.made : this.written).push(...(tool.startsWith("mkdir") ? operands : operands.slice(-1)));
      return;
    }
    const check = checkCommand(tool, args);
    if (check?.writes) return fail("outputsCheckWrites", { command: words.join(" ") });
    if (check) return this.check(check.tool);
    const result = toolOutputs(tool, args, this.read, this.env);
    this.tools.push([tool, ...args]);
    if (!this.ran.includes(tool)) this.ran.push(tool);
    if (!result.ok) throw new Unknown(result.why);
    if (result.ok) for (const p of result.paths) this.outputs.add(p);
  }

  private check(name: string): void {
    if (!this.checks.includes(name)) this.checks.push(name);
    if (!this.ran.includes(name)) this.ran.push(name);
  }

  /**
   * `npm run <script> -w <workspace>` (or `npm test -w …`): the workspace's script, run in its folder, whose
   * outputs are paths in that folder. False when the command names no single workspace this way.
   */
  private workspaceRun(args: readonly string[], depth: number): boolean {
    const at = args.findIndex((w) => /^(-w|--workspace)(=|$)/.test(w));
    if (at < 0 || args.some((w, i) => i !== at && ELSEWHERE.test(w))) return false;
    const selector = args[at].includes("=") ? args[at].slice(args[at].indexOf("=") + 1) : args[at + 1];
    const rest = args.filter((_, i) => i !== at && (args[at].includes("=") || i !== at + 1));
    const clean = (selector ?? "").replace(/^\.\//, "").replace(/\/+$/, "");
    const ws = this.workspaces.find((w) => w.pkg.name === selector || w.dir === clean);
    const [verb, script] = rest.filter((w) => !w.startsWith("-"));
    const name = NPM_SCRIPT_VERBS.has(verb ?? "") ? script : NPM_TEST_VERBS.has(verb ?? "") ? "test" : undefined;
    if (!ws || !name) return false;
    const list = this.read.list;
    const read: ConfigReader = Object.assign((file: string) => this.read(posix.join(ws.dir, file)), {
      list: list && ((dir: string) => list(posix.join(ws.dir, dir))),
    });
    const inner = new Follower({ ...this.project, pkg: ws.pkg }, read, false, [], this.env);
    inner.runScript(name, passed(rest), depth);
    // Its tools' caches and sources live in the workspace's folder: only the outputs and what ran carry over.
    const inside = (p: string) => (p.startsWith("/") ? p : posix.join(ws.dir, p));
    for (const p of inner.outputs) this.outputs.add(inside(p));
    this.touched.push(...inner.touched.map(inside));
    this.written.push(...inner.written.map(inside));
    this.made.push(...inner.made.map(inside));
    for (const c of inner.checks) if (!this.checks.includes(c)) this.checks.push(c);
    for (const r of inner.ran) if (!this.ran.includes(r)) this.ran.push(r);
    return true;
  }

  /** `npm run <name>`: its pre and post scripts too (npm and yarn classic run them; pnpm only when configured). */
  private runScript(name: string, passedArgs: readonly string[], depth: number, manager = "npm"): void {
    const scripts = this.project.pkg.scripts ?? {};
    const body = scripts[name];
    if (typeof body !== "string") return fail("outputsScriptMissing", { script: name });
    if (this.seen.has(name)) return fail("outputsScriptLoop", { script: name });
    this.seen.add(name);
    const pre = scripts[`pre${name}`];
    const post = scripts[`post${name}`];
    if (manager === "pnpm" && (pre !== undefined || post !== undefined)) fail("outputsPnpmPrePost", { script: name });
    if (typeof pre === "string") this.script(pre, depth + 1);
    this.script([body, ...passedArgs.map(quote)].join(" "), depth + 1);
    if (typeof post === "string") this.script(post, depth + 1);
    this.seen.delete(name);
  }

  /** Nothing written: every command was one without effect. */
  get idle(): boolean {
    return this.onlyMade(() => true) && this.made.length === 0;
  }

  /** Nothing written but folders `mkdir` made, each of which `keep` accepts. */
  onlyMade(keep: (dir: string) => boolean): boolean {
    const none = this.outputs.size === 0 && this.touched.length === 0 && this.written.length === 0;
    return none && this.ran.length === 0 && this.made.every(keep);
  }

  /**
   * The outputs as absolute paths; fails when a removal or copy reaches outside them. An output outside the
   * working folder is copied on its own, unless it is a system folder or holds the working folder.
   */
  finish(wd: string): string[] {
    // Two tools may name the same folder (`svelte-kit sync` and `vite build` both write `.svelte-kit`).
    const outs = [...new Set([...this.outputs, ...this.written, ...this.made].map((w) => placed(wd, w)))];
    for (const t of this.touched) {
      const abs = resolvePath(wd, t.replace(/\/\*+$/, "").replace(/\/$/, ""));
      if (abs === null || !outs.some((o) => isUnder(abs, o))) fail("outputsRemoves", { path: t });
    }
    return outs.filter((p) => !outs.some((q) => q !== p && isUnder(p, q))).sort();
  }
}

/** Where an output lands: its absolute path, or the reason the runtime cannot copy it apart. */
function placed(wd: string, path: string): string {
  const abs = resolvePath(wd, path.replace(/\/+$/, "") || "/");
  // Prisma's generated client is the one folder of node_modules the runtime takes from the build (prisma-client.ts).
  const prismaClient = abs !== null && isUnder(abs, posix.join(wd, DEFAULT_CLIENT));
  if (abs === null || abs === wd || isUnder(wd, abs) || (isUnder(abs, posix.join(wd, "node_modules")) && !prismaClient))
    return fail("outputsWritesOutside", { path });
  if (!isUnder(abs, wd) && SYSTEM_ROOTS.has(abs.split("/")[1] ?? "") && !isUnder(abs, "/var/www"))
    return fail("outputsSystemFolder", { path: abs });
  return abs;
}

/** Top folders of the file system that hold the OS and the toolchain, not an app's own files. */
const SYSTEM_ROOTS = new Set([
  "bin",
  "boot",
  "dev",
  "etc",
  "lib",
  "lib32",
  "lib64",
  "libx32",
  "proc",
  "root",
  "run",
  "sbin",
  "sys",
  "tmp",
  "usr",
  "var",
]);

/** `npm ci`, `npm install`, `yarn`, `yarn install`, `pnpm install`: the project's own dependencies. */
function projectInstall(tool: string, operands: readonly string[]): boolean {
  if (tool === "yarn") return operands.length === 0 || (operands[0] === "install" && operands.length === 1);
  if (tool === "npm" || tool === "pnpm") return ["ci", "install", "i"].includes(operands[0] ?? "") && operands.length === 1;
  return false;
}

/** `npm install -g <names>`, `yarn global add <names>`, `pnpm add -g <names>`: registry packages only. */
function globalInstall(tool: string, args: readonly string[], operands: readonly string[]): boolean {
  const global = globalFlag(args);
  const names =
    tool === "yarn" && operands[0] === "global" && operands[1] === "add"
      ? operands.slice(2)
      : (tool === "npm" || tool === "pnpm") && global && ["install", "i", "add"].includes(operands[0] ?? "")
        ? operands.slice(1)
        : [];
  return names.length > 0 && names.every((n) => /^(@[\w.-]+\/)?[\w.-]+(@[\w.^~<>=*|-]+)?$/.test(n));
}

/** The words after `npm run x --`: npm passes them on to the script. */
function passed(args: readonly string[]): string[] {
  const i = args.indexOf("--");
  return i >= 0 ? args.slice(i + 1) : [];
}

/** The command words after a verb (`npm exec -- tsc` → `tsc`). */
function afterVerb(args: readonly string[], verb: string, keep = false): string[] {
  const rest = args.slice(args.indexOf(verb) + (keep ? 0 : 1)).filter((w, i) => !(i === 0 && w === "--"));
  return rest[0] === "--" ? rest.slice(1) : rest;
}

function quote(word: string): string {
  return /^[\w./=:@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*?/g, ".*")}$`);
  return re.test(name);
}
