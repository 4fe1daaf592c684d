// What the image's Node entry needs from node_modules: the dev tools it runs and the packages its module
// graph loads. Each finding carries the file that shows it, for the notes.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { declaredVariables } from "../../../src/core/instructions.js";
import { SPECIFIER } from "../../../src/core/module-specifiers.js";
import type { Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import { parseExecForm } from "../../../src/core/parse.js";
import { parseShell, type SimpleCommand, simpleCommands } from "../../../src/core/shell.js";
import { daemonCommands } from "../daemons.js";
import { contextSource, MANAGER_VALUE_OPTIONS } from "../entry.js";
import { SHELL_SHEBANG } from "../source-files.js";
import { commandChain, LINE_SHELLS, shellLineIndex } from "../wrappers.js";
import { isUnder, resolvePath } from "../paths.js";
import { adapterNodeOut } from "../recipes/node-framework-builds.js";
import { isOfficial } from "../recipes/types.js";
import { importGraph } from "./imports.js";
import { ecosystemCommands, PM2_CONFIG, pm2Target } from "./pm2.js";
import { folderMain } from "./folder-main.js";
import { tscInPlaceSource } from "./ts-in-place.js";
import { graphThroughWorkspaces, type OwnModules, workspacePackages } from "./workspace-graph.js";
import type { NodeProject } from "./node-project.js";
import { devLoad } from "./dev-load.js";
import { devRole, someNames } from "./dev-roles.js";
import { managerCommands } from "./manager-commands.js";
import { withoutWebpackHooks } from "./next-webpack-hook.js";

/** Dev tools whose command differs from their package name. */
const BIN_PACKAGES: Readonly<Record<string, string>> = {
  tsc: "typescript",
  "ts-node": "ts-node",
  tsx: "tsx",
  nodemon: "nodemon",
  vite: "vite",
};

/**
 * Whether devDependencies stay in the runtime. `libraries`: kept only by the library rule (no evidence either way),
 * which the user's option `build-only-dev-deps` can answer; `byOption`: libraries that rule would have kept, pruned
 * because that option names them.
 */
export type DevUse =
  | { readonly keep: false; readonly byOption?: readonly string[] }
  | { readonly keep: true; readonly reason: string; readonly libraries?: true };

/** The texts the image runs: the main ENTRYPOINT/CMD, and the npm scripts it names (followed through `npm run`). */
export function entryTexts(a: Analysis, pkg: NodeProject["pkg"], context?: BuildContext): string[] {
  const last = (k: string): Instruction | undefined => [...a.stage.body].reverse().find((i) => i.keyword === k);
  const entrypoint = last("ENTRYPOINT");
  const cmd = last("CMD");
  const health = last("HEALTHCHECK");
  // Exec-form words are quoted where the shell would read them otherwise (`node -e "require('./boot')"`).
  const words = (w: readonly string[]) => w.map((x) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x.replace(/'/g, "'\\''")}'`)).join(" ");
  const texts = [entrypoint, cmd].filter((i): i is Instruction => !!i).map((i) => (i.exec ? words(i.exec) : i.args));
  // `["sh", "-c", "node migrate.js && exec node server.js"]` (`["bash", "-lc", …]`, an ENTRYPOINT `["/bin/bash", "-c"]`
  // with the line as CMD): the script the shell runs.
  const joinedExec = entrypoint?.exec?.length && cmd?.exec?.length ? [...entrypoint.exec, ...cmd.exec] : null;
  for (const exec of [entrypoint?.exec, cmd?.exec, joinedExec]) {
    const line = exec ? shellLineIndex(exec) : null;
    if (exec && line !== null && exec[line] && !texts.includes(exec[line])) texts.push(exec[line]);
  }
  // An exec-form ENTRYPOINT takes the exec-form CMD as arguments (`["npm", "run"]` + `["serve"]`).
  if (entrypoint?.exec?.length && cmd?.exec?.length) texts.push(words([...entrypoint.exec, ...cmd.exec]));
  // `ENTRYPOINT ["npm", "run"]` (`["yarn"]`, `["pnpm", "run", "--silent"]`): the image is made to run any script of
  // package.json (`docker run img migrate`), so every script is a text it runs.
  if (entrypoint?.exec && runsAnyScript(entrypoint.exec))
    for (const script of Object.values(pkg.scripts ?? {})) if (typeof script === "string" && !texts.includes(script)) texts.push(script);
  // The node image's docker-entrypoint.sh runs node for a CMD that is a script file or an option (`["server.js"]`).
  if (!entrypoint && isOfficial(a.stage.base, "node") && cmd?.exec && /^-|\.[cm]?js$/.test(cmd.exec[0] ?? ""))
    texts.push(words(["node", ...cmd.exec]));
  if (health && !/^NONE$/i.test(health.args.trim())) {
    const text = health.args.trim().replace(/^CMD\s+/i, "");
    texts.push(text.startsWith("[") ? words(parseExecForm(text) ?? []) : text);
  }
  // The shell scripts the entry runs (an entrypoint that migrates, then `exec "$@"`) and the files they source,
  // read from the context.
  for (const e of context ? a.entry : []) {
    const src = e.artifact === null ? null : contextSource(e.artifact, a.sources);
    const text = src === null ? null : (context?.read(src) ?? null);
    if (text && (SHELL_SHEBANG.test(text) || e.sourced || e.operand) && !texts.includes(text)) texts.push(text);
  }
  // The commands a daemon the entry starts runs (cron's jobs, supervisord's programs).
  if (context)
    for (const command of daemonCommands(a.stage, a.entry, a.sources, context).commands) if (!texts.includes(command)) texts.push(command);
  return withScripts(a, texts, pkg, context);
}

/** An exec-form ENTRYPOINT that is a package manager, or its `run`, with options only: the CMD names the script. */
function runsAnyScript(exec: readonly string[]): boolean {
  const words = exec.filter((w, i) => i === 0 || !w.startsWith("-"));
  if (!/^(npm|yarn|pnpm)$/.test(words[0]?.replace(/^.*\//, "") ?? "")) return false;
  return words.length === 1 || (words.length === 2 && (words[1] === "run" || words[1] === "run-script"));
}

/** How a note names a text the image runs: an entry script by its file (not its body), a command as written. */
function named(a: Analysis, context: BuildContext, text: string): string {
  for (const e of a.entry) {
    const src = e.artifact === null ? null : contextSource(e.artifact, a.sources);
    if (src !== null && context.read(src)?.trim() === text.trim()) return src;
  }
  return text.trim();
}

/** An option of npm, yarn or pnpm, with its value when it takes one (`--prefix /app`, `--loglevel warn`, `-s`). */
const MANAGER_OPTION = `(?:(?:${[...new Set(Object.values(MANAGER_VALUE_OPTIONS).flatMap((o) => [...o]))].join("|")})\\s+\\S+\\s+|-\\S+\\s+)`;
/** `npm start`, `npm run -s x`, `yarn --cwd app x`: the script's name. */
const MANAGER_SCRIPT = new RegExp(
  `\\b(?:npm|yarn|pnpm)\\s+${MANAGER_OPTION}*(?:run(?:-script)?\\s+${MANAGER_OPTION}*)?([\\w:.][\\w:.-]*)`,
  "g",
);

/** How many commands and scripts are followed from the entry. */
const MAX_TEXTS = 40;

/** `texts` and what they start in turn: npm scripts (with their pre and post hooks), pm2 apps. */
export function withScripts(a: Analysis, texts: string[], pkg: NodeProject["pkg"], context?: BuildContext): string[] {
  for (let i = 0; i < texts.length && i < MAX_TEXTS; i++) {
    // A script file run as a program: its shebang's interpreter and options (`#!/usr/bin/env -S node -r x`).
    for (const command of context ? shebangCommands(a, texts[i], context) : []) if (!texts.includes(command)) texts.push(command);
    // The apps of a pm2 ecosystem file, as the commands they amount to.
    for (const config of context ? pm2Configs(a, texts[i], context) : [])
      for (const command of config.commands ?? []) if (!texts.includes(command)) texts.push(command);
    // `npm run -s report`, `npm --prefix /app start`: options, and their values, may come before and after `run`.
    for (const m of texts[i].matchAll(MANAGER_SCRIPT)) {
      // npm and yarn 1 run `pre<name>` and `post<name>` around a script by themselves.
      for (const name of [`pre${m[1]}`, m[1], `post${m[1]}`]) {
        const script = pkg.scripts?.[name] ?? (name === "start" ? DEFAULT_START : undefined);
        if (typeof script === "string" && !texts.includes(script)) texts.push(script);
      }
    }
    // `node --run build` runs the script alone, without its pre and post hooks.
    for (const m of texts[i].matchAll(/\bnode\s+(?:-\S+\s+)*--run[=\s]+([\w:.-]+)/g)) {
      const script = pkg.scripts?.[m[1]];
      if (typeof script === "string" && !texts.includes(script)) texts.push(script);
    }
  }
  return texts;
}

/**
 * For each command of `text` that runs a context file with a shebang (node's, or another runner's: tsx, ts-node),
 * the command the kernel runs: the shebang's interpreter (past `env` and its `-S`) with its options, then the file.
 */
function shebangCommands(a: Analysis, text: string, context: BuildContext): string[] {
  const script = parseShell(text);
  if (!script.ok) return [];
  const commands: string[] = [];
  for (const c of simpleCommands(script)) {
    if (!c.name?.includes("/")) continue;
    const abs = resolvePath(a.workdir, c.name);
    const src = abs === null ? null : contextSource(abs, a.sources);
    const first = src === null ? null : (context.read(src)?.split("\n", 1)[0] ?? null);
    const m = first === null ? null : /^#!\s*(\S+)(.*)$/.exec(first);
    if (!m || abs === null) continue;
    const words = [m[1], ...m[2].trim().split(/\s+/).filter(Boolean)];
    if (posix.basename(words[0]) === "env") words.splice(0, words[1] === "-S" ? 2 : 1);
    // Another runner (`#!/usr/bin/env tsx`, `ts-node`, `babel-node`) is a program the file runs with, as in `tsx file`.
    if (words[0] === undefined || LINE_SHELLS.has(posix.basename(words[0]))) continue;
    commands.push([...words, abs, ...c.args.map((w) => w.text)].join(" "));
  }
  return commands;
}

/** Static file servers: they serve a folder and load nothing from the project's node_modules. */
export const STATIC_SERVERS = new Set(["serve", "http-server"]);
const SHELLS = new Set([...LINE_SHELLS, "exec"]);
/** Healthcheck programs that run the project's node code. */
const NODE_HEALTHCHECKS = new Set(["node", "nodejs", "npm", "npx", "yarn", "pnpm"]);

/**
 * May the image load the project's node_modules? Yes unless every program it runs is a known static server
 * (or the shell that starts one): a launcher (`pm2-runtime`, `nodemon`, `tini -- node`) runs node too. A static
 * server counts only as a bare name that is no program of the project's node_modules (a global install, npx's
 * fetch): `./node_modules/.bin/serve`, or `serve` found through a PATH that names node_modules/.bin, is the
 * project's copy, which loads its modules from there.
 */
export function runsNode(a: Analysis): boolean {
  return a.entry.some((e) => {
    const name = posix.basename(e.name);
    const global = !e.name.includes("/") && !/(^|\/)node_modules\//.test(e.artifact ?? "");
    // A healthcheck that runs node (`node healthcheck.js`, `npm run health`) loads the project's modules too.
    if (e.from === "HEALTHCHECK") return NODE_HEALTHCHECKS.has(name) || /(^|\/)node_modules\//.test(e.name);
    return !(STATIC_SERVERS.has(name) && global) && !SHELLS.has(name);
  });
}

/** Whether devDependencies must stay in the runtime, and the evidence. */
/** A string that ends at a folder named node_modules (`'node_modules'`, `__dirname + "/node_modules/"`). */
const NODE_MODULES_FOLDER = /["'`](?:[^"'`\n]*\/)?node_modules\/?["'`]/;

export function devDependencyUse(
  a: Analysis,
  project: NodeProject,
  context: BuildContext,
  /** devDependencies the user asserts the runtime never loads (option `build-only-dev-deps`). */
  buildOnly: readonly string[] = [],
): DevUse {
  const devDeps = Object.keys(project.pkg.devDependencies ?? {});
  if (devDeps.length === 0) return { keep: false };
  const workspaces = workspacePackages(context, project.dir);
  const own = ownModules(a, project, context);
  const run = runTexts(a, project, context, workspaces, own);
  if ("computed" in run)
    return { keep: true, reason: `\`${run.computed}\` runs a package manager with a computed command, so the script it runs is unknown` };
  const { texts } = run;
  // `npx <tool>`: the tool it runs. One that a production dependency provides needs no devDependency.
  const npx = /\bnpx\s+(?:-\S+\s+)*([^\s;&|"',\]]+)/.exec(texts.join("\n"))?.[1] ?? null;
  const npxProd = npx !== null && (prodProvides(a, project, npx) || npxFetches(a, project, context, npx));
  const tool = a.entry.find((e) => {
    const name = posix.basename(e.name);
    return devDeps.includes(a.bins.get(name) ?? name) || devDeps.includes(BIN_PACKAGES[name] ?? "") || (name === "npx" && !npxProd);
  });
  if (tool) return { keep: true, reason: `the entry runs \`${posix.basename(tool.name) === "npx" && npx ? `npx ${npx}` : tool.name}\`` };
  // A program of a devDependency in a script the entry runs (a `prestart` hook's `rimraf`, `npm exec x`).
  const devBin = devProgram(texts, (name) => devDeps.includes(a.bins.get(name) ?? name) || devDeps.includes(BIN_PACKAGES[name] ?? ""));
  if (devBin)
    return { keep: true, reason: `\`${named(a, context, devBin.text)}\` runs \`${devBin.name}\`, a program of the devDependencies` };
  // A task runner or watcher starts commands its config file names (nps's package-scripts.js, nodemon.json's
  // execMap), which are not followed here; ts-node type-checks the sources against the devDependencies' types.
  const runner = devProgram(texts, (name) => UNFOLLOWED_RUNNERS.has(name));
  if (runner) {
    const typed = /^ts-node/.test(runner.name) && devDeps.some((d) => d === "typescript" || d.startsWith("@types/"));
    const why = typed ? "which type-checks the sources against the types of the devDependencies" : UNFOLLOWED_RUNNERS.get(runner.name);
    const text = named(a, context, runner.text);
    return { keep: true, reason: `${text === runner.name ? "the entry" : `\`${text}\``} runs \`${runner.name}\`, ${why}` };
  }
  // A production package's required peer that only the devDependencies bring (`legacy-peer-deps`): pruned with them.
  const peer = devOnlyPeer(project, context);
  if (peer)
    return { keep: true, reason: `the dependency \`${peer.pkg}\` needs its peer \`${peer.peer}\`, which only the devDependencies install` };
  // NODE_OPTIONS applies its preloads to every node process the image starts; a build argument's default is
  // its value (`ENV NODE_OPTIONS=$PRELOAD`), and one without a default may be anything.
  const written = stageEnv(a, "NODE_OPTIONS");
  const options = written === null ? null : expandArgs(a, written);
  if (written !== null && options === null)
    return { keep: true, reason: `\`NODE_OPTIONS=${written}\` takes a build argument, which may preload a module` };
  if (options !== null && PRELOAD.test(` ${options} `))
    return { keep: true, reason: `\`NODE_OPTIONS=${written}\`${written === options ? "" : ` (\`${options}\`)`} preloads a module` };
  const outside = preloadsElsewhere(a, project, context, texts);
  if (outside) return { keep: true, reason: outside };
  for (const text of texts)
    for (const config of pm2Configs(a, text, context))
      if (config.commands === null)
        return { keep: true, reason: `\`${config.file}\`, the ecosystem file pm2 starts, ${config.why}, so what its apps load is unknown` };
  const loadsDev = devLoad(project, context, workspaces);
  /**
   * Keep when the module graph from `src` loads or names a devDependency, or cannot be followed. `hooks`: `src`
   * is the config of `next start`, whose `webpack` hook only a build calls: a name inside its body is the build's.
   */
  const graphUse = (src: string, hooks = false): DevUse | null => {
    const graph = graphThroughWorkspaces(context, src, project.dir, workspaces, own);
    if (!graph.ok)
      return { keep: true, reason: `\`${graph.reason.file}\` ${GAPS[graph.reason.kind]}, so the module graph cannot be followed` };
    for (const [pkg, from] of graph.packages) {
      const dev = loadsDev(pkg);
      if (dev) return { keep: true, reason: `\`${from}\` loads ${dev}` };
    }
    // A devDependency named as a string, which another package loads by that name (a view engine, a log transport),
    // also in a JSON file the app requires (`pino(require('./logger.json'))` with a transport `target`); the
    // manifests are not such files (package.json itself lists the devDependencies).
    for (const path of graph.files.filter((f) => !/(^|\/)(package|package-lock|npm-shrinkwrap)\.json$/.test(f))) {
      // Module specifiers are loads, followed above (a type-only import loads nothing).
      const raw = context.read(path) ?? "";
      const text = (hooks && path === src ? withoutWebpackHooks(raw) : raw).replace(SPECIFIER, "");
      // Also a subpath or a preload option (`execArgv: ["-r", "ts-node/register"]`, `"--import=tsx"`, `"tsx/esm"`).
      const named = devDeps.find((d) => namesPackage(text, d));
      if (named) return { keep: true, reason: `\`${path}\` names the devDependency \`${named}\`, which a package may load by that name` };
      if (path.endsWith(".json")) continue;
      // A path into node_modules (`express.static(__dirname + '/node_modules/bootstrap/dist')`) reads the package's files.
      const read = devDeps.find((d) => new RegExp(`node_modules/${d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[/"'\`]|$)`, "m").test(text));
      if (read) return { keep: true, reason: `\`${path}\` reads \`node_modules/${read}\` by path, the files of a devDependency` };
      // A program of node_modules/.bin run by path (`execSync("./node_modules/.bin/knex migrate:latest")`): its package.
      for (const m of text.matchAll(/node_modules\/\.bin\/([\w@.-]+)/g)) {
        const pkg = a.bins.get(m[1]) ?? BIN_PACKAGES[m[1]];
        if (pkg !== undefined && !devDeps.includes(pkg)) continue;
        return {
          keep: true,
          reason:
            pkg === undefined
              ? `\`${path}\` runs \`node_modules/.bin/${m[1]}\`, a program the lockfile gives no package for`
              : `\`${path}\` runs \`node_modules/.bin/${m[1]}\`, a program of the devDependency \`${pkg}\``,
        };
      }
      if (NODE_MODULES_FOLDER.test(text))
        return { keep: true, reason: `\`${path}\` names the folder \`node_modules\`, whose devDependencies it may read by path` };
    }
    return null;
  };
  /** The entry is a server that bundles every package but the `dependencies`: the devDependencies are in it. */
  let bundled = false;
  for (const text of texts) {
    if (preloads(text)) {
      return { keep: true, reason: `\`${named(a, context, text)}\` preloads a module` };
    }
    for (const file of nodeEntryFiles(text, a.workdir)) {
      if (typeof file !== "string") {
        // Code given on the command line: what it loads, read as a file would be.
        const inline = inlineImportGraph(context, file.code, project.dir);
        const dev = inline.ok ? [...inline.packages.keys()].map(loadsDev).find((d) => d !== null) : null;
        if (!inline.ok || dev)
          return {
            keep: true,
            reason: `\`${named(a, context, text)}\` runs code given on the command line that loads ${dev ?? "modules"}`,
          };
        continue;
      }
      // `for j in jobs/*.js; do node "$j"`: the shell picks the file at run time.
      if (/[$*?`[]/.test(file))
        return { keep: true, reason: `\`${named(a, context, text)}\` runs node on a file the shell computes (\`${file}\`)` };
      // A file of an installed package is that package's program: `node node_modules/next/dist/bin/next start`
      // needs what `npx next start` needs, the package itself.
      const owner = installedPackage(a, file);
      if (owner !== null) {
        if (devDeps.includes(owner)) return { keep: true, reason: `the entry runs \`${file}\` of the devDependency \`${owner}\`` };
        if (Object.hasOwn({ ...project.pkg.dependencies, ...project.pkg.optionalDependencies }, owner)) continue;
        return { keep: true, reason: `the entry runs \`${file}\` of \`${owner}\`, which package.json does not list as a dependency` };
      }
      const src = sourceOf(a, project, context, file);
      // adapter-node's server bundles every package but the `dependencies`, which it imports (sveltejs/kit#1648).
      if (src === null && adapterNodeServer(a, project, context, file)) {
        bundled = true;
        continue;
      }
      if (src === null) return { keep: true, reason: `the sources of the entry file \`${file}\` are not in the build context` };
      const use = graphUse(src);
      if (use) return use;
    }
  }
  // A framework's server loads the project's config file at start (`next start` → next.config.js).
  const joined = texts.join("\n");
  // Files a production package loads by convention rather than by import: node-config's `config/*.js`, the
  // knexfile that knex's CLI loads, sequelize-cli's `.sequelizerc`, config and migrations.
  const prod = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies };
  const inProject = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const conventional: string[] = [];
  if (Object.hasOwn(prod, "config")) {
    if (stageEnv(a, "NODE_CONFIG_DIR") !== null || /\bNODE_CONFIG_DIR=/.test(joined))
      return { keep: true, reason: "`NODE_CONFIG_DIR` names the folder whose files node-config (`config`) loads, which is not followed" };
    conventional.push(
      ...context
        .list(inProject("config"))
        .filter((f) => /\.(c|m)?[jt]s$/.test(f))
        .map((f) => inProject(`config/${f}`)),
    );
  }
  if (Object.hasOwn(prod, "knex") && /(^|[\s/;&|])knex\s/m.test(joined)) {
    const knexfiles = ["knexfile.js", "knexfile.cjs", "knexfile.mjs", "knexfile.ts"].map(inProject).filter((f) => context.exists(f));
    // knex's CLI loads a TypeScript knexfile through the first register hook it finds installed (interpret's `.ts` list).
    const ts = knexfiles.find((f) => f.endsWith(".ts"));
    const hook = TS_REGISTER_HOOKS.find((n) => devDeps.includes(n));
    if (ts && hook)
      return { keep: true, reason: `knex's CLI loads \`${ts}\` through the TypeScript register hook of the devDependency \`${hook}\`` };
    conventional.push(...knexfiles);
  }
  if (Object.hasOwn(prod, "sequelize-cli") && /(^|[\s/;&|])sequelize(-cli)?\s/m.test(joined)) {
    const files = [".sequelizerc", "config/config.js", "config/config.json", "models/index.js"].map(inProject);
    const migrations = ["migrations", "seeders"].flatMap((d) => context.list(inProject(d)).map((f) => inProject(`${d}/${f}`)));
    conventional.push(...[...files, ...migrations.filter((f) => /\.[cm]?js$/.test(f))].filter((f) => context.exists(f)));
  }
  for (const src of conventional) {
    const use = graphUse(src);
    if (use) return use;
  }
  for (const [program, configs] of Object.entries(RUNTIME_CONFIGS)) {
    if (!new RegExp(`(^|[\\s/])${program}\\s+start\\b`).test(joined)) continue;
    for (const config of configs) {
      const src = project.dir === "." ? config : `${project.dir}/${config}`;
      if (context.read(src) === null) continue;
      // Next compiles a TypeScript config at start with the project's typescript (and installs it when missing).
      if (program === "next" && config.endsWith(".ts") && devDeps.includes("typescript"))
        return { keep: true, reason: `\`next start\` compiles \`${config}\` with the devDependency \`typescript\`` };
      const use = graphUse(src, program === "next");
      if (use) return use;
    }
  }
  // The original prunes them itself after the install (`npm prune --omit=dev`): its image runs without them.
  if (prunesDev(a)) return { keep: false };
  const compiler = runtimeCompiler(project, context, devDeps, prod);
  if (compiler) return { keep: true, reason: compiler };
  // A library the graph does not show is no evidence the app does without it: a production package may load it
  // by a name the code does not write as a module specifier (see dev-roles.ts). An image that runs no node loads none.
  const allLibraries = devDeps.filter((d) => devRole(d) === null);
  // `npx serve dist` with serve in no manifest: npx fetches the server into its own cache, whose modules never
  // resolve to the project's node_modules.
  const fetchedServer =
    npx !== null &&
    STATIC_SERVERS.has(npx) &&
    npxFetches(a, project, context, npx) &&
    a.entry.every((e) => e.from === "HEALTHCHECK" || posix.basename(e.name) === "npx");
  if (allLibraries.length === 0 || bundled || !runsNode(a) || fetchedServer) return { keep: false };
  const helper = compiledHelper(project, context, devDeps);
  if (helper) return { keep: true, reason: helper };
  // The user's word answers the library rule only: evidence above (an import, a preload, a program) still keeps.
  const libraries = allLibraries.filter((d) => !buildOnly.includes(d));
  if (libraries.length === 0) return { keep: false, byOption: allLibraries };
  const one = libraries.length === 1;
  return {
    keep: true,
    libraries: true,
    reason:
      `${one ? "the devDependency" : "the devDependencies"} ${someNames(libraries)} ${one ? "is a library, not a build, lint or test tool" : "are libraries, not build, lint or test tools"}, ` +
      "and a production package may load a library by a name the code never imports (a database driver by its dialect, a view engine by a " +
      "file extension, a log transport named in a config file)",
  };
}

/**
 * Does a string of `text` name the package `d`: the name alone, a subpath (`"ts-node/register/transpile-only"`),
 * or a preload option's value (`"--import=tsx"`, `"--require=ts-node/register"`)?
 */
function namesPackage(text: string, d: string): boolean {
  if (!text.includes(d)) return false;
  const name = d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(["'\`])(?:--(?:require|import|loader|experimental-loader)=)?${name}(?:/[^"'\`\\s]*)?\\1`).test(text);
}

/** The packages whose register hook knex's CLI (rechoir with interpret) tries for a `.ts` knexfile, in its order. */
const TS_REGISTER_HOOKS = ["ts-node", "sucrase", "@babel/register", "esbuild-register", "@swc/register"];

/** A RUN of the stage that removes the devDependencies from node_modules: npm's or pnpm's prune to production. */
function prunesDev(a: Analysis): boolean {
  return a.stage.body.some(
    (i) => i.keyword === "RUN" && /\b(npm|pnpm)\s+prune\b[^;&|\n]*\s(--omit[=\s]dev|--production|--prod)\b/.test(i.args),
  );
}

/** Parsers node-config (`config`) loads for config files by their extension (node-config's lib/config parser). */
const CONFIG_PARSERS: Readonly<Record<string, readonly string[]>> = {
  ".ts": ["ts-node", "typescript"],
  ".yml": ["js-yaml", "yaml"],
  ".yaml": ["js-yaml", "yaml"],
  ".coffee": ["coffeescript", "coffee-script"],
  ".cson": ["cson"],
  ".properties": ["properties"],
  ".toml": ["toml"],
  ".hjson": ["hjson"],
  ".json5": ["json5"],
  ".xml": ["x2js"],
};
/** Babel's config files (babel's "Configure Babel" docs); package.json's `babel` field is read too. */
const BABEL_CONFIGS = [
  ".babelrc",
  ".babelrc.json",
  ".babelrc.js",
  ".babelrc.cjs",
  ".babelrc.mjs",
  "babel.config.js",
  "babel.config.json",
  "babel.config.cjs",
  "babel.config.mjs",
];

/**
 * A production package that compiles or parses at run time with build tools of the devDependencies: node-config's
 * parsers for `config/*.ts|yml|…`, babel's presets and plugins when `@babel/register` (or babel itself) is a
 * dependency, TypeScript for a ts-node or tsx that is one, `@swc/core` for swc's register hook. The note's reason.
 */
function runtimeCompiler(
  project: NodeProject,
  context: BuildContext,
  devDeps: readonly string[],
  prod: Readonly<Record<string, unknown>>,
): string | null {
  const inProject = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const dev = (names: readonly string[]) => names.find((n) => devDeps.includes(n));
  if (Object.hasOwn(prod, "config"))
    for (const file of context.list(inProject("config"))) {
      const parser = dev(CONFIG_PARSERS[posix.extname(file)] ?? []);
      if (parser) return `node-config (\`config\`) parses \`config/${file}\` with the devDependency \`${parser}\``;
    }
  const babel = ["@babel/register", "babel-register", "@babel/node", "@babel/core", "babel-core"].find((n) => Object.hasOwn(prod, n));
  if (babel) {
    const config =
      BABEL_CONFIGS.find((f) => context.exists(inProject(f))) ??
      ((project.pkg as { babel?: unknown }).babel !== undefined ? "package.json" : null);
    const tools = devDeps.filter((d) => /^(@babel\/(preset|plugin)-|babel-(preset|plugin)-)|^@babel\/core$|^babel-core$/.test(d));
    if (config && tools.length > 0)
      return `the dependency \`${babel}\` compiles code at run time with the presets and plugins \`${config}\` names, which are devDependencies (${someNames(tools)})`;
  }
  // ts-node and ts-node-dev compile with `typescript` (their peer); tsx compiles with esbuild and never loads it.
  const ts = ["ts-node", "ts-node-dev"].find((n) => Object.hasOwn(prod, n));
  if (ts && devDeps.includes("typescript"))
    return `the dependency \`${ts}\` compiles TypeScript at run time with the devDependency \`typescript\``;
  const swc = ["@swc/register", "@swc-node/register"].find((n) => Object.hasOwn(prod, n));
  if (swc && devDeps.includes("@swc/core"))
    return `the dependency \`${swc}\` compiles code at run time with the devDependency \`@swc/core\``;
  return null;
}

/**
 * A compiler setting that makes the compiled files require a helper library: tsconfig `importHelpers` (tslib),
 * `jsx: react-jsx` (react/jsx-runtime), swc's `externalHelpers` (@swc/helpers). The note's reason.
 */
function compiledHelper(project: NodeProject, context: BuildContext, devDeps: readonly string[]): string | null {
  const read = (f: string) => (context.read(posix.join(project.dir, f)) ?? "").replace(/\/\/.*$/gm, "");
  const tsconfig = read("tsconfig.json");
  if (devDeps.includes("tslib") && /"importHelpers"\s*:\s*true/.test(tsconfig))
    return "`tsconfig.json` sets `importHelpers`, so the compiled files require the devDependency `tslib`";
  if (devDeps.includes("react") && /"jsx"\s*:\s*"react-jsx(dev)?"/.test(tsconfig))
    return "`tsconfig.json` sets `jsx: react-jsx`, so the compiled files require `react/jsx-runtime` of the devDependency `react`";
  if (devDeps.includes("@swc/helpers") && /"externalHelpers"\s*:\s*true/.test(read(".swcrc")))
    return "`.swcrc` sets `externalHelpers`, so the compiled files require the devDependency `@swc/helpers`";
  return null;
}

/**
 * Preloads set outside the Dockerfile's ENV and the command line: `.npmrc`'s `node-options` (npm gives them to
 * the scripts it runs), `NODE_OPTIONS` in a file `--env-file` hands node. The note's reason.
 */
function preloadsElsewhere(a: Analysis, project: NodeProject, context: BuildContext, texts: readonly string[]): string | null {
  const joined = texts.join("\n");
  if (/(^|[\s/;&|(])npm\s/m.test(joined) || a.entry.some((e) => posix.basename(e.name) === "npm")) {
    const npmrc = context.read(posix.join(project.dir, ".npmrc")) ?? "";
    const m = /^\s*node-options\s*=\s*(.*)$/m.exec(npmrc);
    if (m && PRELOAD.test(` ${m[1].replace(/^["']|["']$/g, "")} `))
      return `\`.npmrc\` sets \`node-options=${m[1].trim()}\`, which npm gives the scripts it runs, and that preloads a module`;
  }
  for (const m of joined.matchAll(/--env-file(?:-if-exists)?(?:=|\s+)(["']?)([^\s"';&|]+)\1/g)) {
    const abs = resolvePath(a.workdir, m[2]);
    const src = abs === null ? null : contextSource(abs, a.sources);
    const text = src === null ? null : context.read(src);
    if (text === null) continue;
    const value = /^\s*(?:export\s+)?NODE_OPTIONS\s*=\s*(.*)$/m.exec(text)?.[1];
    if (value !== undefined && PRELOAD.test(` ${value.replace(/^["']|["']$/g, "")} `))
      return `\`${m[2]}\`, which \`--env-file\` hands node, sets \`NODE_OPTIONS=${value.trim()}\`, which preloads a module`;
  }
  return null;
}

/** `value` with the stage's ARG defaults and earlier ENV values put for `$NAME`/`${NAME}`; null when one has no value. */
function expandArgs(a: Analysis, value: string): string | null {
  const known = new Map<string, string | null>();
  for (const instr of a.stage.body) {
    if (instr.keyword !== "ARG" && instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? []) if (v.name !== "NODE_OPTIONS") known.set(v.name, v.value);
  }
  let unknown = false;
  const out = value.replace(
    /\$(?:\{(\w+)(?::?-([^}]*))?\}|(\w+))/g,
    (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      // The node image sets no NODE_OPTIONS: `$NODE_OPTIONS` appends to nothing.
      if ((braced ?? bare) === "NODE_OPTIONS") return "";
      const v = known.get(braced ?? bare ?? "");
      if (v !== undefined && v !== null) return v;
      if (fallback !== undefined) return fallback;
      unknown = true;
      return "";
    },
  );
  return unknown ? null : out;
}

/**
 * The app's own files that bare names load: its package's through `exports`, those under NODE_PATH's folders
 * and tsconfig's `baseUrl` (`import { Track } from "src/track"`), those tsconfig's `paths` map (`@/db`).
 */
export function ownModules(a: Analysis, project: NodeProject, context: BuildContext): OwnModules {
  const { name, exports, dependencies, optionalDependencies, devDependencies } = project.pkg;
  const self = typeof name === "string" && exports !== undefined ? { name, dir: project.dir } : null;
  // ENV NODE_PATH, or `NODE_PATH=lib node server.js` in what the entry runs; relative folders are the working folder's.
  const values = [
    stageEnv(a, "NODE_PATH"),
    ...entryTexts(a, project.pkg, context).flatMap((t) => [...t.matchAll(/\bNODE_PATH=(\S*)/g)].map((m) => m[1])),
  ];
  const nodePath = values
    .flatMap((v) => (v ?? "").replace(/^["']|["']$/g, "").split(":"))
    .map((dir) => (dir === "" ? null : resolvePath(a.workdir, dir)))
    .map((abs) => (abs === null ? null : contextSource(abs, a.sources)))
    .filter((dir): dir is string => dir !== null);
  const baseUrl = tsConfigValue(project, context, "baseUrl");
  const folders = baseUrl === null ? nodePath : [...nodePath, posix.join(project.dir, baseUrl)];
  // `paths` targets are relative to baseUrl, or to tsconfig's folder without one.
  const paths = /"paths"\s*:\s*\{([^}]*)\}/.exec((context.read(posix.join(project.dir, "tsconfig.json")) ?? "").replace(/\/\/.*$/gm, ""));
  const aliases = [...(paths?.[1] ?? "").matchAll(/"([^"]+)"\s*:\s*\[([^\]]*)\]/g)].map((m) => ({
    pattern: m[1],
    targets: [...m[2].matchAll(/"([^"]+)"/g)].map((t) => posix.join(project.dir, baseUrl ?? ".", t[1])),
  }));
  const declared = new Set(Object.keys({ ...dependencies, ...optionalDependencies, ...devDependencies }));
  return { self, folders, aliases, declared };
}

/**
 * What the image runs (`entryTexts`), with the package-manager commands the app's own files run at run time
 * (`execSync("npm run -s report")`, `spawn("npm", ["run", "report"])`) and the scripts those start; or the file
 * of one whose command is computed.
 */
function runTexts(
  a: Analysis,
  project: NodeProject,
  context: BuildContext,
  workspaces: ReadonlyMap<string, string>,
  own: OwnModules,
): { texts: string[] } | { computed: string } {
  const texts = entryTexts(a, project.pkg, context);
  const read = new Set<string>();
  for (let i = 0; i < texts.length && i < MAX_TEXTS; i++) {
    const before = texts.length;
    for (const file of nodeEntryFiles(texts[i], a.workdir)) {
      const src = typeof file === "string" ? sourceOf(a, project, context, file) : null;
      const graph = src === null ? null : graphThroughWorkspaces(context, src, project.dir, workspaces, own);
      // A graph that cannot be followed keeps devDependencies anyway (devDependencyUse says why).
      if (!graph?.ok) continue;
      for (const path of graph.files.filter((f) => !f.endsWith(".json") && !read.has(f))) {
        read.add(path);
        const commands = managerCommands(context.read(path) ?? "");
        if (commands === null) return { computed: path };
        for (const command of commands) if (!texts.includes(command)) texts.push(command);
      }
    }
    if (texts.length > before) withScripts(a, texts, project.pkg, context);
  }
  return { texts };
}

/** Programs that start other commands or the app's code in ways not followed here, with what a note says of them. */
const UNFOLLOWED_RUNNERS: ReadonlyMap<string, string> = new Map([
  ...["nps", "gulp", "grunt"].map((n): [string, string] => [n, "a task runner whose tasks, set in its own file, are not followed"]),
  ...["concurrently", "npm-run-all", "run-s", "run-p"].map((n): [string, string] => [
    n,
    "a runner of several commands, which are not followed",
  ]),
  ...["nodemon", "node-dev", "supervisor"].map((n): [string, string] => [
    n,
    "a watcher whose config (what it runs, on which files) is not followed",
  ]),
  ...["ts-node", "ts-node-esm", "ts-node-dev", "tsnd", "tsx", "babel-node"].map((n): [string, string] => [
    n,
    "a loader that compiles the sources, whose module graph is not followed",
  ]),
]);

/** What `npm start` runs when package.json has no start script. */
const DEFAULT_START = "node server.js";
const NODE_RUNNERS = new Set(["node", "nodejs"]);
/** node options whose value is the next word when not joined by `=`. */
const VALUE_OPTIONS = new Set(
  (
    "-r --require --import --loader --experimental-loader --env-file --env-file-if-exists --title -C --conditions --run " +
    "--input-type --redirect-warnings --icu-data-dir --openssl-config --tls-keylog --watch-path --inspect-port " +
    "--debug-port --heapsnapshot-signal --diagnostic-dir --report-dir --report-directory --report-filename " +
    "--report-signal --secure-heap --secure-heap-min --unhandled-rejections --dns-result-order --disable-warning " +
    "--experimental-config-file --localstorage-file --max-http-header-size"
  ).split(" "),
);
/** Options that give node its code on the command line: no file to follow. */
const INLINE = new Set(["-e", "--eval", "-p", "--print", "-"]);

/** Words of the package managers that run a program of node_modules/.bin by name (`npm exec x`, `yarn run x`). */
const RUNS_BIN: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(["exec", "x"]),
  yarn: new Set(["run", "exec", "dlx"]),
  pnpm: new Set(["exec", "dlx", "run"]),
};

/** The first program `isDev` accepts among the commands of `texts` (through wrappers and package-manager runners). */
function devProgram(texts: readonly string[], isDev: (name: string) => boolean): { text: string; name: string } | null {
  for (const text of texts) {
    const script = parseShell(text);
    if (!script.ok) continue;
    for (const c of simpleCommands(script)) {
      if (!c.name) continue;
      for (const argv of commandChain([c.name, ...c.args.map((w) => w.value ?? w.text)])) {
        const tool = posix.basename(argv[0]);
        const operands = argv.slice(1).filter((w) => !w.startsWith("-"));
        const ran = RUNS_BIN[tool]?.has(operands[0] ?? "") ? operands[1] : tool === "yarn" || tool === "npx" ? operands[0] : undefined;
        for (const name of [tool, ran]) if (name && isDev(name)) return { text: text.trim(), name };
      }
    }
  }
  return null;
}

/**
 * The ecosystem files the pm2 commands of `text` start, each with the commands of its apps, or null and why
 * not when they cannot be read.
 */
export function pm2Configs(
  a: Analysis,
  text: string,
  context: BuildContext,
): Array<{ file: string; commands: string[] } | { file: string; commands: null; why: string }> {
  const script = parseShell(text);
  if (!script.ok) return [];
  const configs: Array<{ file: string; commands: string[] } | { file: string; commands: null; why: string }> = [];
  for (const c of simpleCommands(script)) {
    if (!c.name) continue;
    for (const argv of commandChain([c.name, ...c.args.map((w) => w.value ?? w.text)])) {
      const target = pm2Target(argv);
      if (target === null || !PM2_CONFIG.test(target)) continue;
      const abs = resolvePath(a.workdir, target);
      const src = abs === null ? null : contextSource(abs, a.sources);
      const content = src === null ? null : context.read(src);
      if (abs === null || content === null) {
        configs.push({ file: target, commands: null, why: "is not in the build context" });
        continue;
      }
      const commands = ecosystemCommands(content, abs, a.workdir, (path) => {
        const src = contextSource(path, a.sources);
        return src !== null && context.read(src) !== null;
      });
      configs.push(
        commands === null
          ? { file: target, commands, why: "sets its apps with code or for an interpreter other than node" }
          : { file: target, commands },
      );
    }
  }
  return configs;
}

/** The name the code of `node -e` goes by when its module graph is read. */
export const INLINE_FILE = "[command line]";

/** The module graph of code given on the command line (`node -e "require('./boot')"`), read as a file would be. */
export function inlineImportGraph(context: BuildContext, code: string, dir: string): ReturnType<typeof importGraph> {
  return importGraph({ ...context, read: (p) => (p === INLINE_FILE ? code : context.read(p)) }, INLINE_FILE, dir);
}

/**
 * The file each node command of `text` runs (past its options and their values), or the code given inline. After a
 * `cd` to a literal folder (`cd /srv/app && node server.js`), a relative file is that folder's, given as an absolute
 * path; after one the pass cannot follow (`cd "$APP"`, one inside a subshell or a condition), it is `$PWD/<file>`,
 * which reads as computed. `workdir`: where the shell starts.
 */
export function nodeEntryFiles(text: string, workdir: string | null = null): Array<string | { readonly code: string }> {
  const script = parseShell(text);
  if (!script.ok) return [];
  const files: Array<string | { readonly code: string }> = [];
  /** undefined until a `cd`; null once one goes where the pass cannot tell. */
  let cwd: string | null | undefined;
  const at = (file: string) =>
    cwd === undefined || file.startsWith("/") ? file : cwd === null ? `$PWD/${file}` : (resolvePath(cwd, file) ?? `$PWD/${file}`);
  for (const c of simpleCommands(script)) {
    if (!c.name) continue;
    if (c.name === "cd") {
      cwd = cdTarget(c, cwd === undefined ? workdir : cwd);
      continue;
    }
    for (const argv of commandChain([c.name, ...c.args.map((a) => a.value ?? a.text)])) {
      // pm2 runs an app file with node; an ecosystem file's apps are followed as commands of their own (a
      // JavaScript one is still loaded, by pm2).
      const pm2 = pm2Target(argv);
      if (pm2 !== null && !/\.json$|\.ya?ml$/.test(pm2)) files.push(at(pm2));
      if (!NODE_RUNNERS.has(posix.basename(argv[0]))) continue;
      const args = argv.slice(1);
      for (let i = 0; i < args.length; i++) {
        const word = args[i];
        if (INLINE.has(word)) {
          // From standard input: code unseen, which reads as a computed require.
          files.push({ code: word === "-" ? "require(stdin)" : (args[i + 1] ?? "") });
          break;
        }
        if (VALUE_OPTIONS.has(word)) i++;
        else if (!word.startsWith("-")) {
          files.push(at(word));
          break;
        }
      }
    }
  }
  return files;
}

/** Where `cd` (the command `c`) leaves the shell that stood in `cwd`: null when not literal, or when it runs only in a subshell or a condition. */
function cdTarget(c: SimpleCommand, cwd: string | null): string | null {
  for (let node = c.node.parent; node && node.type !== "program"; node = node.parent)
    if (node.type !== "list" && node.type !== "redirected_statement") return null;
  const target = c.args[0]?.value;
  if (c.args.length !== 1 || target === undefined || target === null || target === "-") return null;
  return resolvePath(cwd, target);
}

export const GAPS = {
  computed: "loads a computed module name",
  missing: "loads a file the context does not hold",
  launched: "starts a worker or a node process whose file is computed",
  subpath: "loads a `#` subpath import, mapped by package.json `imports`",
  workspaceEntry: "names as its entry a file the context does not hold (the build writes it)",
  selfReference: 'has `exports` that map a name the app loads its own files by (`require("<name>/…")`) to no file of the context',
} as const;

/** Config files a framework's production server loads at start. */
const RUNTIME_CONFIGS: Readonly<Record<string, readonly string[]>> = {
  next: ["next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"],
  nuxt: ["nuxt.config.js", "nuxt.config.mjs", "nuxt.config.ts"],
};

const PRELOAD = /(^|\s)(-r|--require|--import|--loader|--experimental-loader)(\s|=)/;
/** Programs that take node's preload options (`semver -r` is semver's range, `mocha -r` runs in development). */
const PRELOADERS = new Set(["node", "nodejs", "ts-node", "tsx"]);

/** A command line that runs node (ts-node, tsx) with a preload option; one the shell reader cannot read is taken as one. */
function preloads(text: string, depth = 0): boolean {
  const parsed = parseShell(text);
  if (!parsed.ok || depth > 3) return PRELOAD.test(text);
  for (const cmd of simpleCommands(parsed)) {
    if (!cmd.name) continue;
    for (const argv of commandChain([cmd.name, ...cmd.args.map((w) => w.value ?? w.text)])) {
      const tool = posix.basename(argv[0]);
      const line = shellLineIndex(argv);
      if (line !== null) {
        if (preloads(argv[line], depth + 1)) return true;
      } else if (tool === "npx" || tool === "env") {
        if (preloads(argv.slice(1).join(" "), depth + 1)) return true;
      } else if (PRELOADERS.has(tool) && PRELOAD.test(` ${argv.slice(1).join(" ")} `)) return true;
    }
  }
  return false;
}

/** The last value the stage's ENV gives the variable `name`, as written. */
export function stageEnv(a: Analysis, name: string): string | null {
  let value: string | null = null;
  for (const instr of a.stage.body) {
    if (instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? []) if (v.name === name) value = v.value ?? "$?";
  }
  return value;
}

type LockEntry = {
  dev?: boolean;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** In npm's lockfile, a production package whose required peer is installed for development only. */
function devOnlyPeer(project: NodeProject, context: BuildContext): { pkg: string; peer: string } | null {
  if (project.manager !== "npm" || project.lockfile === null) return null;
  let packages: Record<string, LockEntry> | undefined;
  try {
    packages = JSON.parse(context.read(project.lockfile) ?? "null")?.packages;
  } catch {
    return null;
  }
  for (const [path, entry] of Object.entries(packages ?? {})) {
    if (path === "" || entry.dev) continue;
    for (const peer of Object.keys(entry.peerDependencies ?? {})) {
      if (entry.peerDependenciesMeta?.[peer]?.optional) continue;
      if (packages?.[`node_modules/${peer}`]?.dev === true) return { pkg: path.replace(/^.*node_modules\//, ""), peer };
    }
  }
  return null;
}

/** A production dependency of the manifest (not also a devDependency) provides the command `bin`. */
function prodProvides(a: Analysis, project: NodeProject, bin: string): boolean {
  // `npx serve@14`: npx may fetch that version at run time.
  if (/.@/.test(bin)) return false;
  const pkg = a.bins.get(bin) ?? BIN_PACKAGES[bin] ?? bin;
  return Object.hasOwn(project.pkg.dependencies ?? {}, pkg) && !Object.hasOwn(project.pkg.devDependencies ?? {}, pkg);
}

/**
 * `npx <bin>` runs a program no package of the project provides: npm's lockfile (v2+, which lists every installed
 * package with its commands) holds no package of that name and none at the top of node_modules (whose commands npm
 * links into node_modules/.bin) that has it, and the image installs no global package. npx then fetches it from the
 * registry at start (or runs the base image's own command), in the original as in a split: the devDependencies
 * are not what it runs.
 */
function npxFetches(a: Analysis, project: NodeProject, context: BuildContext, bin: string): boolean {
  if (/.@/.test(bin) || project.manager !== "npm" || project.lockfile === null || a.globalInstalls.length > 0) return false;
  let lock: { packages?: Record<string, { bin?: unknown; name?: unknown }> } | null = null;
  try {
    lock = JSON.parse(context.read(project.lockfile) ?? "null");
  } catch {
    return false;
  }
  if (typeof lock?.packages !== "object" || lock.packages === null) return false;
  return Object.entries(lock.packages).every(([key, entry]) => {
    const top = key === "" || /^node_modules\/(?:@[^/]+\/)?[^/]+$/.test(key);
    if (!top) return true;
    const commands = typeof entry?.bin === "object" && entry.bin !== null ? Object.keys(entry.bin) : [];
    return key !== `node_modules/${bin}` && !commands.includes(bin);
  });
}

/** The package an entry file under the project's node_modules belongs to (`node_modules/next/dist/bin/next` → `next`). */
export function installedPackage(a: Analysis, file: string): string | null {
  const abs = resolvePath(a.workdir, file);
  const rel = abs === null ? "" : posix.relative(a.workdir ?? "/", abs);
  return /^node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\//.exec(rel)?.[1] ?? null;
}

/** The context file behind the entry file: itself, or the TypeScript source a compiled file came from. */
export function sourceOf(a: Analysis, project: NodeProject, context: BuildContext, file: string): string | null {
  const abs = resolvePath(a.workdir, file);
  if (abs === null) return null;
  // `node index` finds index.js as require() would: the name, then with an extension, then a folder's index.
  const main = folderMain(abs, a.sources, context);
  const mains = main === null ? [] : [main, ...[".js", ".cjs", ".mjs", "/index.js"].map((x) => main + x)];
  for (const candidate of [abs, ...[".js", ".cjs", ".mjs"].map((x) => abs + x), ...mains, `${abs}/index.js`]) {
    const direct = contextSource(candidate, a.sources);
    if (direct !== null && context.read(direct) !== null) return direct;
  }
  const out = tsOutDir(project, context);
  const rel = posix.relative(a.workdir ?? "/", abs);
  if (out === null) return tscInPlaceSource(project, context, rel);
  if (!rel.startsWith(`${out.outDir}/`)) return null;
  // Without a rootDir, tsc takes the inputs' common folder: `src` when they all live there, else the project's.
  for (const root of out.rootDir === null ? ["src", "."] : [out.rootDir]) {
    const stem = posix.join(project.dir, root, rel.slice(out.outDir.length + 1)).replace(/\.[cm]?js$/, "");
    const found = [".ts", ".mts", ".cts", ".tsx", ".js"].map((e) => stem + e).find((p) => context.read(p) !== null);
    if (found) return found;
  }
  return null;
}

/** The entry file is (in) the server that SvelteKit's adapter-node writes, by the project's svelte.config. */
function adapterNodeServer(a: Analysis, project: NodeProject, context: BuildContext, file: string): boolean {
  const out = adapterNodeOut((p) => context.read(posix.join(project.dir, p)));
  const abs = resolvePath(a.workdir, file);
  return out !== null && abs !== null && a.workdir !== null && isUnder(abs, resolvePath(a.workdir, out) ?? "");
}

/** A string setting of the project's tsconfig.json, null when not set. */
function tsConfigValue(project: NodeProject, context: BuildContext, key: string): string | null {
  const text = context.read(posix.join(project.dir, "tsconfig.json"));
  if (text === null) return null;
  return new RegExp(`"${key}"\\s*:\\s*"([^"]+)"`).exec(text.replace(/\/\/.*$/gm, ""))?.[1] ?? null;
}

/** tsconfig's outDir and rootDir (null when not set), or null without an outDir. */
function tsOutDir(project: NodeProject, context: BuildContext): { outDir: string; rootDir: string | null } | null {
  const value = (key: string) => tsConfigValue(project, context, key);
  const outDir = value("outDir");
  if (outDir === null) return null;
  const clean = (p: string) => posix.normalize(p).replace(/^\.\/?|\/$/g, "");
  const rootDir = value("rootDir");
  return { outDir: clean(outDir), rootDir: rootDir === null ? null : clean(rootDir) || "." };
}
