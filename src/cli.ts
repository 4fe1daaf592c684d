// The command line. The only module that touches `process`; everything else goes through the library API.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Command, Option } from "commander";
import { fsContext, noContext } from "./context.js";
import { colorizeDiff } from "./diff.js";
import { DockerfileError } from "./parse.js";
import type { Note } from "./pass.js";
import { optimize, selectPasses, UnknownPassError } from "./pipeline.js";
import { PASSES } from "../passes/index.js";
import { VERSION } from "./version.js";

/** A failure the user can fix: printed as `msb-opt: message`, exit 2, nothing written. */
class UsageError extends Error {}

interface CliOptions {
  output?: string;
  diff?: boolean;
  check?: boolean;
  format: "text" | "json";
  passes?: string[];
  skip?: string[];
  listPasses?: boolean;
  explain?: string;
  quiet?: boolean;
  context?: string;
  syntaxDirective: "auto" | "never";
  cacheMounts?: boolean;
  aptNoRecommends?: boolean;
  pin?: "tag" | "digest" | "none";
  offline?: boolean;
}

const idList = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);

function program(): Command {
  return new Command("msb-opt")
    .description("Rewrite a Dockerfile into an optimized multi-stage one, with a reason for every change.")
    .version(VERSION, "--version")
    .argument("[file]", "the Dockerfile to optimize, or - for standard input", "Dockerfile")
    .option("-o, --output <file>", "write the result to a file (atomically) instead of standard output")
    .option("--diff", "print a unified diff instead of the result")
    .option("--check", "exit 1 when the file would change (for CI); prints nothing but notes")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--passes <ids>", "run only these passes (comma-separated; canonical order is kept)", idList)
    .option("--skip <ids>", "skip these passes (comma-separated)", idList)
    .option("--list-passes", "list the passes, one per line, in pipeline order")
    .option("--explain <id>", "print a pass's title and rationale")
    .option("-q, --quiet", "do not print change notes")
    .option("--context <dir>", "the build context (default: the Dockerfile's folder)")
    .addOption(
      new Option("--syntax-directive <mode>", "add or raise `# syntax=` when the output needs it (never: for builders that cannot pull a frontend)")
        .choices(["auto", "never"])
        .default("auto"),
    )
    .option("--cache-mounts", "use BuildKit cache mounts instead of deleting package-manager caches")
    .option("--apt-no-recommends", "add --no-install-recommends to apt installs (changes which packages get installed)")
    .addOption(new Option("--pin <policy>", "how to pin base images").choices(["tag", "digest", "none"]))
    .option("--offline", "never reach a registry: pin from the lockfile and the bundled catalog")
    .addHelpText(
      "after",
      `
Examples:
  msb-opt Dockerfile > Dockerfile.opt     optimized file on stdout, one note per change on stderr
  msb-opt --diff Dockerfile               review the change as a unified diff
  msb-opt --check Dockerfile              exit 1 when msb-opt would change the file
  msb-opt -o Dockerfile Dockerfile        rewrite in place, atomically
  msb-opt --skip split-stages - < Dockerfile
  msb-opt --explain merge-run

Exit codes: 0 done, 1 changes found under --check, 2 error (nothing written).`,
    )
    .showHelpAfterError("(run msb-opt --help for usage)")
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, "msb-opt: ")) })
    .exitOverride();
}

async function main(argv: string[]): Promise<number> {
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
    for (const p of PASSES) process.stdout.write(`${p.id}\t${p.title}\n`);
    return 0;
  }
  if (opts.explain) {
    const pass = PASSES.find((p) => p.id === opts.explain);
    if (!pass) throw new UsageError(new UnknownPassError(opts.explain, PASSES.map((p) => p.id)).message);
    process.stdout.write(`${pass.id}: ${pass.title}\n\n${pass.rationale}\n`);
    return 0;
  }
  try {
    selectPasses({ passes: opts.passes, skip: opts.skip });
  } catch (err) {
    if (err instanceof UnknownPassError) throw new UsageError(err.message);
    throw err;
  }

  const fromStdin = file === "-";
  const label = fromStdin ? "<stdin>" : file;
  const text = fromStdin ? readFileSync(0, "utf8") : readInput(file);
  const contextDir = opts.context ?? (fromStdin ? null : dirname(resolve(file)));
  if (contextDir !== null && !isDirectory(contextDir)) throw new UsageError(`${contextDir}: the build context is not a folder`);

  let result;
  try {
    result = await optimize(text, {
      filename: fromStdin ? "Dockerfile" : basename(file),
      passes: opts.passes,
      skip: opts.skip,
      context: contextDir === null ? noContext : fsContext(contextDir),
      syntaxDirective: opts.syntaxDirective,
      cacheMounts: opts.cacheMounts,
      aptNoRecommends: opts.aptNoRecommends,
      pin: opts.pin,
      offline: opts.offline,
    });
  } catch (err) {
    if (err instanceof DockerfileError) throw new UsageError(`${label}:${err.line}: ${err.message}`);
    throw err;
  }

  const changed = result.output !== text;
  if (opts.format === "json") {
    const strip = (n: Note) => ({ pass: n.pass, line: n.line, message: n.message });
    const json = { output: result.output, diff: result.diff, changes: result.changes.map(strip), refusals: result.refusals.map(strip) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (!opts.quiet) {
      for (const n of [...result.changes, ...result.refusals].sort((a, b) => a.line - b.line)) {
        process.stderr.write(`${label}:${n.line} ${n.pass}: ${n.message}\n`);
      }
    }
    if (opts.diff) {
      const color = process.stdout.isTTY && !("NO_COLOR" in process.env);
      process.stdout.write(color ? colorizeDiff(result.diff) : result.diff);
    } else if (opts.output) {
      writeAtomically(opts.output, result.output);
    } else if (!opts.check) {
      process.stdout.write(result.output);
    }
  }
  return opts.check && changed ? 1 : 0;
}

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a Dockerfile" : (err as Error).message}`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Write through a temporary file in the same folder, fsync, then rename: readers see old or new, never half. */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.msb-opt-${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw new UsageError(`${path}: cannot write: ${(err as Error).message}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`msb-opt: ${err.message}\n`);
    } else {
      process.stderr.write(`msb-opt: internal error, please report it: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exitCode = 2;
  },
);
