// The command line. The only module that touches `process`; everything else goes through the library API.
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { writeFileAtomically } from "../io/atomic-write.js";
import { Command, Option } from "commander";
import { decodeBytes, encodeText } from "../core/bytes.js";
import { fsContext, noContext } from "../core/context.js";
import { colorizeDiff } from "../core/diff.js";
import { DockerfileError } from "../core/parse.js";
import { UsageError } from "../core/errors.js";
import { formatNote, type Note } from "../core/pass.js";
import { MAX_FILE_CHARS, optimize } from "../core/pipeline.js";
import { PASSES } from "../../passes/index.js";
import { ISSUES_URL, VERSION } from "../io/version.js";
import { printable } from "../io/terminal-text.js";
import { catalogWithFault, INJECT_FAULT_ENV } from "../batch/fault.js";
import { resolveSettings, type Settings } from "./config.js";
// batch and verify (and what they load: worker threads, YAML, Docker, HTTP) are imported when asked for, so
// that one file's run compiles and starts only what it needs.
import type { VerifyIo } from "./verify.js";
import { RunRoot } from "../verify/run-root.js";
import { tmpdir } from "node:os";
import { addSettingsOptions, flagSettings, withToday } from "./options.js";

interface CliOptions {
  output?: string;
  diff?: boolean;
  check?: boolean;
  format: "text" | "json";
  listPasses?: boolean;
  explain?: string;
  quiet?: boolean;
  context?: string;
  config?: string;
  printConfig?: boolean;
  verify?: boolean;
  debug?: boolean;
}

function program(): Command {
  const cmd = new Command("msb-opt")
    .description("Rewrite a Dockerfile into an optimized multi-stage one, with a reason for every change.")
    .version(VERSION, "--version")
    .argument("[file]", "the Dockerfile to optimize, or - for standard input", "Dockerfile")
    .option("-o, --output <file>", "write the result to a file (atomically) instead of standard output")
    .option("--diff", "print a unified diff instead of the result")
    .option("--check", "exit 1 when the file would change (for CI); prints nothing but notes")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--list-passes", "list the passes, one per line, in pipeline order")
    .option("--explain <id>", "print a pass's title, rationale and an example")
    .option("-q, --quiet", "do not print change notes")
    .option("--context <dir>", "the build context (default: the Dockerfile's folder)")
    .option("--print-config", "print the settings in effect for the Dockerfile, and exit")
    .option("--verify", "build and run both versions with BuildKit first; print the rewrite only if it is equivalent")
    .option("--debug", "print the stack of an internal error (for a bug report)");
  addSettingsOptions(cmd);
  return cmd
    .addHelpText(
      "after",
      `
Commands:
  msb-opt batch [paths...]                optimize every Dockerfile of a tree (msb-opt batch --help)
  msb-opt verify [file]                   prove a rewrite with real BuildKit builds (msb-opt verify --help)

Examples:
  msb-opt Dockerfile > Dockerfile.opt     optimized file on stdout, one note per change on stderr
  msb-opt --diff Dockerfile               review the change as a unified diff
  msb-opt --check Dockerfile              exit 1 when msb-opt would change the file
  msb-opt -o Dockerfile Dockerfile        rewrite in place, atomically
  msb-opt --skip split-stages - < Dockerfile
  msb-opt --explain merge-run

Exit codes: 0 done, 1 changes found under --check, 2 error in the input or usage (nothing written),
3 internal error: a bug in msb-opt, please report it (nothing written).`,
    )
    .showHelpAfterError("(run msb-opt --help for usage)")
    .configureOutput({ ...commanderOutput, outputError: (str, write) => write(str.replace(/^error: /, "msb-opt: ")) })
    .exitOverride();
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "batch") {
    const { batchCommand, runBatchCommand } = await import("./batch.js");
    return subcommand("batch", batchCommand(), argv.slice(1), (cmd) =>
      runBatchCommand(cmd, { ...terminal(), env: process.env, now: () => Date.now(), onInterrupt: verifyIo().onInterrupt }),
    );
  }
  if (argv[0] === "verify") {
    const { runVerifyCommand, verifyCommand } = await import("./verify.js");
    return subcommand("verify", verifyCommand(), argv.slice(1), (cmd) => runVerifyCommand(cmd, verifyIo()));
  }
  const cmd = program();
  try {
    cmd.parse(argv, { from: "user" });
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode ?? 2;
    return code === 0 ? 0 : 2;
  }
  const opts = cmd.opts<CliOptions>();
  const [file] = cmd.processedArgs as [string];
  if (opts.listPasses) {
    for (const p of PASSES) toStdout(`${p.id}\t${p.title}\n`);
    return 0;
  }
  if (opts.explain) {
    const pass = PASSES.find((p) => p.id === opts.explain);
    if (!pass) throw new UsageError(`unknown pass "${opts.explain}" (known: ${PASSES.map((p) => p.id).join(", ")})`);
    toStdout(`${pass.id}: ${pass.title}\n\n${pass.rationale}\n`);
    const example = readExamples()[pass.id];
    if (example) toStdout(`\nExample (${example.case}):\n\n${example.diff}\n${example.notes}`);
    return 0;
  }
  if (opts.output) {
    // -o writes the optimized Dockerfile; these print something else to standard output (and --check writes nothing).
    const other = opts.check ? "--check" : opts.diff ? "--diff" : opts.format === "json" ? "--format json" : null;
    if (other)
      throw new UsageError(
        other === "--check"
          ? "-o writes the optimized Dockerfile, and --check writes no file; use one of them"
          : `-o writes the optimized Dockerfile, and ${other} prints something else to standard output; use one of them (redirect standard output to keep what ${other} prints)`,
      );
  }
  const fromStdin = file === "-";
  const label = fromStdin ? "<stdin>" : file;
  const { settings, file: configFile } = settingsOf(cmd, fromStdin ? null : file);
  if (opts.printConfig) {
    toStdout(`${JSON.stringify({ config: configFile, settings }, null, 2)}\n`);
    return 0;
  }
  const text = fromStdin ? decodeBytes(readFileSync(0)) : readInput(file);
  warnIfClassicBuilder(label, text);
  const contextDir = opts.context ?? (fromStdin ? null : dirname(resolve(file)));
  if (contextDir !== null && !isDirectory(contextDir)) throw new UsageError(`${contextDir}: the build context is not a folder`);

  let result;
  try {
    result = await optimize(text, {
      ...withToday(settings, Date.now()),
      filename: fromStdin ? "Dockerfile" : diffPath(file),
      context: contextDir === null ? noContext : fsContext(contextDir, fromStdin ? undefined : file),
      catalog: catalogWithFault(process.env[INJECT_FAULT_ENV], label),
    });
  } catch (err) {
    if (err instanceof DockerfileError) throw new UsageError(`${label}:${err.line}: ${err.message}`);
    throw err;
  }

  if (opts.verify && result.output !== text) {
    if (fromStdin || contextDir === null)
      throw new UsageError("--verify needs a Dockerfile on disk and its build context, not standard input");
    const [{ endpoints }, { DockerEnvironmentError, verify }, { renderTable }, { dockerHostsFor, loadConfig }] = await Promise.all([
      import("../verify/fleet.js"),
      import("../verify/verify.js"),
      import("./verify.js"),
      import("./config.js"),
    ]);
    const bin = process.env.MSB_DOCKER ?? "docker";
    // The engine `msb-opt verify` would use: the first of the config file's `dockerHosts`, else the environment's.
    const hosts = dockerHostsFor([], configFile ? loadConfig(configFile) : null);
    const { docker, name } = endpoints(hosts.slice(0, 1), { bin, env: process.env })[0];
    if (!(await docker.available())) throw new UsageError(`no Docker engine found at ${name}: \`${bin} info\` failed`);
    const verdict = await verify({
      docker,
      dockerfile: resolve(file),
      context: contextDir,
      settings,
      onInterrupt: verifyIo().onInterrupt,
      runRoot: verifyRunRoot(),
      cacheDir: (await import("./verify.js")).cacheDir(process.env),
      progress: (m) => toStderr(`msb-opt verify: ${m}\n`),
    }).catch((err: unknown) => {
      throw err instanceof DockerEnvironmentError ? new UsageError(err.message) : err;
    });
    toStderr(renderTable(verdict));
    if (!verdict.equivalent) {
      // Never hand out a rewrite that did not verify: the output is the file as it was.
      result = { ...result, output: text, diff: "", changes: [] };
    }
  }
  const changed = result.output !== text;
  if (opts.format === "json") {
    const strip = (n: Note) => ({ pass: n.pass, line: n.line, message: n.message });
    const json = {
      output: result.output,
      diff: result.diff,
      files: result.files,
      changes: result.changes.map(strip),
      refusals: result.refusals.map(strip),
    };
    toStdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (!opts.quiet) {
      for (const n of [...result.changes, ...result.refusals].sort((a, b) => a.line - b.line)) {
        toStderr(`${printable(formatNote(n, label))}\n`);
      }
    }
    if (opts.diff) {
      const color = stdout().isTTY && !("NO_COLOR" in process.env);
      toStdout(encodeText(color ? colorizeDiff(result.diff) : result.diff));
    } else if (opts.output) {
      writeOutput(opts.output, result.output);
    } else if (!opts.check) {
      toStdout(encodeText(result.output));
    }
    // Proposed context files (only passes given a writing option propose any): written beside the output, never under --diff/--check.
    if (!opts.diff && !opts.check && contextDir !== null) for (const f of result.files) writeOutput(join(contextDir, f.path), f.after);
  }
  return opts.check && (changed || result.files.length > 0) ? 1 : 0;
}

/** Parse a subcommand's arguments and run it; its usage errors print as `msb-opt: …` with exit code 2. */
async function subcommand(name: string, cmd: Command, argv: string[], run: (cmd: Command) => Promise<number>): Promise<number> {
  cmd.configureOutput({ ...commanderOutput, outputError: (str, write) => write(str.replace(/^error: /, `msb-opt ${name}: `)) });
  try {
    cmd.parse(argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  try {
    return await run(cmd);
  } catch (err) {
    if (err instanceof DockerfileError) throw new UsageError(`${cmd.processedArgs[0]}:${err.line}: ${err.message}`);
    throw err;
  }
}

const terminal = () => ({
  out: toStdout,
  err: toStderr,
  tty: Boolean(process.stderr.isTTY) && !process.env.CI,
  cwd: process.cwd(),
});

// verify's clean-ups, all run on SIGINT/SIGTERM (a batch verifies several apps at once), then exit 130; the
// run's folder (src/verify/run-root.ts) is removed at exit, and the folders of runs killed outright at the start.
const interruptCleanups = new Set<() => Promise<void>>();
let runRoot: RunRoot | null = null;
let interruptsInstalled = false;

function installInterrupts(): void {
  if (interruptsInstalled) return;
  interruptsInstalled = true;
  const handler = () => {
    toStderr("\nmsb-opt verify: interrupted, removing what it built\n");
    Promise.allSettled([...interruptCleanups].map((c) => c())).finally(() => process.exit(130));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  process.once("exit", () => runRoot?.remove());
}

function verifyRunRoot(): RunRoot {
  installInterrupts();
  runRoot ??= RunRoot.open({ base: join(tmpdir(), "msb-opt-verify"), pid: process.pid, alive: processAlive, now: Date.now() });
  return runRoot;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function verifyIo(): VerifyIo {
  return {
    ...terminal(),
    env: process.env,
    runRoot: verifyRunRoot,
    uptime: () => process.uptime() * 1000,
    onInterrupt(cleanup) {
      installInterrupts();
      interruptCleanups.add(cleanup);
      return () => interruptCleanups.delete(cleanup);
    },
  };
}

/** Config-file settings for a Dockerfile with the flags given on the command line on top. */
function settingsOf(cmd: Command, dockerfile: string | null): { settings: Settings; file: string | null } {
  return resolveSettings(dockerfile, flagSettings(cmd), cmd.opts<CliOptions>().config ?? null, process.cwd());
}

/**
 * A file that names msb-opt as its frontend is optimized only by BuildKit: the classic builder
 * (DOCKER_BUILDKIT=0) reads `# syntax=` as a comment. Say so once.
 */
function warnIfClassicBuilder(label: string, text: string): void {
  if (process.env.DOCKER_BUILDKIT !== "0") return;
  const syntax = /^\uFEFF?(?:#[^\n]*\n)*?#\s*syntax\s*=\s*(\S*msb-opt\S*)/i.exec(text);
  if (syntax) {
    toStderr(
      `${printable(`msb-opt: warning: ${label} names msb-opt as its BuildKit frontend (\`# syntax=${syntax[1]}\`), but DOCKER_BUILDKIT=0: the classic builder ignores that line, so \`docker build\` will not optimize it.`)}\n`,
    );
  }
}

/** Before/after examples from the golden cases, written next to the bundle by the build. */
function readExamples(): Record<string, { case: string; diff: string; notes: string }> {
  try {
    return JSON.parse(readFileSync(new URL("./examples.json", import.meta.url), "utf8"));
  } catch {
    return {};
  }
}

/** The path in diff headers: relative to the current folder (so `git apply` finds it), else the file name. */
function diffPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file)).split(sep).join("/");
  return rel.startsWith("../") || rel === ".." || isAbsolute(rel) ? basename(file) : rel;
}

/** Past this many bytes, the file cannot be a Dockerfile msb-opt reads (1 MiB characters, up to 4 bytes each). */
const MAX_INPUT_BYTES = 4 * MAX_FILE_CHARS + 3;

function readInput(file: string): string {
  try {
    return decodeBytes(readBounded(file));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a Dockerfile" : (err as Error).message}`,
    );
  }
}

/**
 * A file's bytes, read in chunks up to a cap: a device such as /dev/zero, or a pipe that never ends, would
 * otherwise be read forever.
 */
function readBounded(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES)
        throw new UsageError(
          `${file}:1: the file is too large for msb-opt (more than ${MAX_INPUT_BYTES} bytes; the limit is ${MAX_FILE_CHARS} characters, 1 MiB)`,
        );
    }
  } finally {
    closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function writeOutput(path: string, text: string): void {
  try {
    // Bytes that were not UTF-8 in the input go back out as the same bytes (see core/bytes.ts).
    writeFileAtomically(path, encodeText(text));
  } catch (err) {
    throw new UsageError(`${path}: cannot write: ${(err as Error).message}`);
  }
}

/**
 * Standard output and error, written with fs.writeSync: Node's process.stdout and process.stderr load its stream
 * modules (and net, for a pipe) on first use, which costs one file's run more than its passes. What a
 * descriptor does not take at once (a full non-blocking pipe, a closed reader) goes on through the stream,
 * which waits, or reports, as it always did; from then on that descriptor's writes all go through it, in order.
 */
const throughStream = { 1: false, 2: false };
function write(fd: 1 | 2, data: string | Uint8Array): void {
  let rest = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  while (!throughStream[fd] && rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch {
      throughStream[fd] = true;
    }
  }
  if (rest.length > 0) (fd === 1 ? stdout() : process.stderr).write(rest);
}
function toStdout(data: string | Uint8Array): void {
  write(1, data);
}
function toStderr(data: string | Uint8Array): void {
  write(2, data);
}
const commanderOutput = { writeOut: toStdout, writeErr: toStderr };

let stdoutWatched = false;
function stdout(): NodeJS.WriteStream {
  // `msb-opt … | head` closes our stdout early: that is the reader's choice, not an error.
  if (!stdoutWatched)
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  stdoutWatched = true;
  return process.stdout;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      toStderr(`msb-opt: ${printable(err.message)}\n`);
      process.exitCode = 2;
      return;
    }
    // A bug in msb-opt, not bad input: its own exit code, a request for a report, the stack only when asked.
    const debug = process.argv.includes("--debug");
    const what = printable((err as Error)?.message ?? String(err));
    toStderr(
      `msb-opt: internal error (a bug in msb-opt, not a problem with the input): ${what}\n` +
        `msb-opt: please report it at ${ISSUES_URL} with the command and the Dockerfile${debug ? "" : " (--debug adds the stack)"}\n`,
    );
    if (debug && (err as Error)?.stack) toStderr(`${printable((err as Error).stack as string, true)}\n`);
    process.exitCode = 3;
  },
);
