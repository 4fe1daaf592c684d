// `msb-opt verify`: the command-line edge of src/verify/verify.ts. It reaches the terminal, the environment and
// signals only through the `VerifyIo` that src/cli/main.ts hands it.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Command, Option } from "commander";
import { addSettingsOptions, flagSettings, withToday } from "./options.js";
import { UsageError } from "../core/errors.js";
import { dockerHostsFor, loadConfig, resolveSettings } from "./config.js";
import { endpoints } from "../verify/fleet.js";
import type { Behaviour } from "../verify/behaviour.js";
import type { RunRoot } from "../verify/run-root.js";
import { DockerEnvironmentError, verify, type VerifyResult } from "../verify/verify.js";

export interface VerifyIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly tty: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** This process's folder for what verify keeps on disk, made on first use (src/verify/run-root.ts). */
  readonly runRoot: () => RunRoot;
  /** Run `cleanup` on Ctrl-C (then exit); returns the function that removes the handler. */
  readonly onInterrupt: (cleanup: () => Promise<void>) => () => void;
  /** Milliseconds since this process started (for the trace: node's own start-up and exit are verify's wall time too). */
  readonly uptime?: () => number;
}

interface VerifyFlags {
  context?: string;
  docker?: string;
  dockerHost?: string;
  smoke?: string;
  httpPath: string[];
  env: string[];
  against?: string;
  tagPrefix: string;
  frontend?: string;
  cached?: boolean;
  timing?: boolean;
  ignoreEnv?: string;
  ignoreLabel?: string;
  rebuild?: boolean;
  bisect: boolean;
  format: "text" | "json";
  config?: string;
}

export function verifyCommand(): Command {
  const cmd = new Command("verify")
    .description(
      "Build the original and the optimized Dockerfile with BuildKit, run both, and report whether they are equivalent and what changed.",
    )
    .argument("[file]", "the Dockerfile", "Dockerfile")
    .option("--context <dir>", "the build context (default: the Dockerfile's folder)")
    .option("--docker <bin>", "the docker client (default: $MSB_DOCKER, else docker)")
    .option(
      "--docker-host <url>",
      "the engine to build and run on: unix://, tcp://, ssh:// or a docker context name (default: the first of the config file's `dockerHosts`, else DOCKER_HOST / the current context)",
    )
    .option("--smoke <args>", "run each image with these arguments (`docker run IMAGE ARGS`) and compare exit code and output")
    .option("--http-path <path>", "a path the HTTP probe requests on every exposed port (repeatable; default /)", collect, [])
    .option("--env <K=V>", "an environment variable for every container verify runs (repeatable)", collect, [])
    .option("--against <file>", "compare the original with this Dockerfile instead of msb-opt's output (a hand-made rewrite)")
    .option("--cached", "use the build cache for the first builds too (faster, but the build times are not cold ones)")
    .option(
      "--timing",
      "build the original, then the optimized Dockerfile, each alone, and show their cold build times (default: both build at once, which is faster, and those times are not shown)",
    )
    .option("--ignore-env <names>", "environment variables that may differ (set by the base images)")
    .option("--ignore-label <prefixes>", "label prefixes that may differ (set by the base images)")
    .option("--frontend <image>", "build the optimized side through msb-opt's frontend image (`--build-arg BUILDKIT_SYNTAX=<image>`)")
    .option("--tag-prefix <name>", "prefix of the image tags it builds and removes", "msb-opt-verify")
    .option(
      "--rebuild",
      "also measure the warm rebuild of both after a source-only edit (two more builds; default: not measured, which brings the verdict sooner)",
    )
    .option("--no-rebuild", "do not measure the warm rebuild (the default)")
    .option("--no-bisect", "do not look for the pass set that verifies when the full one does not")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"));
  return addSettingsOptions(cmd)
    .addHelpText(
      "after",
      `
The docker client runs with DOCKER_BUILDKIT=1 and honours DOCKER_HOST and docker contexts, so a remote
builder can do the work. Images, containers and temporary files are removed afterwards, also on Ctrl-C.

Verdicts: equivalent; equivalent with intended differences (a pass declared them, e.g. the runtime's own base
image); not equivalent (each reason one sentence). The contract is what the Dockerfile controls: a config field,
variable or label counts when the Dockerfile set it, relative to its own base image.

Exit codes: 0 equivalent (also with intended differences), 1 not equivalent, 2 error (no engine, a broken
docker client, bad input).`,
    )
    .exitOverride();
}

export async function runVerifyCommand(cmd: Command, io: VerifyIo): Promise<number> {
  const flags = cmd.opts<VerifyFlags>();
  const file = resolve(io.cwd, cmd.processedArgs[0] as string);
  if (!existsSync(file)) throw new UsageError(`${cmd.processedArgs[0]}: no such file`);
  const context = resolve(io.cwd, flags.context ?? dirname(file));
  if (!statSync(context).isDirectory()) throw new UsageError(`${context}: the build context is not a folder`);
  const bin = flags.docker ?? io.env.MSB_DOCKER ?? "docker";
  const resolved = resolveSettings(file, flagSettings(cmd), flags.config ?? null, io.cwd);
  const hosts = dockerHostsFor(flags.dockerHost ? [flags.dockerHost] : [], resolved.file ? loadConfig(resolved.file) : null);
  // One app runs on one engine: the first one named.
  const { docker } = endpoints(hosts.slice(0, 1), { bin, env: io.env })[0];
  // `docker info` (asked once) tells which engine the client talks to (the local socket's, then verify makes its
  // small calls there); verify asks it once both builds have started: a client start-up before them only delayed
  // them (CPU is scarce at load). Read here when verify fails.

  const settings = withToday(resolved.settings, Date.now());
  const list = (s?: string) =>
    s
      ? s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  let against: string | undefined;
  if (flags.against) {
    const path = resolve(io.cwd, flags.against);
    if (!existsSync(path)) throw new UsageError(`${flags.against}: no such file`);
    against = readFileSync(path, "utf8");
  }
  for (const e of flags.env) if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(e)) throw new UsageError(`--env takes K=V, not "${e}"`);
  // Printed as soon as the verdict is known; the images and containers are removed after.
  let printed = false;
  const print = (result: VerifyResult) => {
    if (printed) return;
    printed = true;
    if (io.tty) io.err("\r\x1b[2K");
    io.out(flags.format === "json" ? `${JSON.stringify(toJson(result), null, 2)}\n` : renderTable(result, flags.rebuild === true));
  };
  const trace = io.env.MSB_OPT_VERIFY_TRACE ? (line: string) => io.err(`msb-opt verify: ${line}\n`) : undefined;
  if (trace && io.uptime) trace(`the process started ${Math.round(io.uptime())} ms before this trace`);
  const result = await verify({
    docker,
    candidate: against,
    env: flags.env,
    dockerfile: file,
    context,
    settings,
    smoke: flags.smoke ? flags.smoke.split(/\s+/).filter(Boolean) : undefined,
    httpPaths: flags.httpPath.length > 0 ? flags.httpPath : undefined,
    tagPrefix: flags.tagPrefix,
    frontend: flags.frontend,
    cold: !flags.cached,
    timing: flags.timing === true,
    ignoreEnv: list(flags.ignoreEnv),
    ignoreLabelPrefixes: list(flags.ignoreLabel),
    rebuild: flags.rebuild === true,
    bisect: flags.bisect,
    progress: (m) => io.err(io.tty ? `\r\x1b[2Kmsb-opt verify: ${m}` : `msb-opt verify: ${m}\n`),
    onInterrupt: io.onInterrupt,
    runRoot: io.runRoot(),
    cacheDir: cacheDir(io.env),
    onVerdict: print,
    trace,
  }).catch(async (err: unknown) => {
    const info = await docker.info();
    if (info.code !== 0)
      throw new UsageError(
        `no Docker engine found${hosts[0] ? ` at ${hosts[0]}` : ""}: \`${bin} info\` failed: ${(info.stderr.trim().split("\n")[0] ?? "").slice(0, 300)}`,
      );
    if (err instanceof DockerEnvironmentError)
      throw new UsageError(
        `${err.message}\nCheck \`${bin} info\` and \`${bin} buildx version\` (DOCKER_HOST, docker context, disk space), then run again.`,
      );
    throw err;
  });
  print(result);
  if (trace && io.uptime) trace(`done ${Math.round(io.uptime())} ms after the process started`);
  return result.equivalent ? 0 : 1;
}

/**
 * $MSB_OPT_CACHE_DIR (empty: no cache), else msb-opt/ in the user's cache folder ($XDG_CACHE_HOME or ~/.cache),
 * as bin/code-cache.js has it.
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.MSB_OPT_CACHE_DIR !== undefined) return env.MSB_OPT_CACHE_DIR || undefined;
  const home = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : null);
  return home ? join(home, "msb-opt") : undefined;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function toJson(r: VerifyResult) {
  return {
    verdict: r.verdict,
    equivalent: r.equivalent,
    reasons: r.reasons.map((x) => ({ kind: x.kind, id: x.id, text: x.text, data: x.data })),
    changed: r.changed,
    editedFile: r.editedFile,
    original: r.original,
    optimized: r.optimized,
    bisect: r.bisect,
    timings: r.timings,
  };
}

const mb = (n: number | null) => (n === null ? "-" : `${(n / 1e6).toFixed(1)} MB`);
const secs = (n: number | null) => (n === null ? "-" : `${n.toFixed(1)} s`);
const pct = (a: number | null, b: number | null) =>
  a && b !== null ? `${b <= a ? "-" : "+"}${Math.round((Math.abs(a - b) / a) * 100)}%` : "";

function behaviourText(b: Behaviour | null): string {
  if (!b) return "-";
  if (b.error) return `error: ${b.error.slice(0, 60)}`;
  if (b.run) return `exit ${b.run.code}, ${b.run.output.length} bytes of output`;
  const ports = [...new Set(b.http.map((h) => h.port))].map((p) => `:${p}`).join(" ");
  const statuses = [...new Set(b.http.map((h) => h.status))].join("/");
  return `HTTP ${statuses} on ${ports}${b.health !== null ? `, health ${b.health}` : ""}`;
}

/** The verdict line: `equivalent`, `equivalent with intended differences (…)`, `not equivalent (…)`. */
export function verdictLine(r: VerifyResult): string {
  const short = (kind: string) =>
    r.reasons
      .filter((x) => x.kind === kind)
      .map((x) => x.id)
      .join(", ");
  if (r.verdict === "not-equivalent") return `verdict: not equivalent (${short("difference")})`;
  if (r.verdict === "equivalent-with-intended-differences") return `verdict: equivalent with intended differences (${short("intended")})`;
  return `verdict: ${r.verdict === "unchanged" ? "unchanged" : "equivalent"}`;
}

/**
 * The report as a table: one row per measure, original and optimized side by side, then the verdict and its
 * reasons. `rebuildAsked`: the warm rebuild was to be measured (`--rebuild`); else its row says it was not.
 */
export function renderTable(r: VerifyResult, rebuildAsked = false): string {
  if (!r.changed) return "msb-opt changes nothing in this file: there is nothing to verify.\n";
  const { original: o, optimized: n } = r;
  const rows: [string, string, string, string][] = [
    ["image size", mb(o.sizeBytes), mb(n.sizeBytes), pct(o.sizeBytes, n.sizeBytes)],
    ["layers", String(o.layers ?? "-"), String(n.layers ?? "-"), ""],
    [
      "cold build",
      secs(o.buildSeconds),
      secs(n.buildSeconds),
      // Both built at once (no --timing): neither time is its own.
      o.buildSeconds === null && n.buildSeconds === null && o.sizeBytes !== null
        ? "built at once (see verify --timing)"
        : pct(o.buildSeconds, n.buildSeconds),
    ],
    [
      `warm rebuild${r.editedFile ? ` (edit ${r.editedFile})` : ""}`,
      secs(o.rebuildSeconds),
      secs(n.rebuildSeconds),
      // Not measured unless asked (verify --rebuild): it is two more builds, and no part of the proof.
      !rebuildAsked && o.sizeBytes !== null ? "not measured (see verify --rebuild)" : pct(o.rebuildSeconds, n.rebuildSeconds),
    ],
    [
      "behaviour",
      behaviourText(o.behaviour),
      behaviourText(n.behaviour),
      r.reasons.some((x) => ["http", "run", "healthcheck"].includes(x.id)) ? "differs" : "same",
    ],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ["", "original", "optimized"][i].length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c))
      .join("  ")
      .trimEnd();
  const out = [line(["", "original", "optimized", "change"]), ...rows.map(line), "", verdictLine(r)];
  const label = { difference: "differs", intended: "intended", information: "info" } as const;
  for (const x of r.reasons) out.push(`- ${label[x.kind]}: ${x.text}`);
  if (r.bisect) {
    out.push(
      r.bisect.verifies.length > 0
        ? `The rewrite verifies without ${r.bisect.skip.join(", ")}: run msb-opt --skip ${r.bisect.skip.join(",")} (passes that verify: ${r.bisect.verifies.join(", ")}).`
        : `No subset of the passes that changed this file verifies; leave it as it is (--skip ${r.bisect.skip.join(",")}).`,
    );
  }
  return `${out.join("\n")}\n`;
}
