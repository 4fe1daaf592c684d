// `msb-opt batch`: the command-line edge of the batch library. It reaches the terminal only through the
// `Io` that src/cli/main.ts hands it (the one module that touches `process`).
import { Command, Option } from "commander";
import { INJECT_FAULT_ENV } from "../batch/fault.js";
import { combinedDiff, writeInPlace, writeOutDir } from "../batch/output.js";
import { mergeSharedProposals } from "../batch/shared-context.js";
import { writeFileAtomically } from "../io/atomic-write.js";
import { printable } from "../io/terminal-text.js";
import { verifyResults } from "../batch/verify-results.js";
import { endpoints } from "../verify/fleet.js";
import { cacheDir } from "./verify.js";
import { defaultJobs, runBatch, warmUpWorkers } from "../batch/run.js";
import { discover, displayPath, repositoryRoot, shardOf, type Passed } from "../batch/discover.js";
import type { BatchPassOptions, FileResult } from "../batch/process-file.js";
import { renderReport, reportFormatOf, type ReportFormat } from "../batch/report.js";
import { summarize } from "../batch/summary.js";
import { trace } from "../batch/trace.js";
import { addSettingsOptions, flagSettings, withToday } from "./options.js";
import { dockerHostsFor, findConfig, loadConfig, resolveSettings } from "./config.js";
import { UsageError } from "../core/errors.js";
import { formatNote } from "../core/pass.js";
import { PASSES } from "../../passes/index.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard error is a terminal: draw a progress bar instead of plain lines. */
  readonly tty: boolean;
  readonly cwd: string;
  readonly now: () => number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** With --verify: run `cleanup` (remove what it built) on SIGINT/SIGTERM. */
  readonly onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}

interface BatchOptions {
  jobs: string;
  write?: boolean;
  outDir?: string;
  diff?: boolean;
  check?: boolean;
  report: string[];
  reportFormat?: ReportFormat;
  shard?: string;
  verify?: boolean;
  dockerHost?: string[];
  ignoreEnv?: string;
  ignoreLabel?: string;
  quiet?: boolean;
  config?: string;
  debug?: boolean;
  followSymlinks?: boolean;
}

export function batchCommand(): Command {
  const cmd = new Command("batch")
    .description("Optimize every Dockerfile under the given folders (Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile).")
    .argument("[paths...]", "folders or files to search", ["."])
    .option("--jobs <n>", "worker threads", String(defaultJobs()))
    .option("--write", "rewrite changed files in place (atomically)")
    .option("--out-dir <dir>", "write every optimized file into a mirror tree")
    .option("--diff", "print one unified diff for all files (applies with git apply)")
    .option("--check", "exit 1 when any file would change")
    .option(
      "--report <file>",
      "write a report: .md, .json, .sarif or .html (a self-contained review page); repeatable",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .addOption(
      new Option("--report-format <format>", "report format when the extension does not say").choices(["md", "json", "sarif", "html"]),
    )
    .option(
      "--verify",
      "build and run each rewrite next to its original (docker from $MSB_DOCKER, else docker); keep only those that verify",
    )
    .option(
      "--docker-host <url>",
      "with --verify: a builder endpoint (unix://, tcp://, ssh:// or a docker context name); repeatable, apps are spread over them (default: `dockerHosts` of the config file, else DOCKER_HOST / the current context)",
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option("--ignore-env <names>", "with --verify: environment variables that may differ (set by the base images)")
    .option("--ignore-label <prefixes>", "with --verify: label prefixes that may differ (set by the base images)")
    .option("--shard <i/n>", "process only shard i of n (1-based), split deterministically by path")
    .option(
      "--follow-symlinks",
      "walk into symbolically linked folders (each real folder once) and take linked Dockerfiles from outside the tree",
    )
    .option("--debug", "print the stack of internal errors (for a bug report)")
    .option("-q, --quiet", "print only errors and the summary");
  return addSettingsOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  msb-opt batch ~/repos --report report.md           dry run: what would change, and why
  msb-opt batch ~/repos --diff > migration.patch     one patch for git apply
  msb-opt batch ~/repos --write                      rewrite in place
  msb-opt batch . --check --report msb-opt.sarif     CI gate with code-scanning output
  msb-opt batch . --shard 2/8                        one job of an 8-way CI matrix

Exit codes: 0 done, 1 changes found under --check, 2 errors in some files or folders (bad input; the others were
processed), 3 an internal error in some files (a bug in msb-opt: please report it; the others were processed).`,
    )
    .exitOverride();
}

export async function runBatchCommand(cmd: Command, io: Io): Promise<number> {
  const opts = cmd.opts<BatchOptions>();
  const paths = cmd.processedArgs[0] as string[];
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of 1 or more, not "${opts.jobs}"`);
  if (opts.write && opts.outDir) throw new UsageError("--write and --out-dir exclude each other");
  const reports = opts.report.map((file) => ({ file, format: opts.reportFormat ?? reportFormatOf(file) }));
  for (const r of reports)
    if (!r.format) throw new UsageError(`${r.file}: say the report format with --report-format (md, json, sarif, html)`);

  trace("start");
  warmUpWorkers(jobs);
  let found;
  try {
    found = discover(paths.length > 0 ? paths : ["."], { followSymlinks: opts.followSymlinks ?? false });
  } catch (err) {
    throw new UsageError(`cannot read ${paths.join(", ")}: ${(err as Error).message}`);
  }
  trace("discovered", `${found.targets.length} Dockerfiles`);
  let tasks = found.targets.map((t) => ({ ...t, display: displayPath(t.path, io.cwd) }));
  let passed = found.passed.map((p) => ({ ...p, display: displayPath(p.path, io.cwd) }));
  if (opts.shard) {
    const m = /^(\d+)\/(\d+)$/.exec(opts.shard);
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 <= i <= n, not "${opts.shard}"`);
    tasks = tasks.filter((t) => shardOf(t.display, count) === index - 1);
    passed = passed.filter((p) => shardOf(p.display, count) === index - 1);
  }
  const say = (line: string) => io.err(`${printable(line)}\n`);
  if (!opts.quiet) for (const p of passed) if (p.kind === "link") say(`msb-opt: ${p.display}: ${p.reason}`);

  const progress = new Progress(io, tasks.length, opts.quiet ?? false);
  const flags = flagSettings(cmd);
  const configs = new Map<string, string | null>();
  const withSettings = tasks.map((t) => ({
    ...t,
    options: withToday(resolveSettings(t.path, flags, opts.config ?? null, io.cwd, configs).settings, io.now()) as BatchPassOptions,
  }));
  const injectFault = io.env[INJECT_FAULT_ENV];
  trace("settings resolved");
  const withDiffs = Boolean(opts.diff) || reports.some((r) => r.format === "html");
  let results = await runBatch(withSettings, { withDiffs, ...(injectFault ? { injectFault } : {}) }, jobs, (r) => progress.add(r));
  progress.done();
  trace("all files optimized");
  if (opts.verify) {
    const bin = io.env.MSB_DOCKER ?? "docker";
    // The run's own config file (--config, else the nearest from here) may name the engines; flags win.
    const runConfig = opts.config ?? findConfig(io.cwd);
    const hosts = dockerHostsFor(opts.dockerHost ?? [], runConfig ? loadConfig(runConfig) : null);
    const fleet = endpoints(hosts, { bin, env: io.env });
    for (const e of fleet)
      if (!(await e.docker.available()))
        throw new UsageError(`no Docker engine at ${e.name}: \`${bin} info\` failed (--verify builds every rewrite)`);
    const settings = new Map(withSettings.map((t) => [t.path, t.options]));
    const list = (v?: string) =>
      v
        ? v
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined;
    const reportFile = opts.report[0];
    results = await verifyResults(results, {
      docker: fleet,
      journal: reportFile ? `${reportFile}.verify-journal.jsonl` : undefined,
      settingsOf: (r) => settings.get(r.path) ?? {},
      ignoreEnv: list(opts.ignoreEnv),
      ignoreLabelPrefixes: list(opts.ignoreLabel),
      onInterrupt: io.onInterrupt,
      cacheDir: cacheDir(io.env),
      progress: (m) => {
        if (!opts.quiet) io.err(io.tty ? `\r\x1b[2Kmsb-opt: ${m}` : `msb-opt: ${m}\n`);
      },
    });
  }

  results = mergeSharedProposals(results, io.cwd, withDiffs);
  trace("shared contexts merged");
  results = [...results, ...passed.filter((p) => p.kind !== "link").map(passedResult)].sort((a, b) =>
    a.display < b.display ? -1 : a.display > b.display ? 1 : 0,
  );
  if (opts.write) results = writeInPlace(results);
  else if (opts.outDir) results = writeOutDir(results, opts.outDir);
  if (opts.diff) io.out(combinedDiff(results));
  const reportOptions = { root: repositoryRoot(io.cwd), debug: opts.debug ?? false };
  for (const r of reports) {
    const text = renderReport(r.format!, results, PASSES, reportOptions);
    try {
      writeFileAtomically(r.file, text);
    } catch (err) {
      throw new UsageError(`${r.file}: cannot write the report: ${(err as Error).message}`);
    }
  }

  trace("written and reported");
  for (const r of results) {
    if (r.error && (r.status !== "skipped" || !opts.quiet)) {
      say(`msb-opt: ${r.display}${r.error.line === null ? "" : `:${r.error.line}`}: ${r.error.message}`);
      if (opts.debug && r.error.stack) io.err(`${printable(r.error.stack, true)}\n`);
    } else if (!opts.quiet && r.status !== "unchanged") say(describe(r, opts.write ?? false));
  }
  trace("told");
  const s = summarize(results);
  const more = `${s.skipped ? `, ${s.skipped} skipped` : ""}${s.internal ? `, ${s.internal} internal errors (bugs in msb-opt)` : ""}`;
  say(
    `${s.files} Dockerfiles: ${s.changed} ${opts.write ? "rewritten" : "changed"}, ${s.unchanged} unchanged, ${s.refused} refused, ${s.error} errors${more}`,
  );
  if (s.internal > 0) return 3;
  if (s.error > 0) return 2;
  return opts.check && s.changed > 0 ? 1 : 0;
}

/** A path the walk met but did not process, as a result: unreadable is an error, a link out of the tree is skipped. */
function passedResult(p: Passed & { display: string }): FileResult {
  return {
    path: p.path,
    context: p.path,
    display: p.display,
    status: p.kind === "unreadable" ? "error" : "skipped",
    original: null,
    output: null,
    diff: "",
    changes: [],
    refusals: [],
    files: [],
    error: { line: null, message: p.reason },
  };
}

function describe(r: FileResult, written: boolean): string {
  // A refused file reads like the CLI's note for it: `svc/Dockerfile:1 split-stages: Left the file alone: …`.
  if (r.status === "refused" && r.refusals[0]) return formatNote(r.refusals[0], r.display);
  const passes = [...new Set(r.changes.map((c) => c.pass))].join(", ");
  return `${r.display}: ${written ? "rewritten" : "would change"} (${r.changes.length} changes: ${passes})`;
}

/** A progress bar on a terminal; in CI, a plain line at every tenth of the way. */
class Progress {
  private done_ = 0;
  private readonly counts = { changed: 0, refused: 0, skipped: 0, error: 0, internal: 0 };
  private lastDecile = 0;
  private readonly started: number;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly quiet: boolean,
  ) {
    this.started = io.now();
  }

  add(r: FileResult): void {
    this.done_++;
    if (r.status !== "unchanged") this.counts[r.status]++;
    if (this.quiet || this.total < 20) return;
    if (this.io.tty) {
      const elapsed = (this.io.now() - this.started) / 1000;
      const eta = this.done_ > 0 ? Math.round((elapsed / this.done_) * (this.total - this.done_)) : 0;
      const width = 24;
      const filled = Math.round((this.done_ / this.total) * width);
      this.io.err(
        `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.done_}/${this.total} changed ${this.counts.changed} refused ${this.counts.refused} errors ${this.counts.error + this.counts.internal} ETA ${eta}s `,
      );
    } else {
      const decile = Math.floor((this.done_ * 10) / this.total);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.io.err(
          `msb-opt: ${this.done_}/${this.total} files, ${this.counts.changed} changed, ${this.counts.refused} refused, ${this.counts.error + this.counts.internal} errors\n`,
        );
      }
    }
  }

  done(): void {
    if (this.io.tty && !this.quiet && this.total >= 20) this.io.err("\n");
  }
}
