// The working folder's files without node_modules, set aside by the build stage's own last RUN: the runtime then
// copies them straight from the build, and a source edit starts no container beyond the original's (a stage of
// its own, `FROM build` + RUN, starts one more on every rebuild). Only where appending to that RUN is provably the
// same as running the copy after it in a stage of its own; else the caller keeps that stage (filesStage).
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import { changed, type Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands, toWord, type ShellNode, type ShellScript } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { isUnder, resolvePath } from "../paths.js";

/** The copy-aside, as the files stage runs it (see `filesStage`). */
export function copyAsideCommand(workdir: string, folder: string): string {
  return `mkdir ${folder} && find ${workdir} -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} ${folder}/ \\;`;
}

/**
 * Commands that change the shell the copy would run in (`umask`, `trap`, aliases), end it before the copy
 * (`exec`, `exit`), or run text in it that cannot be read (`eval`, `.`): the copy may then not run, or not run
 * as it would in a RUN of its own.
 */
const SHELL_CHANGERS = new Set([
  "exec",
  "exit",
  "return",
  "trap",
  "umask",
  "alias",
  "unalias",
  "eval",
  ".",
  "source",
  "shopt",
  "enable",
  "builtin",
  "command",
  "hash",
  "ulimit",
]);
/** Builtins that declare variables: one naming `PATH=…` changes which programs the copy runs. */
const DECLARERS = new Set(["export", "declare", "typeset", "readonly", "local"]);
/** Statement nodes the last and-or list may hold: no compound command, in which `&&` would turn off `set -e`. */
const PLAIN = new Set([
  "command",
  "pipeline",
  "list",
  "negated_command",
  "redirected_statement",
  "test_command",
  "declaration_command",
  "unset_command",
]);
/** Commands that neither build nor change files the runtime takes (test-stage's neutral ones, or fewer). */
const NEUTRAL = new Set(["cd", "echo", "true", ":", "set", "printf", "env"]);
const NPM_LIKE = new Set(["npm", "yarn", "pnpm"]);

export type FilesAside = { readonly ok: true; readonly instr: Instruction } | { readonly ok: false; readonly why: string };

/**
 * RUN `run`, the build stage's last step, with the copy of `workdir`'s files but node_modules into `folder`
 * appended, or why not. `at` is its body index, or the index after the last build step for a RUN the recipe adds.
 */
export function filesAside(a: Analysis, run: Instruction, at: number, workdir: string, folder: string): FilesAside {
  const no = (why: string): FilesAside => ({ ok: false, why });
  if (workdir === "/" || !workdir.startsWith("/")) return no("the working folder is `/`");
  if (run.keyword !== "RUN") return no(`the build ends with a ${run.keyword}, not a RUN`);
  if (run.exec !== null) return no("the build's last RUN is in exec form, without a shell to append to");
  if (run.heredocs.length > 0) return no("the build's last RUN has a heredoc");
  const body = a.stage.body;
  const before = body.slice(0, at);
  // The files stage copies as root; the RUN runs as the stage's user there, who may not read or own every file.
  const user = [...before].reverse().find((i) => i.keyword === "USER");
  if (user && !/^(root|0)(:(root|0))?$/.test(user.args.trim()))
    return no("the build's last RUN runs as a user other than root, who may not read every file");
  // The default `/bin/sh -c`, or a POSIX shell that takes the script as its `-c` argument last.
  const shell = [...before].reverse().find((i) => i.keyword === "SHELL");
  if (shell && !(shell.exec && /(^|\/)(sh|bash|ash|dash)$/.test(shell.exec[0] ?? "") && /^-\w*c$/.test(shell.exec.at(-1) ?? "")))
    return no("a SHELL instruction sets another shell");
  // What a mount puts in or over the working folder is not the build's: the files stage does not see it.
  const cwd = a.cwdAt[at] ?? a.workdir;
  for (const flag of run.flags) {
    if (flag.name !== "mount") continue;
    const options = Object.fromEntries((flag.value ?? "").split(",").map((kv) => [kv.split("=")[0], kv.slice(kv.indexOf("=") + 1)]));
    const target = options.target ?? options.dst ?? options.destination;
    if (target === undefined && (options.type === "secret" || options.type === "ssh")) continue;
    const place = target === undefined || /[$]/.test(target) ? null : resolvePath(cwd, target);
    if (place === null || isUnder(place, workdir) || isUnder(workdir, place) || isUnder(place, folder) || isUnder(folder, place))
      return no("the build's last RUN mounts something in or over the working folder");
  }
  const text = joinContinuations(run.args);
  const script = parseShell(text);
  if (!script.ok) return no("the build's last RUN does not parse cleanly");
  const why = unsafeScript(script);
  if (why) return no(why);
  // Appended where it prints, then read back: the joined script must be the original's, `&&` the copy.
  const copy = copyAsideCommand(workdir, folder);
  const [mkdir, find] = copy.split(" && ");
  const args = `${run.args.replace(/\s+$/, "")} \\\n    && ${mkdir} \\\n    && ${find}`;
  // Each continuation joins as the blank before the escape and the next line's indent.
  const joined = joinContinuations(args);
  const again = parseShell(joined);
  const last = again.ok ? lastStatement(again.root) : null;
  if (joined !== `${text}     && ${mkdir}     && ${find}` || last?.type !== "list" || last.child(last.childCount - 1)?.text !== find)
    return no("the copy cannot be appended to the build's last RUN");
  return { ok: true, instr: changed(run, { args }) };
}

/** Why the copy cannot follow the script with `&&`, or null. */
function unsafeScript(script: ShellScript): string | null {
  const root = script.root;
  const nodes = [...walk(root)];
  if (nodes.some((n) => n.type === "comment")) return "the build's last RUN ends in a comment";
  // `a &`: the copy would race the job still writing.
  if (nodes.some((n) => !n.isNamed && n.type === "&")) return "the build's last RUN runs a command in the background";
  if (nodes.some((n) => n.type === "function_definition")) return "the build's last RUN defines a shell function";
  const last = lastStatement(root);
  if (!last || root.child(root.childCount - 1) !== last) return "the build's last RUN ends with `;`";
  if (![...walk(last)].every((n) => !n.isNamed || PLAIN.has(n.type) || !isStatement(n)))
    return "the build's last RUN ends in a compound command, in which `&&` after it would turn `set -e` off";
  let builds = false;
  let tests = false;
  for (const c of simpleCommands(script)) {
    const named = c.node.childForFieldName("name");
    if (c.name === null || !named || toWord(named).value === null) return "the build's last RUN runs a command whose name is computed";
    const name = posix.basename(c.name);
    if (SHELL_CHANGERS.has(c.name)) return `the build's last RUN runs \`${c.name}\``;
    const words = c.args.map((w) => w.value ?? w.text);
    if (DECLARERS.has(name) && words.some((w) => /^PATH=/.test(w))) return "the build's last RUN changes `PATH`";
    if (runsTests(name, words)) tests = true;
    else if (!NEUTRAL.has(name)) builds = true;
  }
  if (nodes.some((n) => n.type === "variable_assignment" && n.child(0)?.text === "PATH")) return "the build's last RUN changes `PATH`";
  // Tests alone: test-stage may move the RUN into a test stage of its own, which the copy would keep out of. A RUN
  // of neutral commands only (`echo "$GIT_SHA" > REVISION`) runs no test, and test-stage leaves it in place.
  if (!builds && tests) return "the build's last RUN runs only tests, which `--test-stage` moves into a stage of their own";
  return null;
}

/** Commands test-stage may take for tests (its test-commands.ts, or more): a RUN of them alone it may move. */
function runsTests(name: string, words: readonly string[]): boolean {
  const operands = words.filter((w) => !w.startsWith("-"));
  const [verb, script] = operands;
  if (NPM_LIKE.has(name))
    return /^(test|t|tst)$|^test:/.test(verb ?? "") || (/^run(-script)?$/.test(verb ?? "") && /^test/.test(script ?? ""));
  if (/^(go|cargo|dotnet)$/.test(name)) return verb === "test";
  if (name === "pytest" || name === "py.test") return true;
  if (/^python[\d.]*$/.test(name)) return words.includes("-m");
  return /^(make|mvnw?|gradlew?)$/.test(name) && operands.some((o) => /^(test|check|verify)$/.test(o));
}

const STATEMENTS = /(_statement|_command|^command|^list|^pipeline|^subshell|^function_definition)$/;
function isStatement(n: ShellNode): boolean {
  return STATEMENTS.test(n.type) && n.type !== "command_name" && n.type !== "command_substitution";
}

/** The script's last top-level statement (named child of the program), or null. */
function lastStatement(root: ShellNode): ShellNode | null {
  for (let i = root.namedChildCount - 1; i >= 0; i--) {
    const n = root.namedChildren[i];
    if (n) return n;
  }
  return null;
}

function* walk(node: ShellNode): Generator<ShellNode> {
  const stack: ShellNode[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    yield n;
    for (const c of n.children) if (c) stack.push(c);
  }
}

/**
 * The build ends with context COPYs after its last RUN (`RUN npm ci` then `COPY . .`): the copy-aside can go
 * into that RUN when the runtime replays those COPYs after the files, as the original made them, so a source
 * edit then re-runs only the replayed COPY. Their body indices and the RUN's, or why not. Only COPYs from the
 * context into the working folder, made there, that bring no node_modules over the one the runtime takes.
 */
export function trailingCopies(
  a: Analysis,
  context: BuildContext,
): { readonly run: number; readonly copies: readonly number[] } | { readonly why: string } {
  const body = a.stage.body;
  const wd = a.workdir;
  let run = a.lastBuild;
  while (run >= 0 && body[run].keyword !== "RUN") run--;
  if (run < 0 || wd === null) return { why: `the build ends with a ${body[a.lastBuild].keyword}, not a RUN` };
  const copies: number[] = [];
  const ctx = withDockerignore(context);
  for (let i = run + 1; i <= a.lastBuild; i++) {
    const instr = body[i];
    if (instr.keyword === "RUN" || instr.keyword === "ADD") return { why: `the build ends with an ${instr.keyword}, not a RUN` };
    if (instr.keyword !== "COPY") continue;
    const why = `the build ends with a COPY after its last RUN, which the runtime cannot replay after the files (line ${instr.line})`;
    if (instr.heredocs.length > 0 || instr.flags.some((f) => f.name === "from" || f.name === "parents" || f.name === "exclude"))
      return { why };
    const words =
      instr.exec ??
      instr.args
        .replace(/\\[ \t]*\r?\n/g, " ")
        .trim()
        .split(/\s+/);
    const dest = resolvePath(a.cwdAt[i] ?? null, words.at(-1) ?? "");
    if (a.cwdAt[i] !== wd || dest === null || !isUnder(dest, wd) || words.length < 2) return { why };
    // The context's node_modules, copied into the working folder, would land over the runtime's.
    for (const src of words.slice(0, -1)) {
      if (/[*?[$]/.test(src)) return { why };
      if (ctx.exists(posix.join(src, "node_modules")))
        return { why: "the build ends with a COPY that brings the context's `node_modules`" };
    }
    copies.push(i);
  }
  return { run, copies };
}
