// Which of the context's files a Node image may run: the files its entry reaches. From what the image runs (the
// ENTRYPOINT/CMD, the npm scripts they name, HEALTHCHECK, the shell scripts they start, daemons' commands), the
// module graph is followed through the app's own files (node-entry.ts, imports.ts); a file that a reached file
// names by name (`spawn("bin/report")`, `"scripts/pack.sh"`) or by its folder (`__dirname + "/jobs/*.js"`) is reached
// too. A file only the build runs (`npm run build` → `scripts/stamp.js`) is not. Evidence rule: where the walk
// loses the thread (a computed require, an entry file the build writes, a program of another language, a package's
// program that runs the app's code), the reach is unknown and every source file counts, as before.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { packageOf } from "../../../src/core/module-specifiers.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { daemonCommands } from "../daemons.js";
import { contextSource } from "../entry.js";
import { namesFile, SHELL_SHEBANG, type SourceFile } from "../source-files.js";
import { commandChain } from "../wrappers.js";
import { MAX_GRAPH_FILES } from "./imports.js";
import { managerCommands } from "./manager-commands.js";
import type { NodeProject } from "./node-project.js";
import {
  entryTexts,
  GAPS,
  INLINE_FILE,
  inlineImportGraph,
  installedPackage,
  nodeEntryFiles,
  ownModules,
  pm2Configs,
  STATIC_SERVERS,
  sourceOf,
  stageEnv,
  withScripts,
} from "./node-entry.js";
import { graphThroughWorkspaces, workspacePackages } from "./workspace-graph.js";

export type EntryReach =
  | { readonly ok: true; readonly files: ReadonlySet<string> }
  /** `lost`: where the walk lost the thread, a clause (`` `server.js` loads a computed module name ``); `files`: those reached by then. */
  | { readonly ok: false; readonly lost: string; readonly files: ReadonlySet<string> };

/** Programs that run files of other languages, whose loads are not followed (unless given their code inline). */
const INTERPRETERS = new Set(
  "python python2 python3 ruby perl php java deno bun ts-node ts-node-esm tsx nodemon babel-node lua Rscript go dotnet".split(" "),
);
/** Options that give an interpreter its code on the command line. */
const INLINE_CODE = new Set(["-e", "-c", "-E", "--eval", "-p", "--print", "-r"]);
const NODE_RUNNERS = new Set(["node", "nodejs"]);
const MANAGERS = new Set(["npm", "yarn", "pnpm"]);
/** Subcommands of the package managers that run a script of package.json (followed by `withScripts`). */
const RUNS_SCRIPT = new Set(["run", "run-script", "start", "test", "restart", "stop"]);
const PM2 = new Set(["pm2", "pm2-runtime", "pm2-docker"]);
const JS = /\.(js|cjs|mjs|jsx|ts|mts|cts|tsx)$/;
/** Code files of languages the walk does not follow. */
const OTHER_CODE = /\.(py|rb|pl|pm|php|go|java|kt|rs|lua|r|ex|exs|cs)$/i;
/** How many reached files are read before the walk gives up (the searches read at most 2,000). */
const MAX_ROUNDS = 4000;

/**
 * The context files the entry of a Node image reaches, among `files` (the source files the searches read), or
 * where the walk loses the thread.
 */
export function nodeEntryReach(a: Analysis, project: NodeProject, context: BuildContext, files: readonly SourceFile[]): EntryReach {
  const reached = new Set<string>();
  const lost = (why: string): EntryReach => ({ ok: false, lost: why, files: reached });
  const daemons = daemonCommands(a.stage, a.entry, a.sources, context);
  if (daemons.unknown)
    return lost(`${daemons.unknown.daemon}'s commands are set at line ${daemons.unknown.line} in a way that cannot be read`);
  if (daemons.unfollowed) return lost(`the daemon command \`${daemons.unfollowed.command}\` runs files the pass cannot tell`);
  // A program of the build (not in the context) may run anything.
  const entryFiles: string[] = [];
  for (const e of a.entry) {
    // A program of node_modules/.bin is a dependency's (unfollowedProgram tells).
    if (e.artifact === null || e.artifact.includes("/node_modules/")) continue;
    if (e.unread) return lost(`\`${e.unreadIn ?? e.name}\` runs a file the pass cannot read (\`${e.name}\`)`);
    const src = contextSource(e.artifact, a.sources);
    if (src === null || context.read(src) === null) return lost(`the entry runs \`${e.name}\`, which the build writes`);
    entryFiles.push(src);
  }
  // A local dependency (`"rev": "file:./packages/rev"`) is the app's own files, followed as a workspace package is.
  const locals = localPackages(project);
  const workspaces = new Map([...workspacePackages(context, project.dir), ...locals]);
  const own = ownModules(a, project, context);
  const texts = entryTexts(a, project.pkg, context);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const index = nameIndex(files);
  const followed = new Set<string>();
  /** Adds the module graph from the context file `src`; a clause when it cannot be followed. */
  const graphFrom = (src: string): string | null => {
    const graph = graphThroughWorkspaces(context, src, project.dir, workspaces, own);
    if (!graph.ok) return `\`${graph.reason.file}\` ${GAPS[graph.reason.kind]}`;
    // The walk stops at its bound: files past it are not known unreached.
    if (graph.files.length >= MAX_GRAPH_FILES) return `the module graph from \`${src}\` is too large to follow`;
    // Only a local package's entry is followed, not a file of it loaded by path (`require("rev/lib/x")`).
    for (const [spec, from] of graph.bare)
      if (locals.has(packageOf(spec) ?? "") && spec !== packageOf(spec))
        return `\`${from}\` loads \`${spec}\`, a file of the local package \`${packageOf(spec)}\``;
    for (const file of graph.files) reach(file);
    return null;
  };
  /** Reaches the files that `text` (of the context file `file`) names; a clause when one cannot be followed. */
  const nameFrom = (file: string, text: string): string | null => {
    for (const named of namedFiles(file, text, files, index, project.dir)) {
      if (reached.has(named.path) || followed.has(named.path)) continue;
      followed.add(named.path);
      const why = runFile(named, file.endsWith("[command]") ? "the entry" : `\`${file}\``, texts, reach);
      if (why !== "graph") {
        if (why) return why;
        continue;
      }
      const gap = graphFrom(named.path);
      if (gap) return gap;
    }
    return null;
  };
  const pending: string[] = [];
  const reach = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    pending.push(file);
  };
  for (const file of entryFiles) reach(file);
  // NODE_OPTIONS' preloads (`--require ./boot/pre.js`) run in every node process the image starts.
  /** Why the preloads of NODE_OPTIONS `options` cannot be followed, or null once their files are reached. */
  const preloadGap = (options: string): string | null => {
    const preloaded = /[$`]/.test(options) ? null : preloadedFiles(options);
    if (preloaded === null) return `\`NODE_OPTIONS=${options}\` preloads modules the pass cannot tell`;
    for (const file of preloaded) {
      if (!/^\.{0,2}\//.test(file)) return `\`NODE_OPTIONS=${options}\` preloads the package \`${file}\``;
      const src = sourceOf(a, project, context, file);
      if (src === null) return `the sources of \`${file}\`, which NODE_OPTIONS preloads, are not in the build context`;
      const gap = graphFrom(src);
      if (gap) return gap;
    }
    return null;
  };
  const options = stageEnv(a, "NODE_OPTIONS");
  const optionsGap = options === null ? null : preloadGap(options);
  if (optionsGap) return lost(optionsGap);
  let done = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // What each command runs.
    for (; done < texts.length; done++) {
      const text = texts[done];
      // `NODE_OPTIONS=--openssl-legacy-provider node app.js`: only -r/--require/--import/--loader name files.
      if (/\bNODE_OPTIONS\b/.test(text)) {
        const values = nodeOptionsSet(text);
        if (values === null) return lost(`\`${text.trim()}\` sets NODE_OPTIONS, whose preloads are not followed`);
        for (const value of values) {
          const gap = preloadGap(value);
          if (gap) return lost(gap);
        }
      }
      for (const config of pm2Configs(a, text, context))
        if (config.commands === null) return lost(`\`${config.file}\`, the ecosystem file pm2 starts, ${config.why}`);
      const why = unfollowedProgram(a, project, text);
      if (why) return lost(why);
      for (const file of nodeEntryFiles(text, a.workdir)) {
        if (typeof file !== "string") {
          const inline = inlineImportGraph(context, file.code, project.dir);
          if (!inline.ok) return lost(`\`${text.trim()}\` runs code given on the command line that ${GAPS[inline.reason.kind]}`);
          for (const f of inline.files) if (f !== INLINE_FILE) reach(f);
          continue;
        }
        if (/[$*?`[]/.test(file)) return lost(`\`${text.trim()}\` runs node on a file the shell computes (\`${file}\`)`);
        if (installedPackage(a, file) !== null) return lost(`the entry runs \`${file}\`, a program of an installed package`);
        const src = sourceOf(a, project, context, file);
        if (src === null) return lost(`the sources of the entry file \`${file}\` are not in the build context`);
        const gap = graphFrom(src);
        if (gap) return lost(gap);
      }
      withScripts(a, texts, project.pkg, context);
      // The files the command names (`./bin/report`, `python3 tools/x.py`), against the project's folder.
      const why2 = nameFrom(`${project.dir}/[command]`, text);
      if (why2) return lost(why2);
    }
    if (pending.length === 0) break;
    // What each reached file runs or names.
    const file = pending.shift() as string;
    const text = byPath.get(file)?.text ?? context.read(file) ?? "";
    if (!file.endsWith(".json")) {
      const commands = managerCommands(text);
      if (commands === null) return lost(`\`${file}\` runs a package manager with a computed command`);
      for (const command of commands) if (!texts.includes(command)) texts.push(command);
    }
    const why = nameFrom(file, text);
    if (why) return lost(why);
  }
  if (pending.length > 0) return lost("the files the entry reaches are too many to follow");
  return { ok: true, files: reached };
}

/**
 * The values a command line gives NODE_OPTIONS (`NODE_OPTIONS=--max-old-space-size=4096 node app.js`,
 * `export NODE_OPTIONS="--openssl-legacy-provider"`), or null when it names NODE_OPTIONS another way.
 */
function nodeOptionsSet(text: string): string[] | null {
  const values: string[] = [];
  const rest = text.replace(/\bNODE_OPTIONS=(?:"([^"]*)"|'([^']*)'|([^\s;&|'"]*))/g, (_m, d, s, w) => {
    values.push(d ?? s ?? w);
    return "";
  });
  return /\bNODE_OPTIONS\b/.test(rest) ? null : values;
}

/** The files (or package names) that node options preload, or null when one is not literal. */
function preloadedFiles(options: string): string[] | null {
  const words = options.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(-r|--require|--import|--loader|--experimental-loader)(?:=(.*))?$/.exec(words[i]);
    if (!m) continue;
    const value = (m[2] ?? words[++i] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    if (value === "" || /[$`"'\\]/.test(value)) return null;
    out.push(value.startsWith("file://") ? value.slice("file://".length) : value);
  }
  return out;
}

/** The project's dependencies that are folders of the project (`file:`, `link:`, `portal:`), by name, as context folders. */
function localPackages(project: NodeProject): Map<string, string> {
  const found = new Map<string, string>();
  const pkg = project.pkg;
  for (const [name, range] of Object.entries({ ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.dependencies })) {
    const m = typeof range === "string" ? /^(?:file|link|portal):(.+)$/.exec(range) : null;
    if (m) found.set(name, posix.normalize(posix.join(project.dir, m[1])));
  }
  return found;
}

/**
 * Reaches `named`, which `by` names: a shell script's commands are followed, a JavaScript file's module graph
 * ("graph"), a file of another language loses the thread (a clause), data is reached alone.
 */
function runFile(named: SourceFile, by: string, texts: string[], reach: (file: string) => void): string | "graph" | null {
  const shebang = /^#!\s*(?:\S*\/)?(\S+)(?:[ \t]+(\S+))?/.exec(named.text);
  const interpreter = shebang ? (shebang[1] === "env" ? shebang[2] : shebang[1]) : null;
  if (SHELL_SHEBANG.test(named.text) || /\.(ba|da)?sh$/.test(named.path)) {
    reach(named.path);
    if (!texts.includes(named.text)) texts.push(named.text);
    return null;
  }
  if ((interpreter && NODE_RUNNERS.has(interpreter)) || (!interpreter && JS.test(named.path))) return "graph";
  reach(named.path);
  if (interpreter || OTHER_CODE.test(named.path)) return `${by} names \`${named.path}\`, a program whose own loads are not followed`;
  return null;
}

/** The source files by their name, for `namedFiles`. */
type NameIndex = ReadonlyMap<string, readonly SourceFile[]>;

function nameIndex(files: readonly SourceFile[]): NameIndex {
  const index = new Map<string, SourceFile[]>();
  for (const f of files) index.set(f.name, [...(index.get(f.name) ?? []), f]);
  return index;
}

/** The source files `text` (the context file `file`) names: by name (with an extension, or by path), or by their folder in a string. */
function namedFiles(file: string, text: string, files: readonly SourceFile[], index: NameIndex, projectDir: string): SourceFile[] {
  const out = new Set<SourceFile>();
  // The text's words are the names it may give; each is then checked as namesFile reads a name.
  const words = new Set(text.split(/[^\w.-]+/).flatMap((w) => [w, w.replace(/\.+$/, "")]));
  for (const word of words) for (const f of index.get(word) ?? []) if (f.path !== file && namesFile(f.name, text)) out.add(f);
  for (const dir of quotedFolders(file, text, projectDir))
    for (const f of files) if (f.path.startsWith(`${dir}/`) && f.path !== file) out.add(f);
  return [...out];
}

/**
 * The context folders that strings of the file name (`"./jobs"`, `__dirname + "/routes/*.js"`): a package may load
 * every file of one (a router, an ORM's entities). Read against the file's folder and the project's.
 */
function quotedFolders(file: string, text: string, projectDir: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(["'`])([\w@./*-]+)\1/g)) {
    const path = m[2]
      .replace(/\/?\*.*$/, "")
      .replace(/^\.?\//, "")
      .replace(/\/$/, "");
    if (path === "" || path === "." || path.startsWith("..") || !/[\w@-]/.test(path)) continue;
    for (const base of [posix.dirname(file), projectDir]) {
      const dir = posix.normalize(posix.join(base, path));
      if (!dir.startsWith("..") && dir !== "." && !out.includes(dir)) out.push(dir);
    }
  }
  return out;
}

/** Why a command of `text` runs files the walk cannot follow, or null. */
function unfollowedProgram(a: Analysis, project: NodeProject, text: string): string | null {
  const script = parseShell(text);
  if (!script.ok) return `\`${text.trim()}\` cannot be read`;
  const deps = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies, ...project.pkg.devDependencies };
  const isBin = (name: string) => a.bins.has(name) || Object.hasOwn(deps, name);
  for (const c of simpleCommands(script)) {
    if (!c.name) continue;
    const words = [c.name, ...c.args.map((w) => w.value ?? w.text)];
    if (/[$`]/.test(c.name)) return `\`${text.trim()}\` runs a command it computes (\`${c.name}\`)`;
    for (const argv of commandChain(words)) {
      const name = posix.basename(argv[0]);
      const operands = argv.slice(1).filter((w) => !w.startsWith("-"));
      if (INTERPRETERS.has(name)) {
        if (argv.slice(1).some((w) => INLINE_CODE.has(w)) && !operands.some((w) => OTHER_CODE.test(w))) continue;
        return `\`${text.trim()}\` runs \`${name}\`, whose files are not followed`;
      }
      if (MANAGERS.has(name)) {
        const sub = operands[0] ?? "";
        const script = name !== "npm" && Object.hasOwn(project.pkg.scripts ?? {}, sub);
        if (RUNS_SCRIPT.has(sub) || script) continue;
        return `\`${text.trim()}\` runs \`${[name, sub].join(" ").trim()}\`, whose files are not followed`;
      }
      const ran = name === "npx" ? operands[0] : isBin(name) && !PM2.has(name) ? name : undefined;
      if (ran !== undefined && !STATIC_SERVERS.has(ran))
        return `\`${text.trim()}\` runs \`${ran}\`, a program of the dependencies that may run the app's files`;
    }
  }
  return null;
}
