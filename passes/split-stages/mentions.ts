// Programs can run other programs (`exec.Command("git")`, `system("make")`, `subprocess.run(["gcc"])`).
// Before a package is dropped, the build context's source files are searched for its commands written as
// a quoted string: one mention keeps the package. Tests and dev tools' configs are not searched.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { copyOperands } from "../../src/core/instructions.js";
import type { Instruction } from "../../src/core/ir.js";
import { parseShell, simpleCommands } from "../../src/core/shell.js";
import { joinSources, namesFile as named, SHELL_SHEBANG, type SourceFile, sourceFiles } from "./source-files.js";
import { tarCompressor } from "./tar.js";
import { commandChain, shellLineIndex } from "./wrappers.js";

const SKIP_DIRS = /^(\.|node_modules$|vendor$|target$|dist$|build$|__pycache__$|coverage$)/;
/**
 * Manifests, lockfiles, prose and other Dockerfiles name tools without running them (`"type": "git"` in
 * package.json, `RUN apt-get install python3`); build tools' wrappers (`mvnw`, `gradlew`) run at build time only.
 */
const SKIP_FILES =
  /(^package(-lock)?\.json$|^tsconfig.*\.json$|\.(lock|md|txt|rst|sum|mod|toml|ya?ml|log)$|^LICENSE|^Dockerfile|\.dockerfile$|^Containerfile|^(mvnw|gradlew)(\.cmd|\.bat)?$)/i;

/** Calls that run a program (Node, Python, Go, Ruby, PHP, shell libraries), with the program first. */
const CALL = String.raw`\b(?:Command::new|spawn|spawnSync|exec|execSync|execFile|execFileSync|execa|execaSync|execaCommand|run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput|Command|CommandContext|shell_exec|passthru|proc_open|which)\s*\(\s*\[?\s*(?:os\.(?:environ\.get|getenv)\(\s*["'][^"'\n]*["']\s*,\s*)?`;

/** C and C++ sources and headers. */
const C_SOURCE = /\.(c|h|cc|cpp|cxx|c\+\+|hh|hpp|hxx|ino)$/i;
/** The C library's calls that run a program, up to the string that names it (posix_spawn's is the second argument). */
const C_CALL = String.raw`\b(?:(?:system|popen|exec(?:l|lp|le|v|vp|vpe))\s*\(\s*|posix_spawnp?\s*\([^,;]*,\s*)`;
/** Such a call given something other than a string literal. */
const C_COMPUTED_CALL = /\b(?:(?:system|popen|exec(?:l|lp|le|v|vp|vpe))\s*\(\s*|posix_spawnp?\s*\([^,;]*,\s*)(?!["\s])/;

/**
 * The `commands` that some context source file names in quotes (`"git"`, `'make -C x'`, `"/usr/bin/gcc"`), each with
 * the first file that does. `called`: commands that count only as the program of a call (`spawn("make", …)`,
 * `subprocess.run(["file", p])`), everyday words otherwise. Scripts (a `#!` line, `.sh`) count by the programs they
 * run bare and their interpreter, but only when something runs them: `roots` (the entry's programs) or another
 * file names them; a deploy script or `mvnw` nobody names is a tool of the developer's.
 */
export function mentionedCommands(
  context: BuildContext,
  commands: readonly string[],
  called: readonly string[] = [],
  roots: readonly string[] = [],
  /**
   * The files the entry reaches (closure/entry-reach.ts): only those are searched, and each of their scripts runs;
   * or files only the build runs (`except`: python-build-only.ts), left out of the search.
   */
  scope?: ReadonlySet<string> | { readonly except: ReadonlySet<string> },
  /** The files searched (default: `searchedSources`). */
  sources?: readonly SourceFile[],
): Map<string, string> {
  const found = new Map<string, string>();
  if (commands.length === 0 && called.length === 0) return found;
  const quoted = (c: string) => String.raw`["'\`](?:[\w./-]*/)?${c.replace(/[+.]/g, "\\$&")}(?=["'\`\s])`;
  const patterns = [
    ...commands.map((c) => [c, new RegExp(quoted(c))] as const),
    ...called.map((c) => [c, new RegExp(CALL + quoted(c))] as const),
  ];
  // C and C++: a string is a program only as what a call of the C library runs (`printf("curl %s\n")` is text).
  const cPatterns = [...commands, ...called].map((c) => [c, new RegExp(C_CALL + quoted(c))] as const);
  const wanted = new Set([...commands, ...called]);
  const reached = scope instanceof Set ? scope : undefined;
  const except = scope !== undefined && !(scope instanceof Set) ? (scope as { readonly except: ReadonlySet<string> }).except : undefined;
  const searched = (sources ?? searchedSources(context)).filter(
    (f) => (reached === undefined || reached.has(f.path)) && !except?.has(f.path),
  );
  const texts = searched.map(({ path, name, text: whole }) => {
    const text = printedOnly(name, whole);
    // Each pattern holds its command literally: a text without it cannot match (and most texts have none).
    // Unless a call there runs a program from a variable (`system(cmd)`), which any string of the file may fill.
    const own = C_SOURCE.test(name) && !C_COMPUTED_CALL.test(text) ? cPatterns : patterns;
    for (const [command, re] of own) if (!found.has(command) && text.includes(command) && re.test(text)) found.set(command, path);
    return { path, text, script: text.startsWith("#!") || /\.(ba|da)?sh$/.test(name) };
  });
  // Python names programs in ways a quoted first argument does not show (python-programs below).
  for (const { path, text } of texts)
    if (path.endsWith(".py"))
      for (const program of pythonPrograms(text)) if (wanted.has(program) && !found.has(program)) found.set(program, path);
  // A shell line given to a call (`execSync(\`cd ${dir} && unzip x.zip\`)`, `os.system("set -e; git pull")`,
  // `exec.Command("sh", "-c", "…")`) runs every command in it, not only its first.
  for (const { path, text } of texts)
    for (const line of shellLines(text))
      for (const program of shellPrograms(line)) if (wanted.has(program) && !found.has(program)) found.set(program, path);
  for (const { path, text } of reached === undefined ? runScripts(texts, roots) : texts.filter((t) => t.script)) {
    // A shell script names the programs it runs bare (`curl -fsS …`).
    const programs = SHELL_SHEBANG.test(text) || /\.(ba|da)?sh$/.test(path) ? shellPrograms(text) : [];
    // `#!/usr/bin/env python3`, `#!/usr/bin/make -f`: the script runs through that program.
    const interpreter = /^#!\s*(?:\S*\/)?([^/\s]+)(?:[ \t]+(?:-S[ \t]+)?([^\s-]\S*))?/.exec(text);
    const through = interpreter && (interpreter[1] === "env" ? interpreter[2] : interpreter[1]);
    for (const program of [...programs, ...(through ? [through] : [])])
      if (wanted.has(program) && !found.has(program)) found.set(program, path);
  }
  return found;
}

/** Makefiles and shell scripts: a line that only prints (`@echo "run 'make status'"`, `printf '…'`) runs nothing. */
const MAKEFILE = /^(GNUmakefile|makefile|Makefile|.*\.mk)$/;
const PRINT_LINE = /^(\t[@+-]*|\s*)(echo|printf)\s[^|;&<>`$\n]*$/gm;

/** The text with the words of lines that only print blanked, for a Makefile or a shell script. */
function printedOnly(name: string, text: string): string {
  if (!MAKEFILE.test(name) && !SHELL_SHEBANG.test(text) && !/\.(ba|da)?sh$/.test(name)) return text;
  return text.replace(PRINT_LINE, (_line, lead: string, command: string) => `${lead}${command}`);
}

/**
 * The context's source files that the searches for programs read. `committedBuilds`: with the JavaScript files
 * of the context's `dist`, `build` and `vendor` folders too, which a Node app may load as they are (committed,
 * not built): walked after the sources, so that a large bundle does not take their place under the bound.
 */
export function searchedSources(context: BuildContext, committedBuilds = false): SourceFile[] {
  const sources = sourceFiles(context, { skip: SKIP_FILES, skipDirs: SKIP_DIRS });
  if (!committedBuilds) return sources;
  const builds = buildFolders(context, ".", 0).map((root) =>
    sourceFiles(context, { root, read: NODE_CODE, skip: SKIP_FILES, skipDirs: /^(\.|node_modules$)/ }),
  );
  return joinSources(sources, ...builds);
}

/**
 * Whether a context file can be in the image at all, by the stage's COPY/ADD sources (`COPY ./src/ .` brings
 * nothing of a vendored `lib/googletest` beside it): null when that cannot be told (a wildcard, a variable, a URL, a
 * heredoc, a copy from another stage or image) or everything is copied (`.`).
 */
export function copiedFromContext(body: readonly Instruction[]): ((path: string) => boolean) | null {
  const roots: string[] = [];
  for (const instr of body) {
    // A RUN with the context bound (`--mount=type=bind`) may copy any of it into the image.
    if (instr.keyword === "RUN" && instr.flags.some((f) => f.name === "mount" && /(^|,)type=bind\b/.test(f.value ?? ""))) return null;
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    const ops = copyOperands(instr);
    if (!ops || instr.flags.some((f) => f.name === "from")) return null;
    for (const src of ops.sources) {
      if (/[*?[\]$]|^[a-z]+:\/\/|^git@/i.test(src)) return null;
      const root = posix.normalize(src.replace(/^\/+/, "")).replace(/\/+$/, "");
      if (root === "." || root === "" || root.startsWith("..")) return null;
      roots.push(root);
    }
  }
  return (path) => roots.some((r) => path === r || path.startsWith(`${r}/`));
}

const BUILD_FOLDERS = /^(vendor|dist|build)$/;
const NODE_CODE = /\.(c|m)?js$/;

/** The `dist`, `build` and `vendor` folders of the context, outside node_modules and hidden folders, six deep. */
function buildFolders(context: BuildContext, dir: string, depth: number): string[] {
  if (depth >= 6) return [];
  return context.list(dir).flatMap((name) => {
    const path = dir === "." ? name : `${dir}/${name}`;
    if (/^(\.|node_modules$|__pycache__$|target$|coverage$)/.test(name) || context.list(path).length === 0) return [];
    return BUILD_FOLDERS.test(name) ? [path] : buildFolders(context, path, depth + 1);
  });
}

/** The scripts something runs: named by a root, by a file that is no script, or by a script that runs (by path when the name has no extension). */
function runScripts(texts: ReadonlyArray<{ path: string; text: string; script: boolean }>, roots: readonly string[]) {
  const scripts = texts.filter((t) => t.script);
  const rootText = roots.join("\n");
  const running = new Set(
    scripts.filter((s) => {
      const name = s.path.replace(/^.*\//, "");
      return (
        named(name, rootText) ||
        roots.some((r) => r.replace(/^\.\//, "").endsWith(s.path)) ||
        texts.some((t) => !t.script && named(name, t.text))
      );
    }),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of scripts) {
      if (running.has(s)) continue;
      const name = s.path.replace(/^.*\//, "");
      if ([...running].some((r) => named(name, r.text))) {
        running.add(s);
        grew = true;
      }
    }
  }
  return [...running];
}

/**
 * Calls whose string argument is a shell line: Node's `exec`/`execSync`, execa's `execaCommand`, Python's
 * `os.system`/`os.popen`/`subprocess.getoutput` and `subprocess.*(…, shell=True)` (a string given to one without
 * it is one program, counted as well), PHP's `shell_exec`/`passthru`, and a shell given `-c` as words
 * (`spawn("sh", ["-c", …])`, `exec.Command("sh", "-c", …)`, `["bash", "-c", …]`).
 */
const SHELL_LINE_CALL =
  /(?:\b(?:exec|execSync|execaCommand|execaCommandSync|system|popen|getoutput|getstatusoutput|run|call|check_call|check_output|Popen|shell_exec|passthru|proc_open)\s*\(\s*|["'](?:\/usr)?(?:\/bin\/)?(?:ba|da)?sh["']\s*,\s*\[?\s*["']-\w*c["']\s*,\s*)[fFrRbBuU]{0,2}(["'`])/g;

/** The literal shell lines `text` gives such calls, with `${…}` placeholders as a shell variable. */
function shellLines(text: string): string[] {
  if (!/(exec|system|popen|getoutput|run|call|check_|Popen|shell_exec|passthru|proc_open|sh["'])/.test(text)) return [];
  const lines: string[] = [];
  for (const m of text.matchAll(SHELL_LINE_CALL)) {
    const quote = m[1];
    let i = (m.index ?? 0) + m[0].length;
    let line = "";
    const end = Math.min(text.length, i + 4000);
    for (; i < end && text[i] !== quote; i++) {
      if (text[i] === "\\" && i + 1 < text.length) {
        line += text[i + 1] === "n" ? "\n" : text[i + 1];
        i++;
      } else if (quote === "`" && text.startsWith("${", i)) {
        const close = text.indexOf("}", i);
        if (close < 0) break;
        line += "$x";
        i = close;
      } else line += text[i];
    }
    if (text[i] === quote) lines.push(line);
  }
  return lines;
}

function shellPrograms(text: string, depth = 0): string[] {
  const script = parseShell(text);
  if (!script.ok) return [];
  // A wrapper runs the command it is given (`timeout 60 unzip …`, `find … -exec unzip {} ;`); tar runs its
  // compressor as a child (`tar xJf a.tar.xz` runs `xz`).
  return simpleCommands(script).flatMap((c) => {
    if (!c.name) return [];
    return commandChain([c.name, ...c.args.map((a) => a.value ?? a.text)]).flatMap((argv) => {
      const compressor = tarCompressor(argv);
      const at = depth < 3 ? shellLineIndex(argv) : null;
      const line = at !== null ? shellPrograms(argv[at], depth + 1) : [];
      return [argv[0], ...(compressor ? [compressor] : []), ...line].map((name) => name.replace(/^.*\//, ""));
    });
  });
}

/** Names of the `sh` package's own API, which are no programs (`sh.Command`, `sh.ErrorReturnCode`). */
const SH_API = new Set(["Command", "ErrorReturnCode", "CommandNotFound", "RunningCommand", "bake", "contrib", "glob", "pushd"]);

/**
 * Programs Python code runs without a quoted first argument: the `sh` package's attributes (`sh.git("pull")`,
 * `from sh import git`; `_` for `-`), and a module-level constant (`TOOL = "file"`, `CONVERT = os.environ.get("X",
 * "convert")`) given as the program of a call (`subprocess.run([TOOL, path])`).
 */
export function pythonPrograms(text: string): string[] {
  const programs: string[] = [];
  if (/^\s*(?:import\s+sh\b|from\s+sh\s+import\b)/m.test(text)) {
    for (const m of text.matchAll(/\bsh\.([A-Za-z_]\w*)\s*[(.]/g)) if (!SH_API.has(m[1])) programs.push(m[1].replace(/_/g, "-"));
    for (const m of text.matchAll(/^\s*from\s+sh\s+import\s+\(?([\w\s,]+)\)?/gm))
      for (const name of m[1].split(",").map((n) => n.trim().split(/\s+/)[0]))
        if (name && !SH_API.has(name)) programs.push(name.replace(/_/g, "-"));
  }
  const constants = new Map<string, string>();
  for (const m of text.matchAll(/^([A-Za-z_]\w*)\s*=\s*(?:os\.(?:environ\.get|getenv)\(\s*["'][^"'\n]*["']\s*,\s*)?["']([^"'\n]+)["']/gm))
    constants.set(m[1], m[2]);
  if (constants.size > 0)
    for (const m of text.matchAll(new RegExp(`${CALL}([A-Za-z_]\\w*)\\b(?!\\s*[.(\\[])`, "g"))) {
      const value = constants.get(m[1]);
      const program = value?.trim().split(/\s+/)[0]?.replace(/^.*\//, "");
      if (program) programs.push(program);
    }
  return programs;
}
