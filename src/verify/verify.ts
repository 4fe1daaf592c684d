// `msb-opt verify`: prove a rewrite with real BuildKit builds. Build the original and the optimized Dockerfile;
// compare their contracts (what each Dockerfile controls, relative to its base image), their file systems
// (closure probes read on the host: libraries, programs, permissions, the app's files) and what they do (every
// exposed port, the HEALTHCHECK, a short run); measure size, layers, cold build and warm rebuild times.
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fsContext } from "../core/context.js";
import { withDockerignore } from "../core/dockerignore.js";
import type { Intended } from "../core/pass.js";
import { type OptimizeOptions, optimize, selectPasses } from "../core/pipeline.js";
import { type Behaviour, compareBehaviour, observe } from "./behaviour.js";
import { type Finding, findings, keepFor, newFindings } from "./closure.js";
import { compareContracts, EMPTY_CONFIG } from "./contract.js";
import type { Docker, ImageConfig, ImageInfo } from "./docker.js";
import { dockerfileFacts } from "./dockerfile-facts.js";
import { compareFiles, comparePermissions } from "./fs-diff.js";
import type { ImageFs } from "./image-fs.js";
import { type Reason, reason } from "./messages.js";
import type { RunRoot } from "./run-root.js";
import { type Phase, Timings } from "./timing.js";

export interface VerifyOptions {
  readonly docker: Docker;
  /** The Dockerfile and its build context (folders). */
  readonly dockerfile: string;
  readonly context: string;
  /** Settings for optimize (passes, skip, options). */
  readonly settings: OptimizeOptions;
  /** Arguments for a short run of each image (`docker run IMAGE ARGS`), instead of the default probe. */
  readonly smoke?: readonly string[];
  /** The paths the HTTP probe requests on every exposed port (default `/`). */
  readonly httpPaths?: readonly string[];
  /** One path (older callers): the same as `httpPaths: [httpPath]`. */
  readonly httpPath?: string;
  /** `K=V` variables for every container verify runs. */
  readonly env?: readonly string[];
  /**
   * Compare the original with this Dockerfile text instead of msb-opt's output (no pass ran, so nothing is
   * intended): for tests and for checking a hand-made rewrite.
   */
  readonly candidate?: string;
  /**
   * Build the optimized side through msb-opt's BuildKit frontend image instead: the original Dockerfile
   * with `--build-arg BUILDKIT_SYNTAX=<image>`, so the rewrite happens inside the build.
   */
  readonly frontend?: string;
  /** Prefix of the image tags it builds (default `msb-opt-verify`): parallel runs can tell theirs apart. */
  readonly tagPrefix?: string;
  /** Build the first time without the build cache, so that build times are cold ones (default true). */
  readonly cold?: boolean;
  /** Env variables and label prefixes that may differ (set by the base images, not by the Dockerfile). */
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  /** Measure the warm rebuild after a source edit (default true). */
  readonly rebuild?: boolean;
  /** Look for the largest pass set that verifies when the full one does not (default true). */
  readonly bisect?: boolean;
  readonly progress?: (message: string) => void;
  /** This process's folder for what verify keeps on disk (the edited source's bytes); none: not kept. */
  readonly runRoot?: RunRoot;
  /** Register a clean-up to run if the process is interrupted; returns the function that unregisters it. */
  readonly onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}

export interface Side {
  readonly sizeBytes: number | null;
  readonly layers: number | null;
  readonly buildSeconds: number | null;
  readonly rebuildSeconds: number | null;
  readonly behaviour: Behaviour | null;
}

export type Verdict = "unchanged" | "equivalent" | "equivalent-with-intended-differences" | "not-equivalent";

export interface VerifyResult {
  readonly verdict: Verdict;
  /** Equivalent, with or without intended differences. */
  readonly equivalent: boolean;
  /** Differences, intended differences and information, one sentence each. */
  readonly reasons: readonly Reason[];
  readonly changed: boolean;
  readonly optimizedText: string;
  readonly editedFile: string | null;
  readonly original: Side;
  readonly optimized: Side;
  /** When the full pass set does not verify: the largest set that does, and the passes to skip. */
  readonly bisect: { readonly verifies: readonly string[]; readonly skip: readonly string[] } | null;
  /** Milliseconds per phase (phases that run at once overlap) and `total`, the wall time. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The docker client or engine failed (not the Dockerfile): the user must fix the environment. */
export class DockerEnvironmentError extends Error {}

const EMPTY: Side = { sizeBytes: null, layers: null, buildSeconds: null, rebuildSeconds: null, behaviour: null };
let sequence = 0;
/** Tags of this run's images: unique, so that parallel runs never touch each other's images. */
const RUN_ID = randomBytes(4).toString("hex");
const ENVIRONMENT =
  /Cannot connect to the Docker daemon|error during connect|permission denied while trying to connect|is the docker daemon running|no space left on device|ERROR: BuildKit is enabled but the buildx component is missing|unknown flag: --progress|failed to dial gRPC|connection refused|context deadline exceeded.*dial/i;

/** The original image, built and observed once: every candidate (the full rewrite, bisect's) compares with it. */
interface Reference {
  readonly tag: string;
  readonly info: ImageInfo;
  readonly base: ImageConfig | null;
  readonly buildSeconds: number;
  readonly roots: readonly string[];
  /** Its file system and behaviour, observed while the optimized side builds. */
  readonly observed: Promise<Observed>;
  findings: Finding[] | null;
  readonly edit: EditState;
}

interface EditState {
  /** Puts the edited source file back as it was; null when no edit is pending. */
  restore: (() => void) | null;
}

interface Observed {
  readonly fs: ImageFs | { error: string };
  readonly behaviour: Behaviour;
}

/** Export the file system and exercise the image, both at once. */
async function observeImage(
  options: VerifyOptions,
  timings: Timings,
  tag: string,
  config: ImageConfig,
  roots: readonly string[],
  which: "original" | "optimized",
): Promise<Observed> {
  const httpPaths = options.httpPaths ?? (options.httpPath ? [options.httpPath] : undefined);
  const probe = { smoke: options.smoke, httpPaths, env: options.env };
  const side = which === "original" ? "Original" : "Optimized";
  const [fs, behaviour] = await Promise.all([
    // The original's app folders and users only: its whole file system (often a full toolchain image) is read
    // later, and only when the optimized image has closure findings to check against it.
    timings.measure(`export${side}` as Phase, () =>
      which === "original"
        ? options.docker.exportPaths(tag, [...roots, "/etc/passwd", "/etc/group"], keepFor(roots))
        : options.docker.exportFs(tag, keepFor(roots)),
    ),
    timings.measure(`run${side}` as Phase, () => observe(options.docker, tag, config, `${tag.replace(/[:/]/g, "-")}-${which}`, probe)),
  ]);
  return { fs, behaviour };
}

/** The app: the paths both final stages copy and their working folders (never `/`). */
function appRoots(input: string, output: string): string[] {
  const [a, b] = [dockerfileFacts(input), dockerfileFacts(output)];
  return [...new Set([...a.copied, ...b.copied, a.workdir, b.workdir])].filter((r): r is string => r !== null && r !== "/");
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const timings = new Timings();
  const input = readFileSync(options.dockerfile, "utf8");
  const optimizeFor = (skip: readonly string[]) =>
    optimize(input, { ...options.settings, skip: [...(options.settings.skip ?? []), ...skip], context: fsContext(options.context) });
  const full =
    options.candidate !== undefined
      ? { output: options.candidate, changes: [], intended: [] }
      : await timings.measure("optimize", () => optimizeFor([]));
  const base = { changed: full.output !== input, optimizedText: full.output, editedFile: null };
  if (!base.changed)
    return {
      ...base,
      verdict: "unchanged",
      equivalent: true,
      reasons: [reason("information", "unchanged")],
      original: EMPTY,
      optimized: EMPTY,
      bisect: null,
      timings: timings.report(),
    };

  const { docker } = options;
  const id = `${RUN_ID}-${sequence++}`;
  const prefix = options.tagPrefix ?? "msb-opt-verify";
  const tags: string[] = [];
  // The source edit of the warm-rebuild measurement, undone on an interruption too.
  const edit: EditState = { restore: null };
  const cleanup = () =>
    timings.measure("cleanup", async () => {
      edit.restore?.();
      await docker.removeImages(...tags);
    });
  const unregister = options.onInterrupt?.(cleanup) ?? (() => {});
  let pending: Promise<unknown> = Promise.resolve();
  const attempt = async (): Promise<Omit<VerifyResult, "timings">> => {
    const cold = options.cold !== false;
    const originalTag = `${prefix}-${id}:original`;
    tags.push(originalTag);
    options.progress?.(`building the original Dockerfile${cold ? " (cold)" : ""}`);
    const b1 = await timings.measure("buildOriginal", () =>
      docker.build({ context: options.context, dockerfile: options.dockerfile, tag: originalTag, noCache: cold }),
    );
    if (b1.code !== 0) {
      environmentCheck(b1.stderr, b1.code);
      const why = reason("difference", "originalBuild", { detail: lastLines(b1.stderr) });
      return { ...base, verdict: "not-equivalent", equivalent: false, reasons: [why], original: EMPTY, optimized: EMPTY, bisect: null };
    }
    const [info, baseOriginal] = await timings.measure("inspect", () => inspectWithBase(docker, originalTag, dockerfileFacts(input).base));
    const roots = appRoots(input, full.output);
    const observed = observeImage(options, timings, originalTag, info.config, roots, "original");
    pending = observed;
    const ref: Reference = {
      tag: originalTag,
      info,
      base: baseOriginal,
      buildSeconds: b1.seconds,
      roots,
      observed,
      findings: null,
      edit,
    };
    let n = 0;
    const candidate = async (text: string, intended: readonly Intended[], first: boolean) => {
      const tag = `${prefix}-${id}:candidate-${n++}`;
      tags.push(tag);
      return compareCandidate(options, timings, ref, { text, tag, intended, cold: first && cold, first });
    };
    const first = await candidate(full.output, full.intended ?? [], true);
    // The passes that changed the file, in pipeline order.
    const changedBy = new Set(full.changes.map((c) => c.pass));
    const applied = selectPasses({})
      .map((p) => p.id)
      .filter((id) => changedBy.has(id));
    if (first.equivalent || options.bisect === false || applied.length === 0) return { ...base, ...first, bisect: null };
    const bisect = await timings.measure("bisect", () =>
      largestVerifyingSet(applied, async (skip) => {
        const partial = await optimizeFor(skip);
        // Without those passes nothing changes: no rewrite to keep.
        if (partial.output === input) return false;
        options.progress?.(`bisect: trying without ${skip.join(", ")}`);
        return (await candidate(partial.output, partial.intended ?? [], false)).equivalent;
      }),
    );
    return { ...base, ...first, bisect };
  };
  let result: Omit<VerifyResult, "timings">;
  try {
    result = await attempt();
  } finally {
    await pending.catch(() => {});
    unregister();
    await cleanup();
  }
  return { ...result, timings: timings.report() };
}

/**
 * The largest subset of the passes that changed the file whose rewrite verifies: drop one pass, then two, …
 * (later passes first), each candidate built with the cache warm against the original built once. `skip → verifies?` is asked at most
 * `limit` times; the same skip set is never asked twice.
 */
export async function largestVerifyingSet(
  applied: readonly string[],
  verifies: (skip: string[]) => Promise<boolean>,
  limit = 8,
): Promise<{ verifies: string[]; skip: string[] }> {
  let asked = 0;
  for (let k = 1; k < applied.length && asked < limit; k++) {
    for (const skip of combinations([...applied].reverse(), k)) {
      if (asked++ >= limit) break;
      if (await verifies(skip))
        return { verifies: applied.filter((p) => !skip.includes(p)), skip: applied.filter((p) => skip.includes(p)) };
    }
  }
  return { verifies: [], skip: [...applied] };
}

function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) return yield [];
  for (let i = start; i <= items.length - k; i++) for (const rest of combinations(items, k - 1, i + 1)) yield [items[i], ...rest];
}

interface Candidate {
  readonly text: string;
  readonly tag: string;
  readonly intended: readonly Intended[];
  readonly cold: boolean;
  /** The full rewrite (measured: rebuild timing); bisect's candidates only want the verdict. */
  readonly first: boolean;
}

async function compareCandidate(
  options: VerifyOptions,
  timings: Timings,
  ref: Reference,
  c: Candidate,
): Promise<Omit<VerifyResult, "bisect" | "changed" | "optimizedText" | "timings">> {
  const { docker } = options;
  const viaFrontend = c.first && options.frontend;
  options.progress?.(`building the optimized Dockerfile${viaFrontend ? ` through ${options.frontend}` : ""}${c.cold ? " (cold)" : ""}`);
  // The rewrite reaches the client on standard input: no temporary file.
  const b2 = await timings.measure("buildOptimized", () =>
    viaFrontend
      ? docker.build({
          context: options.context,
          dockerfile: options.dockerfile,
          tag: c.tag,
          noCache: c.cold,
          buildArgs: { BUILDKIT_SYNTAX: options.frontend! },
        })
      : docker.build({ context: options.context, dockerfile: options.dockerfile, text: c.text, tag: c.tag, noCache: c.cold }),
  );
  const original: Side = { ...EMPTY, sizeBytes: ref.info.size, layers: ref.info.layers, buildSeconds: ref.buildSeconds };
  if (b2.code !== 0) {
    environmentCheck(b2.stderr, b2.code);
    const why = reason("difference", "optimizedBuild", { detail: lastLines(b2.stderr) });
    return { verdict: "not-equivalent", equivalent: false, reasons: [why], editedFile: null, original, optimized: EMPTY };
  }
  const factsOut = dockerfileFacts(c.text);
  const [info, baseOptimized] = await timings.measure("inspect", () => inspectWithBase(docker, c.tag, factsOut.base));
  // Closure probes on both file systems, and what both images do (the original's observed once).
  options.progress?.("reading both file systems and running both images");
  const roots = ref.roots;
  const observedB = observeImage(options, timings, c.tag, info.config, roots, "optimized");
  const runtimeBase = c.intended.find((i) => i.kind === "runtime-base");
  const reasons: Reason[] = compareContracts(
    { config: ref.info.config, base: ref.base },
    { config: info.config, base: baseOptimized },
    {
      harden: Boolean(options.settings.harden),
      ignoreEnv: options.ignoreEnv,
      ignoreLabelPrefixes: options.ignoreLabelPrefixes,
      runtimeBase: runtimeBase ? { build: String(runtimeBase.detail.build), runtime: String(runtimeBase.detail.runtime) } : null,
    },
  );

  const [a, b] = await Promise.all([ref.observed, observedB]);
  const compareStart = Date.now();
  const [fsA, fsB] = [a.fs, b.fs];
  if ("error" in fsA) reasons.push(reason("difference", "inspect", { which: "original", detail: fsA.error }));
  else if ("error" in fsB) reasons.push(reason("difference", "inspect", { which: "optimized", detail: fsB.error }));
  else {
    const found = findings({ fs: fsB, config: info.config, roots });
    if (found.length > 0 && ref.findings === null) {
      const whole = await timings.measure("exportOriginalWhole", () => docker.exportFs(ref.tag, keepFor(roots)));
      if ("error" in whole) reasons.push(reason("difference", "inspect", { which: "original", detail: whole.error }));
      else ref.findings = findings({ fs: whole, config: ref.info.config, roots });
    }
    for (const f of newFindings(ref.findings ?? [], found)) reasons.push(reason("difference", f.id, f.data));
    const sides = [
      { fs: fsA, config: ref.info.config },
      { fs: fsB, config: info.config },
    ] as const;
    const dropped = runtimeBase?.detail.dropped;
    reasons.push(
      ...compareFiles(roots, ...sides, {
        devDependenciesPruned: Array.isArray(dropped) && dropped.includes("devDependencies"),
        copied: runtimeBase ? factsOut.copied : null,
        buildCaches: Array.isArray(runtimeBase?.detail.buildCaches) ? (runtimeBase.detail.buildCaches as readonly string[]) : [],
      }),
      ...comparePermissions(roots, ...sides, runtimeBase?.detail.hardened === "true"),
    );
  }
  const behaviour = b.behaviour;
  reasons.push(...compareBehaviour(a.behaviour, behaviour));
  timings.add("compare", Date.now() - compareStart);

  let editedFile: string | null = null;
  let rebuild: [number | null, number | null] = [null, null];
  if (c.first && options.rebuild !== false && !reasons.some((r) => r.kind === "difference")) {
    const edited = pickSourceFile(options.context);
    if (edited) {
      editedFile = relative(options.context, edited);
      const before = readFileSync(edited);
      const marker = `msb-opt verify ${randomBytes(6).toString("hex")}`;
      // Kept in the run's folder too: a run killed outright has it restored by the next one.
      const forget = options.runRoot?.saveEdit(edited, before, marker) ?? (() => {});
      ref.edit.restore = () => {
        writeFileSync(edited, before);
        forget();
        ref.edit.restore = null;
      };
      // Each side builds a source it has not seen: after one shared edit, the second build would reuse the
      // first's compile (the builder stage shares its cache with the original) and flatter the rewrite.
      const buildEdited = (side: string, build: () => ReturnType<Docker["build"]>) => {
        writeFileSync(edited, Buffer.concat([before, Buffer.from(sourceEdit(edited, `${marker} ${side}`))]));
        return build();
      };
      try {
        // Background work (containers being removed, the original's export) would be timed with the rebuild.
        await Promise.all([docker.settle(), ref.observed.catch(() => {})]);
        options.progress?.(`rebuilding both after an edit of ${editedFile}`);
        const [r1, r2] = await timings.measure("rebuild", async () => [
          await buildEdited("original", () => docker.build({ context: options.context, dockerfile: options.dockerfile, tag: ref.tag })),
          await buildEdited("optimized", () =>
            docker.build({ context: options.context, dockerfile: options.dockerfile, text: c.text, tag: c.tag }),
          ),
        ]);
        rebuild = [r1.code === 0 ? r1.seconds : null, r2.code === 0 ? r2.seconds : null];
      } finally {
        ref.edit.restore?.();
      }
    }
  }
  const differences = reasons.filter((r) => r.kind === "difference");
  const intended = reasons.some((r) => r.kind === "intended");
  return {
    verdict: differences.length > 0 ? "not-equivalent" : intended ? "equivalent-with-intended-differences" : "equivalent",
    equivalent: differences.length === 0,
    reasons: [...differences, ...reasons.filter((r) => r.kind === "intended"), ...reasons.filter((r) => r.kind === "information")],
    editedFile,
    original: { ...original, rebuildSeconds: rebuild[0], behaviour: a.behaviour },
    optimized: { sizeBytes: info.size, layers: info.layers, buildSeconds: b2.seconds, rebuildSeconds: rebuild[1], behaviour },
  };
}

/**
 * A built image and the config of its base image, in one client call when the base is local (it is after the
 * build); else the base is pulled. `scratch` is empty; null when the base cannot be read.
 */
async function inspectWithBase(docker: Docker, tag: string, base: string | null): Promise<[ImageInfo, ImageConfig | null]> {
  const named = base !== null && base.toLowerCase() !== "scratch";
  const [info, baseInfo] = await docker.inspectMany(named ? [tag, base] : [tag]);
  if (!info) throw new DockerEnvironmentError(`the engine lost the image it just built (${tag})`);
  if (baseInfo) return [info, baseInfo.config];
  return [info, named ? await baseConfig(docker, base) : base === null ? null : EMPTY_CONFIG];
}

/** The config of a base image: local, else pulled; `scratch` is empty; null when it cannot be read. */
async function baseConfig(docker: Docker, ref: string | null): Promise<ImageConfig | null> {
  if (ref === null) return null;
  if (ref.toLowerCase() === "scratch") return EMPTY_CONFIG;
  try {
    return (await docker.inspect(ref)).config;
  } catch {
    const pulled = await docker.exec(["pull", "--quiet", ref], { timeoutMs: 300_000 });
    if (pulled.code !== 0) return null;
    return docker.inspect(ref).then(
      (i) => i.config,
      () => null,
    );
  }
}

/** A build that failed because of the docker client or engine, not the Dockerfile, throws. */
function environmentCheck(stderr: string, code: number): void {
  if (code === 127 || ENVIRONMENT.test(stderr))
    throw new DockerEnvironmentError(`the docker client or engine failed, not the Dockerfile: ${lastLines(stderr)}`);
}

const MANIFESTS =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements.*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|pom\.xml|build\.gradle(\.kts)?|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|.*Dockerfile.*|\.dockerignore)$/;
const SOURCE = /\.(js|mjs|cjs|ts|tsx|jsx|py|go|java|kt|c|h|cc|cpp|rs|rb|php|cs|html|css|sh)$/;

/**
 * Build settings, not sources (`next.config.js`, `vite.config.ts`, `.eslintrc.js`, `gulpfile.js`): build tools
 * treat an edit there as a new build, so it is the edit least like an everyday one.
 */
const BUILD_SETTINGS = /^(.*\.config\.[cm]?[jt]s|\..*rc\.[cm]?js|[Gg]ulpfile\.[cm]?js|Gruntfile\.js|setup\.py|conftest\.py|manage\.py)$/;

/** A source file of the context (not a manifest, not ignored), the kind of file an everyday edit touches. */
export function pickSourceFile(context: string): string | null {
  const ctx = withDockerignore(fsContext(context));
  const walk = (dir: string, depth: number, settings: boolean): string | null => {
    const names = ctx.list(dir).filter((n) => !n.startsWith(".") && n !== "node_modules");
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (SOURCE.test(name) && !MANIFESTS.test(name) && (settings || !BUILD_SETTINGS.test(name)) && ctx.read(rel) !== null)
        return join(context, rel);
    }
    if (depth >= 4) return null;
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (isDir(join(context, rel))) {
        const found = walk(rel, depth + 1, settings);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(".", 0, false) ?? walk(".", 0, true);
}

/**
 * A harmless edit that no earlier build saw: a comment with a fresh nonce in the file's own syntax (a
 * repeated edit would hit the build cache of the last build and measure nothing).
 */
export function sourceEdit(file: string, nonce: string): string {
  if (/\.(py|rb|sh)$/.test(file)) return `\n# ${nonce}\n`;
  if (/\.html$/.test(file)) return `\n<!-- ${nonce} -->\n`;
  if (/\.css$/.test(file)) return `\n/* ${nonce} */\n`;
  return `\n// ${nonce}\n`;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-6).join("\n");
}
