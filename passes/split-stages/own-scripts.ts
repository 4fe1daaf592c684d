// A build step that runs the project's own script (`node scripts/gen.js`, `python tools/fetch_model.py`,
// `npm run build` → `node build.js`) does what its code says, which no tool table knows. The script and the local
// files it loads are read for two kinds of evidence: a reach into node_modules (hand-rolled patches of a
// dependency, found with `require.resolve`), and writes outside the working folder (an absolute path, the home
// folder, an ENV path, a climb above the project), which a runtime copying the working folder would lose.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { declaredVariables } from "../../src/core/instructions.js";
import { SPECIFIER } from "../../src/core/module-specifiers.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../src/core/shell.js";
import type { Analysis } from "./analysis.js";
import { contextSource } from "./entry.js";
import { isUnder, resolvePath } from "./paths.js";
import { djangoStatic } from "./django-static.js";
import { generatorWrites, goGenerateDirectives, goRunFiles } from "./go-run-files.js";
import { makeRecipes } from "./make-recipes.js";
import { INSTALL_HOOKS } from "./recipes/node-root-scripts.js";
import { commandChain } from "./wrappers.js";

export interface ScriptSources {
  readonly context: BuildContext;
  /** package.json `scripts` of the project. */
  readonly scripts: Readonly<Record<string, unknown>>;
  /** The `scripts` of the project's workspace packages, by folder (relative to the project's). */
  readonly workspaces?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

interface OwnScript {
  /** The command as written. */
  readonly command: string;
  /** A known tool it runs that downloads into the home folder, instead of a script file. */
  readonly download?: HomeDownload & { readonly tool: string };
  /** The context files of the script and the local files it loads; null when the context does not hold it. */
  readonly files: readonly string[] | null;
  /** A package.json script's own shell text (`mkdir -p /srv/data && …`), or Python's `-c` code, read like a file. */
  readonly body?: string;
  /** A Python module run by name (`python -m dl.fetch`) whose files are these (null: neither context nor table knows it). */
  readonly module?: string;
  /** A known Python module run by name that downloads into the home folder (`nltk.downloader`). */
  readonly home?: string;
  /** A module `-c` code imports that is neither the standard library's nor the project's. */
  readonly unvouched?: string;
  /** A shell script an install script runs that the context does not hold (or that the pass cannot find). */
  readonly unread?: string;
  /** Where a known command of the project's writes outside the working folder, found in `files` (collectstatic's STATIC_ROOT). */
  readonly evidence?: string;
  /** `unread` is a file the RUN's own command reads (a Makefile, a `go run` package), not an install script's. */
  readonly own?: true;
}

/** The file name `-c` code is reported under. */
export const INLINE = "-c";

/** The word after option `flag` (`-c CODE`, `-m MODULE`) before any script operand, or null. */
function optionWord(args: readonly string[], flag: string): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1] ?? null;
    if (!args[i].startsWith("-")) return null;
  }
  return null;
}

/**
 * What known modules run by name write: `work` (the working folder at most, or what the analysis reads itself:
 * pip, venv, compileall, the test runners, `build`'s dist/), `home` (a downloader whose default folder is the
 * home folder's: NLTK's downloader, `~/nltk_data` for root; Playwright's `install`, `~/.cache/ms-playwright`;
 * `huggingface_hub`'s CLI, `~/.cache/huggingface`), null for a module the table does not know.
 */
function knownModule(module: string, args: readonly string[]): "work" | "home" | null {
  if (WORK_MODULES.has(module)) return "work";
  if (module === "nltk.downloader" || module === "nltk") return "home";
  if (module === "playwright") return args.includes("install") ? "home" : "work";
  if (module === "huggingface_hub" || module === "huggingface_hub.commands.huggingface_cli") return "home";
  return null;
}

const WORK_MODULES = new Set(
  ["pip", "venv", "virtualenv", "ensurepip", "compileall", "py_compile", "pytest", "unittest", "build", "pipenv", "poetry"].concat([
    "grpc_tools.protoc",
    "mypy",
    "black",
    "flake8",
    "ruff",
    "pylint",
    "isort",
    "json.tool",
    "this",
    "site",
    "sysconfig",
    "platform",
  ]),
);

/** The context files of module `module` (`dl.downloader`: `dl/downloader.py` or `dl/downloader/__main__.py`), found in the folder the RUN runs in or any folder the build copied; null when none holds it. */
function moduleFiles(module: string, cwd: string | null, a: Analysis, context: BuildContext): string[] | null {
  if (!/^[\w.]+$/.test(module)) return null;
  const rel = module.replace(/\./g, "/");
  const roots = [...new Set([...(cwd === null ? [] : [cwd]), ...[...a.sources.keys()].filter((d) => d.startsWith("/"))])];
  for (const root of roots)
    for (const dir of [root, `${root}/src`])
      for (const file of [`${rel}.py`, `${rel}/__main__.py`]) {
        // `-m` puts the working folder first on sys.path: the module's imports resolve from it too.
        const rootSrc = contextSource(root, a.sources);
        const files = localFiles(posix.join(dir, file), "/", a, context, true, rootSrc === null ? [] : [rootSrc]);
        if (files !== null) return files;
      }
  return null;
}

/** The local modules `-c` code imports (`import prepare` → `prepare.py` of the working folder), with theirs. */
function localImports(code: string, cwd: string | null, a: Analysis, context: BuildContext): string[] {
  return importedModules(code).flatMap((n) => localFiles(`./${n.replace(/\./g, "/")}.py`, cwd, a, context, true) ?? []);
}

/** The modules code imports (`import a.b, c`, `from d import e`, `__import__("f")`, `importlib.import_module("g")`). */
function importedModules(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(
    /(?:^|[;\n:]|\s)(?:from\s+([\w.]+)\s+import|import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*))/g,
  )) {
    if (m[1] !== undefined) names.push(m[1]);
    else names.push(...m[2].split(",").map((n) => n.trim().split(/\s+/)[0]));
  }
  for (const m of code.matchAll(/\b(?:__import__|import_module)\s*\(\s*["']([\w.]+)["']/g)) names.push(m[1]);
  return names.filter((n) => n !== "" && !n.startsWith("."));
}

/** Does the context hold module `module` as the working folder's file or package? */
function isLocalModule(module: string, cwd: string | null, a: Analysis, context: BuildContext): boolean {
  const rel = module.split(".")[0];
  return [`./${rel}.py`, `./${rel}/__init__.py`].some((f) => localFiles(f, cwd, a, context, true) !== null);
}

/**
 * Top-level modules of CPython 3's standard library that `-c` code commonly imports (the library reference's module
 * index, docs.python.org/3/py-modindex.html); a module outside it and outside the project may download or write
 * anywhere, so the pass does not vouch for it.
 */
const STDLIB = new Set(
  (
    "__future__ abc argparse array ast asyncio base64 binascii bisect builtins bz2 calendar cmath codecs collections " +
    "compileall concurrent configparser contextlib copy csv ctypes dataclasses datetime decimal difflib dis email " +
    "encodings enum errno fcntl filecmp fnmatch fractions functools gc getopt getpass gettext glob grp gzip hashlib " +
    "heapq hmac html http importlib inspect io ipaddress itertools json keyword linecache locale logging lzma " +
    "marshal math mimetypes multiprocessing numbers operator os pathlib pickle pkgutil platform plistlib pprint " +
    "py_compile pwd queue random re reprlib resource secrets select selectors shlex shutil signal site socket " +
    "sqlite3 ssl stat statistics string struct subprocess sys sysconfig tarfile tempfile textwrap threading time " +
    "timeit tokenize traceback types typing unicodedata unittest urllib uuid venv warnings weakref xml zipfile " +
    "zipimport zlib zoneinfo"
  ).split(" "),
);

/** node and the runners that run a script file as node does, compiling TypeScript first. */
const NODE = new Set(["node", "nodejs", "tsx", "ts-node", "ts-node-esm", "ts-node-transpile-only", "babel-node", "esno", "esrun", "bun"]);
/** node's options that take the next word as their value. */
const NODE_VALUE_OPTIONS = new Set([
  "-r",
  "--require",
  "--import",
  "--loader",
  "--experimental-loader",
  "--env-file",
  "-C",
  "--conditions",
  "--input-type",
]);

/** The command `npx X …`, `npm exec [--] X …`, `pnpm exec X …`, `yarn exec X …` runs, or null. */
function npxCommand(argv: readonly string[]): string[] | null {
  const tool = posix.basename(argv[0] ?? "");
  let i = 1;
  if (tool === "npm" || tool === "pnpm" || tool === "yarn") {
    const at = argv.findIndex((w, k) => k > 0 && !w.startsWith("-"));
    if (at < 0 || !/^(exec|x|dlx)$/.test(argv[at])) return null;
    i = at + 1;
  } else if (tool !== "npx") return null;
  while (i < argv.length && argv[i].startsWith("-")) i += argv[i] === "-p" || argv[i] === "--package" ? 2 : 1;
  return i < argv.length ? argv.slice(i) : null;
}
const PYTHON = /^python(\d(\.\d+)?)?$/;
const EXTENSIONS = ["", ".js", ".cjs", ".mjs", "/index.js"];
const MAX_FILES = 200;

/** The project's own scripts body[index] runs, directly or through package.json scripts. */
export function ownScripts(a: Analysis, index: number, sources: ScriptSources): OwnScript[] {
  const instr = a.stage.body[index];
  if (instr.keyword !== "RUN") return [];
  const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
  const found: OwnScript[] = [];
  collect(text, a.cwdAt[index] ?? a.workdir, a, sources, 0, found);
  return found;
}

/** `via`: the install command that runs `text` as an install script, which the user reads. */
function collect(
  text: string,
  cwd: string | null,
  a: Analysis,
  sources: ScriptSources,
  depth: number,
  found: OwnScript[],
  via?: string,
  /** The install script `text` is (`postinstall`), run by the install `via` names. */
  hook?: string,
): void {
  const parsed = parseShell(text);
  if (!parsed.ok || depth > 3) return;
  // An install script's shell may write outside the working folder by itself (`mkdir -p /srv/data && …`); the
  // scripts a build runs are read for their outputs by the recipe.
  if (hook !== undefined && via !== undefined) found.push({ command: via, files: [hook], body: text });
  let here = cwd;
  for (const cmd of simpleCommands(parsed)) {
    if (!cmd.name) continue;
    const words = [cmd.name, ...cmd.args.map((w) => w.value ?? w.text)];
    // `cd scripts && ./setup.sh`: the commands after a `cd` run in its folder (unknown when it is not a literal).
    if (words[0] === "cd") {
      const to = words.filter((w, i) => i > 0 && !w.startsWith("-"))[0];
      here = to === undefined || /[$`*?~]/.test(to) ? null : resolvePath(here, to);
      continue;
    }
    const cwd = here;
    for (const wrapped of commandChain(words)) {
      // `npx tsx scripts/seed.ts`, `npm exec -- ts-node x.ts`: the program npx runs, with its words.
      const argv = npxCommand(wrapped) ?? wrapped;
      const tool = posix.basename(argv[0]);
      // `bash -c "./scripts/setup.sh"`: the shell's code is read like the script's own text.
      const inline = SHELLS.has(tool) ? shellCode(argv.slice(1)) : null;
      if (inline !== null) collect(inline, cwd, a, sources, depth + 1, found, via ?? cmd.node.text);
      const script = runScript(tool, argv.slice(1), sources.scripts);
      if (script !== null) collect(script, cwd, a, sources, depth + 1, found, via);
      // The install runs the install scripts of the project and of its workspace packages, each in its folder.
      if (installRunsHooks(tool, argv.slice(1))) {
        for (const hook of INSTALL_HOOKS) {
          const own = sources.scripts[hook];
          if (typeof own === "string") collect(own, cwd, a, sources, depth + 1, found, via ?? cmd.node.text, hook);
          for (const [dir, scripts] of sources.workspaces ?? []) {
            const body = scripts[hook];
            const at = cwd === null ? null : posix.join(cwd, dir);
            if (typeof body === "string")
              collect(body, at, a, sources, depth + 1, found, via ?? cmd.node.text, `${hook} of ${dir}/package.json`);
          }
        }
      }
      // A shell script of the project's (`sh scripts/setup.sh`, `./setup.sh`) is read like the RUN that runs it.
      const shell = shellScriptOperand(tool, argv);
      if (shell !== null) {
        const files = shellFiles(shell, cwd, a, sources.context);
        // An install script that runs a file the pass cannot read may write anywhere.
        if (files === null && via !== undefined) found.push({ command: via, files: [], unread: shell });
        else found.push({ command: via ?? cmd.node.text, files });
      }
      // `manage.py collectstatic`: the settings' STATIC_ROOT is where it writes.
      const django = djangoStatic(argv, cwd, a, sources.context);
      if (django !== null) found.push({ command: via ?? cmd.node.text, files: [django.file], evidence: django.evidence });
      // `make`: the recipes of the targets it builds, read like a script's text.
      const make = makeRecipes(argv, cwd, a, sources.context);
      if (make !== null && "unread" in make) found.push({ command: via ?? cmd.node.text, files: [], unread: make.unread, own: true });
      else if (make !== null && make.file !== "") found.push({ command: via ?? cmd.node.text, files: [make.file], body: make.body });
      // `go run ./tools/seed`: the program's Go files.
      const goRun = goRunFiles(argv, cwd, a, sources.context);
      if (goRun !== null && "unread" in goRun) found.push({ command: via ?? cmd.node.text, files: [], unread: goRun.unread, own: true });
      else if (goRun !== null) found.push({ command: via ?? cmd.node.text, files: goRun.files });
      // `go generate ./...`: each `//go:generate` line, and the Go files of its `go run ./gen`.
      for (const g of goGenerateDirectives(argv, cwd, a, sources.context) ?? []) {
        found.push({ command: via ?? cmd.node.text, files: [g.file], body: g.directive });
        if (g.run !== null && "unread" in g.run) found.push({ command: via ?? cmd.node.text, files: [], unread: g.run.unread, own: true });
        else if (g.run !== null) found.push({ command: via ?? cmd.node.text, files: g.run.files });
        else {
          // Another generator: known ones write where the line or their configuration says; others are unknown.
          const dir = contextSource(g.dir, a.sources) ?? ".";
          const writes = generatorWrites(g.directive, dir, sources.context);
          const command = via ?? cmd.node.text;
          if (writes !== null && "unknown" in writes)
            found.push({
              command,
              files: [g.file],
              evidence: `its \`//go:generate\` line runs \`${writes.unknown}\`, whose writes msb-opt does not know`,
            });
          else if (writes !== null && "configs" in writes) {
            const missing = writes.configs.find((f) => sources.context.read(f) === null);
            found.push(missing === undefined ? { command, files: writes.configs } : { command, files: [], unread: missing, own: true });
          } else if (writes !== null) {
            const files = shellFiles(writes.script, g.dir, a, sources.context);
            found.push(files === null ? { command, files: [], unread: writes.script, own: true } : { command, files });
          }
        }
      }
      const download = homeDownload(argv);
      if (download) found.push({ command: via ?? cmd.node.text, files: [], download: { ...download, tool: wrapped.join(" ") } });
      const python = PYTHON.test(tool);
      if (!NODE.has(tool) && !python) continue;
      const args = argv.slice(1);
      const command = via ?? cmd.node.text;
      // Python code on the command line is read like a script, with the local modules it imports; a module run by
      // name like the project's script it is, or by a table of what known modules write.
      const code = python ? optionWord(args, "-c") : null;
      if (code !== null) {
        // The words after the code are its `sys.argv` (`open(sys.argv[1], "w")` … `/etc/tool.conf`): read with it.
        const operands = args.slice(args.indexOf("-c") + 2);
        found.push({ command, files: [INLINE], body: [code, ...operands].join(" ") });
        const local = localImports(code, cwd, a, sources.context);
        found.push({ command, files: local });
        const unvouched = importedModules(code).find((m) => !STDLIB.has(m.split(".")[0]) && !isLocalModule(m, cwd, a, sources.context));
        if (unvouched !== undefined) found.push({ command, files: [], unvouched });
        continue;
      }
      const module = python ? optionWord(args, "-m") : null;
      if (module !== null) {
        const moduleArgs = args.slice(args.indexOf("-m") + 2);
        const known = knownModule(module, moduleArgs);
        const generated = module === "grpc_tools.protoc" ? protocOutside(moduleArgs, cwd, a.workdir ?? "/") : null;
        if (generated !== null) found.push({ command, files: [INLINE], evidence: `it writes the generated code to \`${generated}\`` });
        if (known === "home") found.push({ command, files: [], home: module });
        else if (known === null) found.push({ command, files: moduleFiles(module, cwd, a, sources.context), module });
        continue;
      }
      // Code on the command line (`node -e`), or no script: nothing of the project's.
      if (args.some((w) => w === "-e" || w === "--eval" || w === "-p")) continue;
      // Past the options and the values of those that take one (`node --import tsx scripts/seed.ts`, `-r ts-node/register`).
      const file = args.find((w, i) => !w.startsWith("-") && !(i > 0 && NODE_VALUE_OPTIONS.has(args[i - 1])));
      if (file === undefined) continue;
      found.push({ command, files: localFiles(file, cwd, a, sources.context, python) });
    }
  }
}

/**
 * The first folder `python -m grpc_tools.protoc` writes its generated code to (`--python_out=DIR`, `--grpc_python_out
 * DIR`, `--pyi_out=opts:DIR`) that is not inside the working folder (or that is not a literal), or null (red team 20 F26).
 */
function protocOutside(args: readonly string[], cwd: string | null, workdir: string): string | null {
  for (let i = 0; i < args.length; i++) {
    const m = /^--\w+_out(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    const value = (m[1] ?? args[i + 1] ?? "").replace(/^[^:/]*:/, "");
    const dir = /[$`~*?]/.test(value) ? null : resolvePath(cwd, value === "" ? "." : value);
    if (dir === null || !isUnder(dir, workdir)) return dir ?? value;
  }
  return null;
}

/** The text of the package.json script `npm run x` / `npm start` / `yarn x` runs, or null. */
function runScript(tool: string, args: readonly string[], scripts: ScriptSources["scripts"]): string | null {
  if (tool !== "npm" && tool !== "yarn" && tool !== "pnpm") return null;
  const [first, second] = args.filter((w) => !w.startsWith("-"));
  const name = first === "run" || first === "run-script" ? second : first;
  const script = name === undefined ? undefined : scripts[name];
  return typeof script === "string" ? script : null;
}

interface HomeDownload {
  /** Where it downloads to by default. */
  readonly path: string;
  /** The variable that names another folder. */
  readonly variable: string;
}

/**
 * Browser downloaders whose default folder is the home folder's cache: `playwright install` (playwright-core
 * registry: `~/.cache/ms-playwright` on Linux, or PLAYWRIGHT_BROWSERS_PATH), `puppeteer browsers install`
 * (`~/.cache/puppeteer`, or PUPPETEER_CACHE_DIR). Run directly or through npx, `npm exec`, `pnpm exec|dlx`, yarn.
 */
function homeDownload(argv: readonly string[]): HomeDownload | null {
  let words = [...argv];
  const runner = posix.basename(words[0] ?? "");
  if (runner === "npx" || (runner === "yarn" && words[1] !== "run")) words = words.slice(1);
  else if ((runner === "npm" || runner === "pnpm") && ["exec", "dlx", "x"].includes(words[1] ?? "")) words = words.slice(2);
  words = words.filter((w, i) => i > 0 || !w.startsWith("-")).filter((w) => w !== "--");
  const name = posix.basename(words[0] ?? "").replace(/@[^/]*$/, "");
  if (name === "playwright" && words[1] === "install") return { path: "~/.cache/ms-playwright", variable: "PLAYWRIGHT_BROWSERS_PATH" };
  if ((name === "puppeteer" || name === "@puppeteer/browsers") && words.includes("install"))
    return { path: "~/.cache/puppeteer", variable: "PUPPETEER_CACHE_DIR" };
  return null;
}

/** `npm ci`, `npm install`, `yarn`, `pnpm install` without `--ignore-scripts`: npm, Yarn and pnpm run the project's `preinstall`, `install`, `postinstall` and `prepare`. */
function installRunsHooks(tool: string, args: readonly string[]): boolean {
  if (args.includes("--ignore-scripts")) return false;
  const operands = args.filter((w) => !w.startsWith("-"));
  if (tool === "yarn") return operands.length === 0 || (operands[0] === "install" && operands.length === 1);
  if (tool === "npm" || tool === "pnpm") return ["ci", "install", "i"].includes(operands[0] ?? "") && operands.length === 1;
  return false;
}

const SHELLS = new Set(["sh", "bash", "dash"]);

/** The code a shell runs with `-c` (`bash -c "./scripts/setup.sh"`), or null. */
function shellCode(args: readonly string[]): string | null {
  const at = args.findIndex((w) => /^-\w*c\w*$/.test(w));
  if (at < 0 || args.slice(0, at).some((w) => !w.startsWith("-"))) return null;
  return args[at + 1] ?? null;
}

/** The script file a shell runs (`sh scripts/setup.sh`, `bash -e ./x.sh`, `./x.sh`, `. ./x.sh`, `source x.sh`), or null. */
function shellScriptOperand(tool: string, argv: readonly string[]): string | null {
  if (tool === "." || tool === "source") return argv[1] ?? null;
  if (SHELLS.has(tool)) {
    const args = argv.slice(1);
    if (args.some((w) => /^-\w*c/.test(w))) return null;
    return args.find((w) => !w.startsWith("-")) ?? null;
  }
  return /\.(?:sh|bash)$/.test(argv[0]) ? argv[0] : null;
}

/** A shell script file a program names in a string (`execSync("sh scripts/setup.sh")`, `spawn("bash", ["./x.sh"])`). */
const SHELL_FILE = /(?:^|["'`\s=])((?:\.{1,2}\/)?[\w@.+-]+(?:\/[\w@.+-]+)*\.(?:sh|bash))(?=["'`\s;&|)]|$)/gm;

/**
 * The context files of the shell script `file` (run in `cwd`) and of the shell scripts it names in turn, or null
 * when the context does not hold it.
 */
function shellFiles(file: string, cwd: string | null, a: Analysis, context: BuildContext): string[] | null {
  const abs = resolvePath(cwd, file);
  const start = abs === null ? null : contextSource(abs, a.sources);
  if (start === null || context.read(start) === null) return null;
  return reachedFiles(start, (path) => namedShellScripts(context.read(path) ?? "", path, cwd, a, context));
}

/** The files reached from `start` through `next` (breadth first, each once, at most MAX_FILES). */
function reachedFiles(start: string, next: (path: string) => string[]): string[] {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(...next(path));
  }
  return [...seen];
}

/** The context's shell scripts a file names, resolved from the working folder `cwd` or from the file's own folder. */
function namedShellScripts(text: string, path: string, cwd: string | null, a: Analysis, context: BuildContext): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(SHELL_FILE)) {
    const abs = resolvePath(cwd, m[1]);
    const candidates = [abs === null ? null : contextSource(abs, a.sources), posix.normalize(posix.join(posix.dirname(path), m[1]))];
    const hit = candidates.find((p): p is string => p !== null && !p.startsWith("../") && context.read(p) !== null);
    if (hit) found.push(hit);
  }
  return found;
}

function localFiles(
  file: string,
  cwd: string | null,
  a: Analysis,
  context: BuildContext,
  python: boolean,
  /** Context folders Python also finds imports in (the working folder `-m` puts first on `sys.path`). */
  roots: readonly string[] = [],
): string[] | null {
  const abs = resolvePath(cwd, file);
  const extensions = python ? [""] : EXTENSIONS;
  const start =
    abs === null
      ? null
      : (extensions.map((e) => contextSource(abs + e, a.sources)).find((p) => p !== null && context.read(p) !== null) ??
        (python ? null : compiledSource(abs, a, context)));
  if (!start) return null;
  return reachedFiles(start, (path) => {
    const text = context.read(path) ?? "";
    const dir = posix.dirname(path);
    const specs = python ? pythonImportSpecs(text) : [...text.matchAll(SPECIFIER)].map((m) => m[2] ?? m[4] ?? m[6] ?? m[8]);
    const imported = specs.flatMap((spec) => {
      if (!/^\.\.?\//.test(spec)) return [];
      const base = posix.normalize(posix.join(dir, spec));
      const own = (python ? ["", "/__init__.py"] : extensions)
        .map((e) => (python && e !== "" ? base.replace(/\.py$/, e) : base + e))
        .filter((p) => !p.startsWith("../") && context.read(p) !== null)
        .slice(0, 1);
      // `from app.config import X` run with `-m` from the working folder: `app/config.py` (or its package) there.
      const fromRoots =
        python && !spec.startsWith("../")
          ? roots
              .flatMap((r) => [posix.join(r, spec), posix.join(r, spec.replace(/\.py$/, "/__init__.py"))])
              .filter((p) => !p.startsWith("../") && context.read(p) !== null)
              .slice(0, 1)
          : [];
      return own.length > 0 ? own : fromRoots;
    });
    // A shell script the program runs (`execSync("sh scripts/setup.sh")`) and the scripts it names in turn.
    return [...imported, ...namedShellScripts(text, path, cwd, a, context)];
  });
}

/**
 * The TypeScript source of a file the build compiles with tsc (`dist/seed.js` from `src/seed.ts`), by the outDir
 * and rootDir of the working folder's tsconfig.json (without a rootDir, `src` or the folder itself), or null.
 */
function compiledSource(abs: string, a: Analysis, context: BuildContext): string | null {
  const workdir = a.workdir ?? "/";
  const config = contextSource(posix.join(workdir, "tsconfig.json"), a.sources);
  const text = config === null ? null : context.read(config);
  if (config === null || text === null) return null;
  const value = (key: string) => new RegExp(`"${key}"\\s*:\\s*"([^"]+)"`).exec(text.replace(/\/\/.*$/gm, ""))?.[1] ?? null;
  const clean = (p: string) => posix.normalize(p).replace(/^\.\/?|\/$/g, "");
  const outDir = value("outDir");
  const rootDir = value("rootDir");
  if (outDir === null) return null;
  const rel = posix.relative(workdir, abs);
  const out = clean(outDir);
  if (!rel.startsWith(`${out}/`)) return null;
  const dir = posix.dirname(config);
  for (const root of rootDir === null ? ["src", "."] : [clean(rootDir) || "."]) {
    const stem = posix.join(dir, root, rel.slice(out.length + 1)).replace(/\.[cm]?js$/, "");
    const found = [".ts", ".mts", ".cts", ".tsx", ".js"].map((e) => stem + e).find((p) => context.read(p) !== null);
    if (found) return found;
  }
  return null;
}

/**
 * The files a Python file's imports name, as paths relative to its folder (`./app/config.py`): `import a.b`, `from
 * a.b import c` (and `a/b/c.py`, when `c` is a submodule), relative imports from the module's package (`from ..config
 * import X` → `../config.py`, `from . import config` → `./config.py`), and `importlib.import_module("app.config")` or
 * `__import__` with a literal name.
 */
function pythonImportSpecs(text: string): string[] {
  const specs: string[] = [];
  const path = (dots: string, module: string) =>
    `${dots.length <= 1 ? "./" : "../".repeat(dots.length - 1)}${module.replace(/\./g, "/")}${module === "" ? "" : ".py"}`;
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w \t,]*)/gm)) {
    const [, dots, module, names] = m;
    if (module !== "") specs.push(path(dots, module));
    const folder = path(dots, module).replace(/\.py$/, "");
    for (const name of names.split(",").map((n) => n.trim().split(/\s+/)[0]))
      if (/^\w+$/.test(name)) specs.push(`${folder.endsWith("/") ? folder : `${folder}/`}${name}.py`);
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)/gm))
    for (const name of m[1].split(",").map((n) => n.trim().split(/\s+/)[0])) specs.push(path("", name));
  for (const m of text.matchAll(/\b(?:__import__|import_module)\s*\(\s*["']([\w.]+)["']/g)) specs.push(path("", m[1]));
  return specs;
}

/** Ways a script reaches into node_modules. */
const REACHES_MODULES =
  /node_modules|\brequire\.resolve\b|\bimport\.meta\.resolve\b|\bmodule\.paths\b|\brequire\.cache\b|\bcreateRequire\b/;

/** The command of body[index] that runs an own script reaching into node_modules (or one the context lacks), or null. */
export function scriptWritingModules(a: Analysis, index: number, sources: ScriptSources): string | null {
  for (const script of ownScripts(a, index, sources)) {
    if (script.module !== undefined || script.home !== undefined) continue;
    if (script.files === null || script.files.some((f) => REACHES_MODULES.test(sources.context.read(f) ?? ""))) return script.command;
  }
  return null;
}

const HOME =
  /\bUserHomeDir\s*\(|\bhomedir\s*\(|\bexpanduser\b|\bPath\.home\s*\(|\benv\.HOME\b|\benviron\s*\[\s*["']HOME["']|\bgetenv\s*\(\s*["']HOME["']|["'`]~\/|(?:^|[\s=:])~\/|\$\$?\{?HOME\b|\$\(HOME\)/m;
const ABSOLUTE = /["'`](\/(?:etc|usr|var|opt|srv|home|root|mnt|media|data|assets)(?:\/[^"'`\s]*)?)["'`]/g;
/** An absolute path as a word of shell, in a script's own text or in a command a file runs (`execSync("mkdir -p /srv/x")`). */
const SHELL_ABSOLUTE = /(?:^|[\s"'`=>])(\/(?:etc|usr|var|opt|srv|home|root|mnt|media|data|assets)(?:\/[^"'`\s;&|)]*)?)/g;
/**
 * Outside JavaScript (whose strings are often URL paths: `"/api/users"`), any absolute path counts but the scratch and
 * system ones a build reads or discards (`/tmp`, `/dev/null`, `/proc`, `/bin/sh`): a model folder (`/models/x`), Django's
 * `/vol/web`, `/static`, `/config` are written as surely as `/srv`. (`/C=US/O=x`, an X.509 subject, is no path.)
 */
/** A database or file URL's scheme before its absolute path (`sqlite:////var/lib/app/app.db`, `file:///srv/x`). */
const FILE_URL = String.raw`(?:sqlite(?:\+\w+)?:\/\/\/|file:\/\/)`;
const ANY_ROOT = String.raw`\/(?!(?:tmp|dev|proc|sys|bin|sbin|lib(?:32|64|x32)?)(?=[/\s"'\`;&|)]|$))[A-Za-z_][\w.-]*(?![\w.=-])`;
/** (A literal joined to something before it, `d + "/model.bin"`, is a path's tail.) */
const ANY_ABSOLUTE = new RegExp(String.raw`(?<!\+\s*)["'\`](?:${FILE_URL})?(${ANY_ROOT}(?:\/[^"'\`\s]*)?)["'\`]`, "g");
const ANY_SHELL_ABSOLUTE = new RegExp(String.raw`(?:^|[\s"'\`=>])(?<!\+\s*["'\`])(${ANY_ROOT}(?:\/[^"'\`\s;&|)]*)?)`, "gm");
const JAVASCRIPT = /\.[cm]?[jt]sx?$/;
/** `path.join(__dirname, "..", "..", …)`: a path above the script's own folder and its parent. */
const CLIMB = /\b(?:join|resolve)\s*\(\s*__dirname\s*,\s*(?:["'`]\.\.["'`]\s*,\s*["'`]\.\.["'`]|["'`](?:\.\.\/){2})/;

/**
 * Calls of Python libraries that download into the home folder by default, with the folder (each library's
 * documentation): NLTK's `nltk.download` (`~/nltk_data`), Hugging Face's `from_pretrained`, `snapshot_download`,
 * `hf_hub_download` and `pipeline` (`~/.cache/huggingface`), sentence-transformers' `SentenceTransformer`
 * (the Hugging Face cache), OpenAI Whisper's `whisper.load_model` (`~/.cache/whisper`), EasyOCR's `easyocr.Reader`
 * (`~/.EasyOCR`), spaCy's `spacy.cli.download` and `spacy download` (pip into site-packages, from the network), torch
 * hub's `torch.hub.load` (`~/.cache/torch`), Keras' `get_file` and `applications` weights (`~/.keras`), gensim's
 * `gensim.downloader` (`~/gensim-data`); tiktoken's encodings (`$TMPDIR/data-gym-cache`), fastembed's models
 * (`$TMPDIR/fastembed_cache`), rembg's sessions (`~/.u2net`), PaddleOCR (`~/.paddleocr`), DeepFace (`~/.deepface`), stanza
 * (`~/stanza_resources`), timm, open_clip, faster-whisper and LangChain's Hugging Face embeddings (the Hugging Face
 * cache), torchvision's pretrained weights (`~/.cache/torch`). (A temporary folder is not the image's to keep either:
 * the runtime stage starts without it.)
 */
const HOME_DOWNLOADERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bnltk\.download\s*\(|\bfrom\s+nltk\s+import\s+download\b/, "`nltk.download`, which downloads into `~/nltk_data`"],
  [
    /\.from_pretrained\s*\(|\bsnapshot_download\s*\(|\bhf_hub_download\s*\(|\btransformers\b[^\n]*\bpipeline\s*\(/,
    "a Hugging Face download, which goes into `~/.cache/huggingface`",
  ],
  [/\bSentenceTransformer\s*\(/, "`SentenceTransformer`, which downloads into `~/.cache`"],
  [/\bwhisper\.load_model\s*\(/, "`whisper.load_model`, which downloads into `~/.cache/whisper`"],
  [/\beasyocr\.Reader\s*\(/, "`easyocr.Reader`, which downloads into `~/.EasyOCR`"],
  [/\bspacy\.cli\.download\s*\(|\bspacy\s+download\b/, "spaCy's `download`, which installs a model from the network"],
  [/\btorch\.hub\.load\s*\(/, "`torch.hub.load`, which downloads into `~/.cache/torch`"],
  // `get_file` is a common name: only in code that uses Keras.
  // (`from tensorflow.keras.applications import ResNet50`, `from keras import applications`: its weights download.)
  [/\bkeras\b[\s\S]*\b(?:get_file\s*\(|applications\b)/, "a Keras download, which goes into `~/.keras`"],
  [/\bgensim\.downloader\b/, "`gensim.downloader`, which downloads into `~/gensim-data`"],
  [/\btiktoken\.(?:get_encoding|encoding_for_model)\s*\(/, "`tiktoken`, which downloads into `/tmp/data-gym-cache`"],
  [
    /\bfastembed\b[\s\S]*\b(?:Sparse|Late(?:Interaction)?)?(?:Text|Image)?Embedding\s*\(/,
    "`fastembed`, which downloads into `/tmp/fastembed_cache`",
  ],
  [/\brembg\b[\s\S]*\b(?:new_session|remove)\s*\(/, "`rembg`, which downloads into `~/.u2net`"],
  [/\bPaddleOCR\s*\(/, "`PaddleOCR`, which downloads into `~/.paddleocr`"],
  [/\bDeepFace\.\w+\s*\(/, "`DeepFace`, which downloads into `~/.deepface`"],
  [/\bstanza\.(?:download|Pipeline)\s*\(/, "`stanza`, which downloads into `~/stanza_resources`"],
  [/\btimm\.create_model\s*\(/, "`timm.create_model`, which downloads into `~/.cache`"],
  [/\bopen_clip\.(?:create_model\w*|load_checkpoint)\s*\(/, "`open_clip`, which downloads into `~/.cache`"],
  [/\bfaster_whisper\b[\s\S]*\bWhisperModel\s*\(/, "`faster_whisper`'s `WhisperModel`, which downloads into `~/.cache/huggingface`"],
  [/\bHuggingFace(?:Bge|Instruct)?Embeddings\s*\(/, "LangChain's Hugging Face embeddings, which download into `~/.cache`"],
  [
    /\btorchvision\b[\s\S]*\b(?:pretrained\s*=\s*True|weights\s*=\s*(?!None\b)[\w"'])/,
    "torchvision's pretrained weights, which download into `~/.cache/torch`",
  ],
];

/** `os.chdir("..")`, `os.chdir(x)`: a change of folder to one that is not a literal inside the working folder. */
function chdirOutside(text: string, workdir: string): string | null {
  for (const m of text.matchAll(/\bchdir\s*\(\s*([^)]*)\)/g)) {
    const literal = /^["']([^"']*)["']$/.exec(m[1].trim());
    const to = literal ? resolvePath(workdir, literal[1]) : null;
    if (to === null || !isUnder(to, workdir)) return `\`${m[0]}\``;
  }
  return null;
}

/**
 * Go's calls that create or write a file or folder given something other than a string literal
 * (`os.WriteFile(filepath.Join(dir, "x"), …)`, `os.MkdirAll(root, …)`, `os.Create(name)`).
 */
const GO_COMPUTED_WRITE = /\bos\.(?:WriteFile|Create|OpenFile|Mkdir|MkdirAll|MkdirTemp|Rename|Symlink|Link)\s*\(\s*(?!["`])/;

/** `open(sys.argv[1], "w")`, `open(p, mode="a")`: a file opened for writing whose path is not a string literal. */
const COMPUTED_WRITE = /\bopen\s*\(\s*(?!["'])[^,()]+(?:\([^()]*\))?[^,()]*,\s*(?:mode\s*=\s*)?["'][^"']*[wax+]/;

export interface OutsideWrite {
  readonly command: string;
  readonly file: string;
  readonly evidence: string;
  /** A known tool that downloads into the home folder (then `file` is empty). */
  readonly download?: OwnScript["download"];
  /** A Python module run by name (`python -m x`): a known downloader, or one neither the context nor the table knows (`unknown`). */
  readonly module?: string;
  readonly unknown?: true;
  /** `-c` code imports this module, neither the standard library's nor the project's. */
  readonly unvouched?: string;
  /** An install script runs the shell script `file`, which the pass could not read. */
  readonly unread?: true;
  /** The RUN's command itself reads `file` (a Makefile, a `go run` package), which the pass could not read. */
  readonly own?: true;
}

/**
 * An own script body[index] runs that may write outside the working folder, with the evidence: an absolute path
 * outside it, the home folder, an ENV variable the Dockerfile sets to such a path, a climb above its folder.
 */
export function scriptWritingOutside(a: Analysis, index: number, sources: ScriptSources): OutsideWrite | null {
  // A last `WORKDIR /` would hold every path: the folder the RUN ran in is the one the runtime copies then
  // (`WORKDIR /src`, `RUN python setup.py install` with `data_files` in /etc, then `WORKDIR /`: red team 20 F8).
  const workdir = a.workdir === null || a.workdir === "/" ? (a.cwdAt[index] ?? "/") : a.workdir;
  const outsideEnv = envPaths(a).filter(([, value]) => !isUnder(value, workdir) && !isUnder(value, "/tmp"));
  for (const script of ownScripts(a, index, sources)) {
    // A variable set in the stage names the folder: where it points is the Dockerfile's own, as for the scripts.
    const download = script.download;
    if (
      download &&
      !a.stage.body.some((i) => i.keyword === "ENV" && (declaredVariables(i) ?? []).some((v) => v.name === download.variable))
    )
      return { command: script.command, file: "", evidence: download.path, download };
    if (script.home !== undefined) return { command: script.command, file: "", evidence: "", module: script.home };
    if (script.module !== undefined && script.files === null)
      return { command: script.command, file: "", evidence: "", module: script.module, unknown: true };
    if (script.unvouched !== undefined) return { command: script.command, file: INLINE, evidence: "", unvouched: script.unvouched };
    if (script.unread !== undefined)
      return { command: script.command, file: script.unread, evidence: "", unread: true, ...(script.own ? { own: true as const } : {}) };
    if (script.evidence !== undefined) return { command: script.command, file: script.files?.[0] ?? "", evidence: script.evidence };
    for (const file of script.files ?? []) {
      const text = script.body ?? sources.context.read(file) ?? "";
      const [quoted, word] = JAVASCRIPT.test(file) ? [ABSOLUTE, SHELL_ABSOLUTE] : [ANY_ABSOLUTE, ANY_SHELL_ABSOLUTE];
      const absolute = [...text.matchAll(quoted), ...text.matchAll(word)].map((m) => m[1]).find((p) => !isUnder(p, workdir));
      const env = outsideEnv.find(([name]) => new RegExp(`\\b${name}\\b`).test(text));
      const downloader = HOME_DOWNLOADERS.find(([pattern]) => pattern.test(text));
      const chdir = chdirOutside(text, workdir);
      const python = file === INLINE || file.endsWith(".py");
      const evidence = absolute
        ? `it names \`${absolute}\``
        : HOME.test(text)
          ? "it uses the home folder"
          : env
            ? `it reads \`${env[0]}\`, which the Dockerfile sets to \`${env[1]}\``
            : CLIMB.test(text)
              ? "it climbs above its folder with `..`"
              : python && downloader
                ? `it calls ${downloader[1]}`
                : python && chdir
                  ? `it changes folder with ${chdir}`
                  : file === INLINE && COMPUTED_WRITE.test(text)
                    ? "it opens a path it computes for writing"
                    : file.endsWith(".go") && GO_COMPUTED_WRITE.test(text)
                      ? "it writes to a path it computes"
                      : null;
      if (evidence) return { command: script.command, file, evidence };
    }
  }
  return null;
}

/** ENV variables the stage sets to an absolute path. */
function envPaths(a: Analysis): Array<[string, string]> {
  return a.stage.body.flatMap((i) =>
    (declaredVariables(i) ?? [])
      .map((v) => ({ name: v.name, value: v.value?.replace(new RegExp(`^${FILE_URL}`), "") }))
      .filter((v) => i.keyword === "ENV" && v.value?.startsWith("/"))
      .map((v): [string, string] => [v.name, v.value ?? ""]),
  );
}
