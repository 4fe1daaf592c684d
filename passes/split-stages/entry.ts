// What the image runs: the programs named by ENTRYPOINT, CMD and HEALTHCHECK, and one level into the
// shell scripts and npm scripts they start (read from the build context).
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import type { Dockerfile, Instruction, Stage } from "../../src/core/ir.js";
import { parseExecForm } from "../../src/core/parse.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { parseShell, simpleCommands, type ShellNode, type ShellScript, type Word } from "../../src/core/shell.js";
import { isUnder, resolvePath } from "./paths.js";
import { SHELL_SHEBANG } from "./source-files.js";
import { tarCompressor, tarDetectedCompressors } from "./tar.js";
import { commandChain, shellLineIndex } from "./wrappers.js";
import { isOfficial } from "./recipes/types.js";

export interface EntryProgram {
  /** The command as written (`node`, `./server`, `/app/server`). */
  readonly name: string;
  readonly from: "ENTRYPOINT" | "CMD" | "HEALTHCHECK" | "script";
  readonly line: number;
  /** Absolute path inside what the runtime copies, when the program is one of the build's files. */
  readonly artifact: string | null;
  /** It runs through a shell (shell form, `sh -c`, a script). */
  readonly shell: boolean;
  /** The command that runs it as a child when the entry does not name it (`tar xJf seed.tar.xz` runs `xz`). */
  readonly parent?: string;
  /** One of the programs the parent picks among at run time (tar's compressor for an archive named by a variable). */
  readonly guessed?: boolean;
  /** A program node-gyp runs when the parent installs or rebuilds packages (`npm rebuild --build-from-source`). */
  readonly builds?: true;
  /** A file a shell reads with `.` or `source` (`. ./scripts/setup.sh`), or runs (`sh ./scripts/setup.sh`). */
  readonly sourced?: boolean;
  /** The script file a shell runs as its operand (`sh start.sh`): a shell script whatever its first line. */
  readonly operand?: true;
  /** A shell file whose path the pass cannot resolve (`name` as written): `computed` when the script runs, or relative to a folder a `cd` changed to. */
  readonly unread?: "computed" | "cd";
  /** The script that reads or runs the unread file. */
  readonly unreadIn?: string;
  /** A command whose program or shell script is computed when it runs (`$CMD`, `sh -c "node $APP"`): the word that computes it. */
  readonly computed?: string;
  /** The shell script whose command it is (scriptPrograms). */
  readonly inScript?: string;
}

export interface EntryInputs {
  readonly workdir: string | null;
  readonly copyPaths: readonly string[];
  readonly sources: ReadonlyMap<string, string>;
  readonly context: BuildContext;
  /** Folders searched for bare command names before the standard PATH (a venv's bin, any the ENV PATH names). */
  readonly searchPath?: readonly string[];
  /** Folders an npm script searches first (node_modules/.bin): only its commands find programs there. */
  readonly scriptPath?: readonly string[];
  /** Commands that the installed dependencies are known to put in those folders. */
  readonly knownBins?: ReadonlySet<string>;
  /** Programs a build step put in a folder first on the image's PATH (`go install` into `/go/bin`), by name. */
  readonly installed?: ReadonlyMap<string, string>;
}

const INIT_WRAPPERS = new Set(["tini", "tini-static", "dumb-init"]);
const PATH_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

export function entryPrograms(_df: Dockerfile, stage: Stage, inputs: EntryInputs): EntryProgram[] {
  const last = (k: string) => [...stage.body].reverse().find((i) => i.keyword === k);
  const entrypoint = last("ENTRYPOINT");
  const cmd = last("CMD");
  const health = last("HEALTHCHECK");
  const out: EntryProgram[] = [];
  const main = entrypoint && (entrypoint.exec?.length ?? entrypoint.args.trim().length) ? entrypoint : cmd;
  // An exec-form ENTRYPOINT takes an exec-form CMD as its arguments (`["npm", "run"]` + `["serve"]`, `["tini", "--"]` + a program).
  // The node image's docker-entrypoint.sh runs node for a CMD that is a script file or an option (`["server.js"]`).
  const nodeArgs =
    !entrypoint && isOfficial(stage.base, "node") && /^-|\.[cm]?js$/.test(cmd?.exec?.[0] ?? "") ? ["node", ...(cmd?.exec ?? [])] : null;
  const joined = main === entrypoint && entrypoint?.exec?.length && cmd?.exec?.length ? [...entrypoint.exec, ...cmd.exec] : nodeArgs;
  if (main) out.push(...programsOf(main, main.keyword as "ENTRYPOINT" | "CMD", joined ?? main.exec, main.args, inputs));
  // An entry script that runs its arguments (`exec "$@"`, the node image's docker-entrypoint.sh): the CMD is a program.
  if (
    joined &&
    entrypoint &&
    cmd &&
    !cmd.exec?.[0].startsWith("-") &&
    passesArguments(entrypoint, inputs) &&
    !consumesSubcommand(entrypoint, cmd.exec?.[0] ?? "", inputs)
  )
    out.push(...programsOf(cmd, "CMD", cmd.exec, cmd.args, inputs));
  // An option first (`CMD ["--port", "3000"]`) to a script that puts a program before options (`set -- node "$@"`):
  // that program runs with the CMD's words.
  const prepended = joined && entrypoint && cmd?.exec?.[0]?.startsWith("-") ? optionProgram(entrypoint, inputs) : null;
  if (prepended && cmd?.exec) out.push(...programsOf(cmd, "CMD", [...prepended, ...cmd.exec], cmd.args, inputs));
  // `ENTRYPOINT ["npm", "run"]` (`["yarn"]`, `["pnpm", "run"]`, `["npm"]`): the image is made to run any script of
  // package.json (`docker run img migrate`), not only the CMD's.
  const runner = entrypoint?.exec ? scriptRunner(entrypoint.exec) : null;
  if (entrypoint && runner)
    for (const name of Object.keys(packageScripts(inputs))) out.push(...npmScript(entrypoint, [...runner, name], inputs));
  if (health && !/^NONE$/i.test(health.args.trim())) {
    const text = health.args.trim().replace(/^CMD\s+/i, "");
    out.push(...programsOf(health, "HEALTHCHECK", text.startsWith("[") ? parseExecForm(text) : null, text, inputs));
  }
  return out;
}

function programsOf(
  instr: Instruction,
  from: EntryProgram["from"],
  exec: readonly string[] | null,
  args: string,
  inputs: EntryInputs,
): EntryProgram[] {
  if (exec) {
    if (exec.length === 0) return [];
    const out: EntryProgram[] = [];
    for (const argv of commandChain(exec)) {
      // `sh -c LINE`, `bash -lc LINE`, `/usr/bin/bash -e -c LINE`: the line's programs.
      const line = shellLineIndex(argv);
      if (line !== null) return [...out, program(instr, from, argv[0], false, inputs), ...shellPrograms(instr, from, argv[line], inputs)];
      out.push(program(instr, from, argv[0], false, inputs), ...childPrograms(instr.line, from, argv, false, inputs));
      out.push(...npmScript(instr, argv, inputs));
    }
    return out;
  }
  return shellPrograms(instr, from, joinContinuations(args), inputs);
}

/**
 * Does the ENTRYPOINT script take the CMD's first word as its own subcommand and end there (`docker-entrypoint.sh
 * serve` with `case "$1" in serve) … exec /app/server;; esac`, or `if [ "$1" = "serve" ]; then exec …; fi`)? Then
 * the word is no program: the script's branch runs the programs, which scriptPrograms reads. Only when the branch
 * the word picks (the first case item whose pattern matches it) ends the script for it, with `exit` or an `exec` of
 * another program, and nothing before that branch can run the words (`"$@"`, `shift`, `set --`): a branch that goes
 * on (`git) echo …;;` and a later `exec "$@"`, `set -- git "$@"`) or runs the words itself leaves the word a program.
 */
function consumesSubcommand(entrypoint: Instruction, word: string, inputs: EntryInputs): boolean {
  if (!/^[\w.:-]+$/.test(word)) return false;
  const exec = entrypoint.exec ?? [];
  const script = shellScriptOperand(exec) ?? exec[0] ?? "";
  const path = locate(script.includes("/") ? script : `./${script}`, inputs, []);
  const src = path === null ? null : contextSource(path, inputs.sources);
  const text = src === null ? null : inputs.context.read(src);
  if (!text?.startsWith("#!")) return false;
  const parsed = parseShell(text);
  if (!parsed.ok) return false;
  for (const statement of parsed.root.namedChildren) {
    if (!statement || statement.type === "comment") continue;
    // `if [ "${1#-}" != "$1" ]; then set -- node "$@"; fi` changes the words only for an option: not for this word.
    if (dashIdiom(statement) !== null) continue;
    const verdict = subcommandBranch(statement, word);
    if (verdict === "ends") return true;
    if (verdict === "goes-on") return false;
    // A statement that does not pick on `$1` must leave the words alone.
    if (verdict === null && touchesArguments(statement.text)) return false;
  }
  return false;
}

/** `[ "${1#-}" != "$1" ]`, `[ "${1:0:1}" = '-' ]` (`==`, `[[ … ]]`, `${1}`): is the first argument an option? */
const OPTION_TEST = /^\[\[? (?:"?\$\{1#-\}"? != "?\$(?:1|\{1\})"?|"?\$\{1:0:1\}"? ==? (['"]?)-\1) \]\]?$/;

/**
 * The docker-entrypoint idiom `if [ "${1#-}" != "$1" ]; then set -- node "$@"; fi` (or `[ "${1:0:1}" = '-' ]`): the
 * words it puts before the arguments when the first is an option (`["node"]`), or null for any other statement.
 */
function dashIdiom(node: ShellNode): string[] | null {
  if (node.type !== "if_statement") return null;
  const test = node.childForFieldName("condition");
  if (test?.type !== "test_command" || !OPTION_TEST.test(test.text.replace(/\s+/g, " "))) return null;
  const body = node.namedChildren.filter((c): c is ShellNode => c !== null && !c.equals(test) && c.type !== "comment");
  if (body.length !== 1 || body[0].type !== "command") return null;
  const m = /^set -- ((?:[\w./-]+ )+)"\$@"$/.exec(body[0].text.replace(/\s+/g, " ").trim());
  return m ? m[1].trim().split(" ") : null;
}

/**
 * The program the ENTRYPOINT script puts before an option (the dash idiom, before anything else reads the
 * words), when it then runs the words (`exec "$@"`); null otherwise.
 */
function optionProgram(entrypoint: Instruction, inputs: EntryInputs): string[] | null {
  const exec = entrypoint.exec ?? [];
  const script = shellScriptOperand(exec) ?? exec[0] ?? "";
  const path = locate(script.includes("/") ? script : `./${script}`, inputs, []);
  const src = path === null ? null : contextSource(path, inputs.sources);
  const text = src === null ? null : inputs.context.read(src);
  if (!text?.startsWith("#!") || !passesArguments(entrypoint, inputs)) return null;
  const parsed = parseShell(text);
  if (!parsed.ok) return null;
  for (const statement of parsed.root.namedChildren) {
    if (!statement || statement.type === "comment") continue;
    const words = dashIdiom(statement);
    if (words) return words;
    if (touchesArguments(statement.text)) return null;
  }
  return null;
}

/** `$1`, `$@`, `$*`, `$#`, `shift`, `set -- …`, `set x …`: a statement that reads or changes the script's words. */
function touchesArguments(text: string): boolean {
  return /\$\{?[@*#1-9]|\bshift\b|\bset\s+(--|[^-\s])|\beval\b/.test(text);
}

const FIRST_ARGUMENT = /^"?\$(?:1|\{1\})"?$/;

/**
 * What a top-level statement that picks on `$1` does with `word`: "ends" (its branch for the word ends the script),
 * "goes-on" (the branch may run the word, or the pass cannot tell), "skip" (no branch runs for the word), or null
 * (the statement does not pick on `$1`).
 */
function subcommandBranch(node: ShellNode, word: string): "ends" | "goes-on" | "skip" | null {
  if (node.type === "case_statement") {
    if (!FIRST_ARGUMENT.test(node.childForFieldName("value")?.text ?? "")) return null;
    for (const item of node.namedChildren) {
      if (item?.type !== "case_item") continue;
      const values = item.childrenForFieldName("value");
      const matches = values.map((v) => globMatches(v?.text ?? "", word));
      if (matches.includes(null)) return "goes-on";
      if (!matches.includes(true)) continue;
      const body: ShellNode[] = [];
      for (let i = 0; i < item.childCount; i++) {
        const child = item.child(i);
        if (child?.isNamed && item.fieldNameForChild(i) !== "value") body.push(child);
      }
      return endsFor(body, word) ? "ends" : "goes-on";
    }
    return "skip";
  }
  // `if [ "$1" = serve ]; then …; fi` and `[ "$1" = serve ] && exit 0`.
  const test = node.type === "if_statement" ? node.childForFieldName("condition") : node.type === "list" ? node.namedChildren[0] : null;
  const compared = test ? comparedWord(test) : null;
  if (compared === null) return null;
  if (node.type === "list") {
    const body = node.namedChildren.slice(1);
    if (node.children[1]?.type !== "&&" || body.length !== 1 || !body[0]) return "goes-on";
    return compared !== word ? "skip" : endsFor([body[0]], word) ? "ends" : "goes-on";
  }
  const parts = node.namedChildren.filter((c): c is ShellNode => c !== null && !c.equals(test as ShellNode));
  if (parts.some((c) => c.type === "elif_clause" || c.type === "else_clause")) return "goes-on";
  return compared !== word ? "skip" : endsFor(parts, word) ? "ends" : "goes-on";
}

/** The literal `[ "$1" = x ]` (`==`, `[[ … ]]`) compares the first argument with, or null. */
function comparedWord(test: ShellNode): string | null {
  if (test.type !== "test_command") return null;
  const expr = test.namedChildren[0];
  if (expr?.type !== "binary_expression" || test.namedChildCount !== 1) return null;
  const op = expr.childForFieldName("operator")?.text;
  const left = expr.childForFieldName("left")?.text ?? "";
  const right = expr.childForFieldName("right")?.text ?? "";
  if ((op !== "=" && op !== "==") || !FIRST_ARGUMENT.test(left)) return null;
  const value = right.replace(/^(["'])(.*)\1$/, "$2");
  return /^[\w.:-]+$/.test(value) ? value : null;
}

/** A case pattern matches the word (true, false), or the pass cannot tell (null: a variable, an extended glob). */
function globMatches(pattern: string, word: string): boolean | null {
  const text = pattern.replace(/^(["'])(.*)\1$/, "$2");
  if (/[$`(){}\\!@+]/.test(text)) return null;
  if (!/[*?[]/.test(text) || /^(["'])/.test(pattern)) return text === word;
  const source = text.replace(/[.^|]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  try {
    return new RegExp(`^${source}$`).test(word);
  } catch {
    return null;
  }
}

/**
 * Do these statements end the script for the word: the last is `exit` or an `exec` of a program named in full
 * that is not the word, and none before it can run the words?
 */
function endsFor(body: readonly ShellNode[], word: string): boolean {
  const statements = body.filter((s) => s.type !== "comment");
  const last = statements[statements.length - 1];
  if (last?.type !== "command") return false;
  if (statements.slice(0, -1).some((s) => touchesArguments(s.text) && !/^shift\b/.test(s.text.trim()))) return false;
  const name = last.childForFieldName("name")?.text;
  if (name === "exit") return true;
  if (name !== "exec") return false;
  const target = last.childrenForFieldName("argument")[0]?.text ?? "";
  return target !== "" && !/[$`"'\\]/.test(target) && !target.startsWith("-") && posix.basename(target) !== word;
}

/** Does the ENTRYPOINT script run the CMD's words as a command (`exec "$@"`, the node image's docker-entrypoint.sh)? Init wrappers are unwrapped instead. */
function passesArguments(entrypoint: Instruction, inputs: EntryInputs): boolean {
  const exec = entrypoint.exec ?? [];
  // `["bash", "/app/entrypoint.sh"]`: the script the shell is given is what takes the CMD's words.
  const script = shellScriptOperand(exec);
  const first = script ?? exec[0] ?? "";
  if (INIT_WRAPPERS.has(posix.basename(first))) return false;
  if (posix.basename(first) === "docker-entrypoint.sh") return true;
  // A program of the image (`npm`, `node`, `python`) takes them as its arguments.
  const path =
    script !== null ? locate(script.includes("/") ? script : `./${script}`, inputs, []) : locate(first, inputs, inputs.searchPath ?? []);
  if (path === null) return false;
  // A built program takes them as its arguments; a script of the context runs them when it says `"$@"`.
  const src = contextSource(path, inputs.sources);
  const text = src === null ? null : inputs.context.read(src);
  return text?.startsWith("#!") === true && /\$\{?[@*]/.test(text) && runsItsWords(text);
}

/** The script's words as a whole (`"$@"`, `$*`, `"${@}"`). */
const ALL_WORDS = /^"?\$(\{[@*]\}|[@*])"?$/;
/** Interpreters that take the words as their own arguments (a script file, options), never as a command to run. */
const INTERPRETER = /^(node|nodejs|bun|deno|python(\d(\.\d+)?)?|pypy3?|java|ruby|perl|php(\d(\.\d+)?)?|dotnet)$/;

/**
 * Does some command of the script run its words as a command (`exec "$@"`, `gosu app "$@"`, `sh -c "$*"`, another
 * script `exec docker-entrypoint.sh "$@"`), rather than hand them to an interpreter as its arguments (`exec node "$@"`:
 * the CMD `["server.js"]` is node's file)? Any command but a known interpreter that receives the words may run them,
 * as may a command whose name is computed (`$CMD`, `"${args[@]}"`) or a script that does not parse: yes.
 */
function runsItsWords(text: string): boolean {
  const parsed = parseShell(text);
  if (!parsed.ok) return true;
  for (const c of simpleCommands(parsed)) {
    if (!c.name) continue;
    const argv = [c.name, ...c.args.map((a) => a.value ?? a.text)];
    const chain = commandChain(argv);
    const inner = chain[chain.length - 1];
    if (chain.some((words) => ALL_WORDS.test(words[0]) || words[0].includes("$"))) return true;
    if (c.args.some((a) => /\$\{?[@*]/.test(a.text)) && !INTERPRETER.test(posix.basename(inner[0]))) return true;
  }
  return false;
}

export function shellPrograms(instr: Instruction, from: EntryProgram["from"], text: string, inputs: EntryInputs): EntryProgram[] {
  const script = parseShell(text);
  const out: EntryProgram[] = [program(instr, from, "sh", true, inputs)];
  for (const c of simpleCommands(script)) {
    if (!c.name) continue;
    const full = [c.name, ...c.args.map((a) => a.value ?? a.text)];
    for (const argv of commandChain(full)) {
      // `$0` is the shell's own name.
      const words = argumentWords(full, c.args, argv);
      const computed = (word: string): EntryProgram => ({
        name: c.node.text,
        from,
        line: instr.line,
        artifact: null,
        shell: true,
        computed: word,
      });
      if (argv[0].includes("$")) {
        out.push(computed(argv[0]));
        break;
      }
      // `sh -c 'git pull && exec node server.js'`: the script's programs; one the shell computes cannot be read.
      const flag = shellLineIndex(argv);
      const inner = flag !== null ? words[flag - 1] : undefined;
      if (inner && inner.value === null) {
        out.push(computed(inner.text));
        break;
      }
      if (inner?.value) out.push(...shellPrograms(instr, from, inner.value, inputs));
      out.push(program(instr, from, argv[0], true, inputs), ...childPrograms(instr.line, from, argv, true, inputs));
      const place = { cwd: inputs.workdir, self: null, selfAbsolute: false };
      const files = sourcedFile(instr.line, from, argv, words, inputs, place).map((f) => (f.unread ? { ...f, unreadIn: text.trim() } : f));
      out.push(...npmScript(instr, argv, inputs), ...files);
    }
  }
  return out;
}

/**
 * The shell words of a wrapped command's arguments: a run of the command's words (`exec sh x.sh`, `find … -exec
 * unzip {} ;`), or the words of the shell line a wrapper was given (`su app -c "…"` is `sh -c "…"`).
 */
function argumentWords(full: readonly string[], args: readonly Word[], argv: readonly string[]): Word[] {
  for (let k = full.length - argv.length; k >= 0; k--)
    if (argv.every((w, i) => full[k + i] === w)) return args.slice(k, k + argv.length - 1);
  return argv.slice(1).map((w) => args.find((a) => (a.value ?? a.text) === w) ?? { text: w, value: w });
}

function program(instr: Instruction, from: EntryProgram["from"], name: string, shell: boolean, inputs: EntryInputs): EntryProgram {
  const artifact = locate(name, inputs, inputs.searchPath ?? []);
  const result: EntryProgram = { name, from, line: instr.line, artifact, shell };
  return result;
}

/** The program a command runs as a child without naming it: tar's compressor, the script a shell is given. */
function childPrograms(
  line: number,
  from: EntryProgram["from"],
  argv: readonly string[],
  shell: boolean,
  inputs: EntryInputs,
): EntryProgram[] {
  const script = shellScriptOperand(argv);
  if (script !== null) {
    // `sh start.sh` reads start.sh from the working folder (no PATH lookup): it is the entry's script, a shell
    // script whatever its first line, as is the file a shell-form `sh start.sh` runs.
    const artifact = script.includes("$") ? null : locate(script.includes("/") ? script : `./${script}`, inputs, []);
    return [{ name: script, from, line, artifact, shell: true, operand: true }];
  }
  const child = (name: string, guessed: boolean): EntryProgram => ({
    name,
    from,
    line,
    artifact: locate(name, inputs, inputs.searchPath ?? []),
    shell,
    parent: argv.join(" "),
    ...(guessed ? { guessed } : {}),
  });
  // Installing or rebuilding packages when the image starts builds their native addons with node-gyp, which runs
  // python3, make and a C++ compiler.
  if (installsPackages(argv)) return NODE_GYP_NEEDS.map((n) => ({ ...child(n, false), builds: true as const }));
  const name = tarCompressor(argv);
  return name === null ? tarDetectedCompressors(argv).map((n) => child(n, true)) : [child(name, false)];
}

const NODE_GYP_NEEDS = ["python3", "make", "g++"];

/** `npm ci`, `npm install`, `npm rebuild`, `yarn`, `yarn install`, `pnpm install`, `node-gyp rebuild`, `npx node-gyp …`. */
function installsPackages(argv: readonly string[]): boolean {
  const tool = posix.basename(argv[0] ?? "");
  const operands = argv.slice(1).filter((w) => !w.startsWith("-"));
  if (tool === "node-gyp") return true;
  if (tool === "npx") return operands[0] === "node-gyp";
  if (tool === "npm") return /^(ci|install|i|isntall|add|rebuild|rb)$/.test(operands[0] ?? "") && !argv.includes("--ignore-scripts");
  if (tool === "yarn") return (operands.length === 0 || /^(install|add)$/.test(operands[0])) && !argv.includes("--ignore-scripts");
  if (tool === "pnpm") return /^(install|i|add|rebuild|rb)$/.test(operands[0] ?? "") && !argv.includes("--ignore-scripts");
  return false;
}

/** The script file a shell runs (`sh start.sh`, `bash -e ./run.sh`), or null (`sh -c …`, a shell reading stdin). */
function shellScriptOperand(argv: readonly string[]): string | null {
  if (!SHELL_NAMES.has(posix.basename(argv[0] ?? ""))) return null;
  const index = shellFileIndex(argv);
  return index === null ? null : argv[index];
}

/** Where a shell stands when it reads a file: its working folder, and the script `$0` names. */
interface ShellPlace {
  /** The working folder, or null once a `cd` went where the pass cannot tell. */
  readonly cwd: string | null;
  /** The absolute path of the script `$0` names, or null when not known (or `$0` is relative and a `cd` moved). */
  readonly self: string | null;
  /** `$0` is written as an absolute path, so a `cd` does not change what it names. */
  readonly selfAbsolute: boolean;
}

const SHELL_NAMES = new Set(["sh", "bash", "dash"]);

/**
 * The file `. FILE` or `source FILE` reads, or `sh FILE` runs, when the runtime copies it from the build context;
 * a path the pass cannot resolve (computed, or relative to a folder a `cd` changed to) as an unread file.
 */
function sourcedFile(
  line: number,
  from: EntryProgram["from"],
  argv: readonly string[],
  words: readonly Word[],
  inputs: EntryInputs,
  place: ShellPlace,
): EntryProgram[] {
  const index = shellFileIndex(argv);
  const word = index === null ? undefined : words[index - 1];
  if (word === undefined) return [];
  const unread = (why: "computed" | "cd"): EntryProgram[] => [
    { name: word.text, from, line, artifact: null, shell: true, sourced: true, unread: why },
  ];
  const name = word.value ?? besideScript(word.text, place);
  if (name === null) return unread("computed");
  if (!name.startsWith("/") && place.cwd === null) return unread("cd");
  const here = { ...inputs, workdir: place.cwd };
  // `. NAME` without a slash is looked up on PATH, then (bash) in the working folder; `sh NAME` in the working folder.
  const inFolder = name.includes("/") ? null : locate(`./${name}`, here, []);
  const artifact =
    argv[0] === "." || argv[0] === "source"
      ? (locate(name, here, inputs.searchPath ?? []) ?? inFolder)
      : (inFolder ?? locate(name, here, []));
  const src = artifact === null ? null : contextSource(artifact, inputs.sources);
  if (src === null || inputs.context.read(src) === null) return [];
  return [{ name, from, line, artifact, shell: true, sourced: true }];
}

/** The index in `argv` of the file a shell reads (`. FILE`, `source FILE`) or runs (`sh -e FILE`), or null. */
function shellFileIndex(argv: readonly string[]): number | null {
  if (argv[0] === "." || argv[0] === "source") return argv.length > 1 ? 1 : null;
  if (!SHELL_NAMES.has(posix.basename(argv[0]))) return null;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    // `-c`: the script is the next word, not a file; `-s`: from standard input.
    if (/^[-+]\w*[cs]/.test(word)) return null;
    if (word === "-o" || word === "+o") i++;
    else if (word === "--") return i + 1 < argv.length ? i + 1 : null;
    else if (!word.startsWith("-") && !word.startsWith("+")) return i;
  }
  return null;
}

/** `"$(dirname "$0")/x.sh"`, `"${0%/*}/x.sh"`: a path in the folder of the script `$0` names, when known. */
function besideScript(text: string, place: ShellPlace): string | null {
  const m = /^(?:\$\(dirname \$0\)|`dirname \$0`|\$\{0%\/\*\})\/([\w./-]+)$/.exec(text.replace(/"/g, ""));
  return m && place.self !== null ? posix.join(posix.dirname(place.self), m[1]) : null;
}

/** Where the shell stands after `cd ARGS`. */
function afterCd(words: readonly Word[], place: ShellPlace): ShellPlace {
  const word = words[0];
  const target = word === undefined || word.value === "-" ? null : (word.value ?? besideScript(`${word.text}/.`, place));
  const cwd = target === null ? null : resolvePath(place.cwd, target);
  return { cwd, self: place.selfAbsolute ? place.self : null, selfAbsolute: place.selfAbsolute };
}

/** The absolute path of a program inside the copied paths, if it is there. */
function locate(name: string, inputs: EntryInputs, searchPath: readonly string[]): string | null {
  if (name.includes("/")) {
    const path = resolvePath(inputs.workdir, name);
    return path !== null && inputs.copyPaths.some((c) => isUnder(path, c)) ? path : null;
  }
  // A bare name needs evidence that the file is there: copied as such, from the context, or a known bin.
  const installed = inputs.installed?.get(name);
  if (installed !== undefined && inputs.copyPaths.some((c) => isUnder(installed, c))) return installed;
  for (const dir of searchPath) {
    if (inputs.knownBins?.has(name)) return `${dir}/${name}`;
  }
  for (const dir of PATH_DIRS) {
    const path = `${dir}/${name}`;
    const src = contextSource(path, inputs.sources);
    if (inputs.copyPaths.includes(path) || (src !== null && inputs.context.exists(src))) return path;
  }
  return null;
}

/** The context file that a COPY put at an absolute path, if the Dockerfile shows it. */
export function contextSource(abs: string, sources: ReadonlyMap<string, string>): string | null {
  for (const [dest, src] of sources) {
    if (abs === dest) return src;
    const glob = posix.basename(dest);
    if (/[*?]/.test(glob) && posix.dirname(abs) === posix.dirname(dest) && globRegExp(glob).test(posix.basename(abs))) {
      return posix.join(posix.dirname(src), posix.basename(abs));
    }
    if (isUnder(abs, dest) && (src === "." || src.endsWith("/") || !posix.extname(src))) return posix.join(src, posix.relative(dest, abs));
  }
  return null;
}

function globRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]")}$`,
  );
}

/** The text of the context's shell script an entry program is, or null. */
function shellScriptText(e: EntryProgram, inputs: EntryInputs): string | null {
  if (!e.artifact) return null;
  const src = contextSource(e.artifact, inputs.sources);
  const text = src === null ? null : inputs.context.read(src);
  return text && (SHELL_SHEBANG.test(text) || e.sourced || e.operand) ? text : null;
}

/** How many files deep `. FILE` is followed from a script (a sourced file may source another). */
const MAX_SOURCED_DEPTH = 4;

/**
 * The commands inside a shell script that the entry runs (one level deep), and inside the files it sources, which
 * run in the script's own shell (`. ./scripts/setup.sh`), or runs with a shell (`sh ./scripts/setup.sh`); those
 * files themselves too.
 */
export function scriptPrograms(entry: readonly EntryProgram[], inputs: EntryInputs): EntryProgram[] {
  // Each program with the shell it runs in: a sourced file runs in its script's shell, a file `sh` runs in its own.
  const found: Array<{ program: EntryProgram; shell: number }> = [];
  // The functions each shell defines (in the script or a file it sources): a call to one runs no program.
  const functions = new Map<number, Set<string>>();
  const start = (e: EntryProgram): ShellPlace => ({ cwd: inputs.workdir, self: e.artifact, selfAbsolute: e.name.startsWith("/") });
  const scripts = entry.map((e, shell) => ({ e, depth: 0, place: start(e), shell }));
  for (let i = 0; i < scripts.length; i++) {
    const { e, depth, shell } = scripts[i];
    let place = scripts[i].place;
    const text = shellScriptText(e, inputs);
    if (text === null) continue;
    const parsed = parseShell(text);
    const defined = functions.get(shell) ?? new Set<string>();
    functions.set(shell, defined);
    for (const name of definedFunctions(parsed)) defined.add(name);
    const push = (...programs: EntryProgram[]) => found.push(...programs.map((program) => ({ program, shell })));
    for (const c of simpleCommands(parsed)) {
      // `"$@"` runs the CMD's words, which entryPrograms reads as the CMD (passesArguments).
      if (!c.name || /^"?\$(\{@\}|@|\*)"?$/.test(c.name)) continue;
      const argv = [c.name, ...c.args.map((a) => a.value ?? a.text)];
      // `exec /app/server "$@"` runs the server: a wrapper's command is a program of the script too.
      for (const words of lineCommands(argv, 0)) {
        const name = words[0];
        if (/^"?\$(\{@\}|@|\*)"?$/.test(name)) break;
        push({
          name,
          from: "script",
          line: e.line,
          artifact: locate(name, inputs, inputs.searchPath ?? []),
          shell: true,
          inScript: e.artifact ?? e.name,
        });
        push(...childPrograms(e.line, "script", words, true, inputs));
      }
      if (c.name === "cd") place = afterCd(c.args, place);
      const sourced = c.name === "." || c.name === "source";
      for (const file of sourcedFile(e.line, "script", argv, c.args, inputs, place)) {
        if (file.unread) {
          push({ ...file, unreadIn: e.artifact ?? e.name });
          continue;
        }
        if (depth >= MAX_SOURCED_DEPTH || scripts.some((s) => s.e.artifact === file.artifact)) continue;
        push(file);
        // A sourced file runs in this shell: `$0` and the folder stay, and a `cd` in it moves this shell too.
        const own = { cwd: place.cwd, self: file.artifact, selfAbsolute: file.name.startsWith("/") };
        scripts.push({ e: file, depth: depth + 1, place: sourced ? place : own, shell: sourced ? shell : scripts.length });
        if (sourced && movesFolder(file, inputs)) place = { ...place, cwd: null, self: place.selfAbsolute ? place.self : null };
      }
    }
  }
  return found
    .filter(({ program, shell }) => !(program.artifact === null && !program.sourced && functions.get(shell)?.has(program.name)))
    .map(({ program }) => program);
}

/**
 * `argv` and every command it wraps (commandChain), and the commands of a literal shell line one of them is given
 * (`sh -c "cd data && unzip x.zip"`, `su app -c "…"`), with theirs.
 */
function lineCommands(argv: readonly string[], depth: number): string[][] {
  const out: string[][] = [];
  for (const words of commandChain(argv)) {
    out.push(words);
    const flag = shellLineIndex(words);
    const line = flag !== null ? words[flag] : undefined;
    if (line === undefined || depth >= 3) continue;
    // A computed name in the line (`sh -c "$*"`) is the entry's own check (runsItsWords, entryCommandComputed).
    for (const c of simpleCommands(parseShell(line)))
      if (c.name && !c.name.includes("$")) out.push(...lineCommands([c.name, ...c.args.map((a) => a.value ?? a.text)], depth + 1));
  }
  return out;
}

/** The names of the shell functions a script defines (`start() { … }`, `function start { … }`). */
function definedFunctions(script: ShellScript): string[] {
  if (!script.ok) return [];
  return script.root
    .descendantsOfType("function_definition")
    .map((n) => n?.childForFieldName("name")?.text)
    .filter((n): n is string => typeof n === "string");
}

/** Does the shell file run `cd`? */
function movesFolder(file: EntryProgram, inputs: EntryInputs): boolean {
  const text = shellScriptText(file, inputs);
  return text !== null && simpleCommands(parseShell(text)).some((c) => c.name === "cd");
}

/**
 * The entry's shell scripts, and the files they source, that do not parse: the commands after the error, and the
 * files they read, cannot be told, so neither can what the runtime must hold for them.
 */
export function unparsedScripts(entry: readonly EntryProgram[], inputs: EntryInputs): EntryProgram[] {
  return entry.filter((e) => {
    if (e.from === "script" && !e.sourced && !e.operand) return false;
    const text = shellScriptText(e, inputs);
    return text !== null && !parseShell(text).ok;
  });
}

/** Commands of yarn and pnpm themselves: any other first word names a package.json script, else a node_modules/.bin program. */
const MANAGER_COMMANDS = new Set(
  (
    "access add audit autoclean bin cache check config constraints create dedupe deploy doctor env explain fetch " +
    "generate-lock-entry global help i import info init install install-test licenses link list login logout ls " +
    "npm outdated owner pack patch patch-commit plugin policies prune publish rebuild remove rm root server set " +
    "setup stage store tag team unlink unplug up update upgrade upgrade-interactive version versions why workspace workspaces"
  ).split(" "),
);

/**
 * `npm start`, `npm run x`, `yarn x`, `pnpm run x`: the commands of that package.json script; `yarn exec x`,
 * `pnpm dlx x` or `yarn x` without such a script: the program x of node_modules/.bin.
 */
/** The words that run a script named after them, for an ENTRYPOINT that is a package manager (or its `run`) alone. */
function scriptRunner(exec: readonly string[]): string[] | null {
  for (const chain of commandChain(exec)) {
    // Options (`npm run --silent`, `npm --prefix /app run`) do not name a script.
    const parsed = managerOperands(chain);
    if (parsed === null || parsed.tool === "node") continue;
    const { tool, operands } = parsed;
    if (operands.length === 0) return tool === "npm" ? [...chain, "run"] : [...chain];
    if (operands.length === 1 && (operands[0] === "run" || operands[0] === "run-script")) return [...chain];
  }
  return null;
}

/** Options of npm, yarn and pnpm that take the next word as their value (`npm --prefix /app start`, `pnpm -C app start`). */
export const MANAGER_VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set("--prefix -C --loglevel -w --workspace --userconfig --globalconfig --cache --registry --script-shell".split(" ")),
  yarn: new Set(["--cwd", "--cache-folder", "--global-folder", "--modules-folder", "--registry", "--use-yarnrc"]),
  pnpm: new Set(["-C", "--dir", "--filter", "-F", "--loglevel", "--reporter", "--registry", "--workspace-dir"]),
};
/** The options that name the folder whose package.json the manager reads. */
const MANAGER_FOLDER_OPTIONS = new Set(["--prefix", "-C", "--cwd", "--dir"]);

/**
 * A package manager's command with its options left out (`npm run -s start`, `npm --silent start`, `npm --prefix
 * /app start`, `yarn -s start`): the operands up to the script's arguments, and the folder a folder option names
 * (undefined without one, null when not literal). `node --run NAME` is `["run", NAME]`.
 */
export function managerOperands(argv: readonly string[]): { tool: string; operands: string[]; folder?: string | null } | null {
  const tool = posix.basename(argv[0] ?? "");
  if (tool === "node" || tool === "nodejs") {
    const at = argv.findIndex((w) => w === "--run" || w.startsWith("--run="));
    if (at < 0 || argv.slice(1, at).some((w) => /\.[cm]?[jt]s$/.test(w))) return null;
    const name = argv[at] === "--run" ? argv[at + 1] : argv[at].slice("--run=".length);
    return name ? { tool: "node", operands: ["run", name] } : null;
  }
  const valued = MANAGER_VALUE_OPTIONS[tool];
  if (!valued) return null;
  const operands: string[] = [];
  let folder: string | null | undefined;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    // The script's own arguments follow `--`, and any words after its name.
    if (word === "--" || operands.length === 2 || (operands.length === 1 && !/^(run|run-script|rum|urn|exec|x|dlx)$/.test(operands[0])))
      break;
    const eq = /^(--?[\w-]+)=(.*)$/.exec(word);
    if (eq && MANAGER_FOLDER_OPTIONS.has(eq[1])) folder = /[$`]/.test(eq[2]) ? null : eq[2];
    else if (valued.has(word)) {
      if (MANAGER_FOLDER_OPTIONS.has(word)) folder = argv[i + 1] === undefined || /[$`]/.test(argv[i + 1]) ? null : argv[i + 1];
      i++;
    } else if (!word.startsWith("-")) operands.push(word);
  }
  return folder === undefined ? { tool, operands } : { tool, operands, folder };
}

function npmScript(instr: Instruction, argv: readonly string[], inputs: EntryInputs, depth = 0): EntryProgram[] {
  const parsed = managerOperands(argv);
  if (parsed === null || inputs.workdir === null || depth > 3) return [];
  const { tool } = parsed;
  // `npm --prefix /srv start` reads the scripts of /srv/package.json; a folder the pass cannot tell, none it knows.
  if (parsed.folder === null) return [];
  if (parsed.folder !== undefined) {
    const folder = resolvePath(inputs.workdir, parsed.folder);
    if (folder === null) return [];
    inputs = { ...inputs, workdir: folder };
  }
  const [first, second] = parsed.operands;
  const named =
    first === "run" || first === "run-script" || first === "rum" || first === "urn"
      ? second
      : first === "start" || first === "test" || first === "restart" || first === "stop"
        ? first
        : null;
  const scripts = packageScripts(inputs);
  const scriptOf = (name: string): string | undefined => (typeof scripts[name] === "string" ? (scripts[name] as string) : undefined);
  const asProgram = (name: string | undefined): EntryProgram[] =>
    name && !name.startsWith("-")
      ? [
          {
            name,
            from: "script",
            line: instr.line,
            artifact: locate(name, inputs, [...(inputs.scriptPath ?? []), ...(inputs.searchPath ?? [])]),
            shell: true,
          },
        ]
      : [];
  let name: string;
  if (named) name = named;
  else if (tool === "npm" || tool === "node" || first === undefined) return [];
  else if (first === "exec" || first === "dlx") return asProgram(second);
  else if (first === "node" || MANAGER_COMMANDS.has(first)) return [];
  else if (scriptOf(first) !== undefined) name = first;
  else return asProgram(first);
  // The commands of a script line, of the commands they wrap (`exec unzip …`), of a shell line in it (`sh -c "…"`)
  // and of another script it runs (`npm run unpack`).
  const commands = (text: string, level: number): EntryProgram[] =>
    simpleCommands(parseShell(text))
      .filter((c) => c.name)
      .flatMap((c) => {
        const words = [c.name as string, ...c.args.map((a) => a.value ?? a.text)];
        const out = [...asProgram(words[0]), ...childPrograms(instr.line, "script", words, true, inputs)];
        for (const [k, chain] of commandChain(words).entries()) {
          if (k > 0) out.push(...asProgram(chain[0]), ...childPrograms(instr.line, "script", chain, true, inputs));
          const at = shellLineIndex(chain);
          if (at !== null && level < 3) out.push(...commands(chain[at], level + 1));
          out.push(...npmScript(instr, chain, inputs, depth + 1));
        }
        return out;
      });
  // npm and yarn 1 run `pre<name>` and `post<name>` around the script by themselves; `node --run` does not.
  const hooks = tool === "node" ? [name] : [`pre${name}`, name, `post${name}`];
  return hooks.flatMap((hook) => {
    const script = scriptOf(hook);
    return script === undefined ? [] : commands(script, 0);
  });
}

/** The scripts of the working folder's package.json, from the build context. */
function packageScripts(inputs: EntryInputs): Record<string, unknown> {
  const src = contextSource(`${inputs.workdir}/package.json`, inputs.sources);
  const text = src === null ? null : inputs.context.read(src);
  try {
    const scripts = text ? JSON.parse(text)?.scripts : undefined;
    return scripts && typeof scripts === "object" ? scripts : {};
  } catch {
    return {};
  }
}
