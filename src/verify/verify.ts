// `msb-opt verify`: prove a rewrite with real BuildKit builds. Build the original and the optimized Dockerfile;
// compare their contracts (what each Dockerfile controls, relative to its base image), their file systems
// (closure probes read on the host: libraries, programs, permissions, the app's files) and what they do (every
// exposed port, the HEALTHCHECK, a short run); measure size, layers and (when asked) warm rebuild times. Both
// sides build at once; with `timing`, one after the other, so that each cold build time is its own.
import { randomBytes } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { contextPath, fsContext } from "../core/context.js";
import type { Intended } from "../core/pass.js";
import { type OptimizeOptions, optimize, selectPasses } from "../core/pipeline.js";
import { baseFs, readAbove } from "./base-fs.js";
import { type Behaviour, compareBehaviour, observe } from "./behaviour.js";
import { type Finding, findings, keepFor, newFindings } from "./closure.js";
import { compareContracts, EMPTY_CONFIG } from "./contract.js";
import type { Docker, Exec, ImageConfig, ImageInfo } from "./docker.js";
import { dockerfileFacts } from "./dockerfile-facts.js";
import { compareFiles, comparePermissions } from "./fs-diff.js";
import type { ImageFs, Keep } from "./image-fs.js";
import { type Reason, reason } from "./messages.js";
import { type Rebuild, startRebuild } from "./rebuild.js";
import { sharedFindings } from "./shared-findings.js";
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
  /**
   * Time each side's first build alone: the optimized side builds after the original (`--timing`). Default
   * false: both build at once, which takes less wall time but times neither alone (`buildSeconds` is null).
   */
  readonly timing?: boolean;
  /** Env variables and label prefixes that may differ (set by the base images, not by the Dockerfile). */
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  /**
   * Measure the warm rebuild after a source edit (default false): two more builds beside the probes, a
   * measurement and no part of the proof (`msb-opt verify --rebuild`).
   */
  readonly rebuild?: boolean;
  /** Edit-and-rebuild rounds, both sides at once in each; the medians are reported (default 1). */
  readonly rebuildRounds?: number;
  /**
   * Time each side's rebuilds by itself, in turns, each with an edit of its own, once the probes are done
   * (rebuild.ts): later, and no part of the verdict, but neither side's time holds the other's work (the bench).
   */
  readonly rebuildAlone?: boolean;
  /** Look for the largest pass set that verifies when the full one does not (default true). */
  readonly bisect?: boolean;
  readonly progress?: (message: string) => void;
  /** This process's folder for what verify keeps on disk (the edited source's bytes); none: not kept. */
  readonly runRoot?: RunRoot;
  /** Register a clean-up to run if the process is interrupted; returns the function that unregisters it. */
  readonly onInterrupt?: (cleanup: () => Promise<void>) => () => void;
  /** A folder where base images' file systems are kept between runs (base-fs.ts); none: kept in memory only. */
  readonly cacheDir?: string;
  /**
   * Called with the result as soon as the verdict is known, before the clean-up (containers, images) that
   * `verify` still waits for: a user reads it meanwhile. Its `timings.total` is the time to the verdict.
   */
  readonly onVerdict?: (result: VerifyResult) => void;
  /** Each phase's start and end and a few events, one line each as they happen (MSB_OPT_VERIFY_TRACE). */
  readonly trace?: (line: string) => void;
}

export interface Side {
  readonly sizeBytes: number | null;
  readonly layers: number | null;
  readonly buildSeconds: number | null;
  readonly rebuildSeconds: number | null;
  /** The warm rebuild's seconds in each round, when measured: the spread of `rebuildSeconds`, their median. */
  readonly rebuildRounds?: readonly number[];
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
  /** Null when it built beside the optimized side (not timed alone). */
  readonly buildSeconds: number | null;
  readonly roots: readonly string[];
  /**
   * Its file system and behaviour, observed once: as soon as it has built when both sides build at once (no
   * build is timed; its server starts while it is inspected), else (`timing`) when the optimized side has
   * built: beside that timed build, the observation (containers, copies) slowed it more than it saved on a
   * two-core machine. Measured again with its server at a low CPU weight and the optimized server joining a
   * network started during the build: the same wall time at load 3, and that build's reported cold time 1-2 s
   * (30-70%) longer.
   */
  readonly observe: () => Observed;
  /**
   * Work that runs beside the builds and comparisons (the base file system read ahead, the observations, the
   * warm rebuild): the clean-up waits for it.
   */
  readonly background: Promise<unknown>[];
  findings: Finding[] | null;
  readonly edit: EditState;
  /** Remove the image now, in the background: no rebuild and no bisect will need it (the clean-up waits). */
  readonly release: () => void;
}

interface EditState {
  /** Puts the edited source file back as it was; null when no edit is pending. */
  restore: (() => void) | null;
}

/** Each part compares as soon as both sides have it: the file systems while the servers still start. */
interface Observed {
  readonly fs: Promise<ImageFs | { error: string }>;
  readonly behaviour: Promise<Behaviour>;
}

/**
 * Read the file system (`read`) and exercise the image, both at once. With `ports` (what the image is expected
 * to expose), its server starts before its config is read; `observe` checks the guess.
 */
function observeImage(
  options: VerifyOptions,
  timings: Timings,
  tag: string,
  config: Promise<ImageConfig>,
  which: "original" | "optimized",
  read: () => Promise<ImageFs | { error: string }>,
  ports: readonly number[] | null = null,
  /** Ends the readiness wait early: the observation is no longer wanted (the original did not build). */
  signal?: AbortSignal,
): Observed {
  const httpPaths = options.httpPaths ?? (options.httpPath ? [options.httpPath] : undefined);
  const probe = { smoke: options.smoke, httpPaths, env: options.env };
  const side = which === "original" ? "Original" : "Optimized";
  const name = `${tag.replace(/[:/]/g, "-")}-${which}`;
  const observed: Observed = {
    fs: timings.measure(`export${side}` as Phase, read),
    behaviour: timings.measure(`run${side}` as Phase, async () => {
      const start = (p: readonly number[]) => options.docker.serve(tag, { name, ports: p, env: options.env });
      const early = ports && ports.length > 0 && !options.smoke ? { ports, started: start(ports) } : undefined;
      const known = await config.catch(async (err: unknown) => {
        if (early) await early.started.then(() => options.docker.removeContainer(name));
        throw err;
      });
      return observe(options.docker, tag, known, name, {
        ...probe,
        early,
        signal,
        mark: (event) => timings.mark(`${which}: ${event}`),
      });
    }),
  };
  // A failure (the image could not be inspected) surfaces where the comparison awaits these: started before it
  // does, they are no unhandled rejection meanwhile.
  observed.fs.catch(() => {});
  observed.behaviour.catch(() => {});
  return observed;
}

/**
 * What the comparison needs of the original's app folders: names, owners and modes (no contents), and who its
 * users are. Its closure findings come from a whole export, made only when the optimized image has some.
 */
const USERS_ONLY: Keep = (path) => (path === "/etc/passwd" || path === "/etc/group" ? "whole" : "no");

/**
 * The folders read of the original: the app's, and /etc (one copy: the engine copies out of one container one
 * path at a time) unless its USER is root, who may write anywhere whatever /etc says.
 */
function originalPaths(roots: readonly string[], user: string): string[] {
  const name = (user || "root").split(":")[0];
  return name === "root" || name === "0" ? [...roots] : [...roots, "/etc"];
}

/** The app: the paths both final stages copy and their working folders (never `/`). */
function appRoots(input: string, output: string): string[] {
  const [a, b] = [dockerfileFacts(input), dockerfileFacts(output)];
  return [...new Set([...a.copied, ...b.copied, a.workdir, b.workdir])].filter((r): r is string => r !== null && r !== "/");
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const timings = new Timings(Date.now, options.trace);
  const input = readFileSync(options.dockerfile, "utf8");
  const optimizeFor = (skip: readonly string[]) =>
    optimize(input, {
      ...options.settings,
      skip: [...(options.settings.skip ?? []), ...skip],
      context: fsContext(options.context, options.dockerfile),
    });
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
  const cold = options.cold !== false;
  // Without `timing`, the optimized side builds beside the original as soon as msb-opt has rewritten it.
  const together = options.timing !== true;
  const originalTag = `${prefix}-${id}:original`;
  tags.push(originalTag);
  // The original builds while msb-opt rewrites it (the build needs nothing of the rewrite); stopped when
  // there is nothing to verify.
  const stop = new AbortController();
  options.progress?.(`building the original Dockerfile${together ? " and, at once, the optimized one" : ""}${cold ? " (cold)" : ""}`);
  const building = timings.measure("buildOriginal", () =>
    docker.build({ context: options.context, dockerfile: options.dockerfile, tag: originalTag, noCache: cold, signal: stop.signal }),
  );
  const stopBuilding = async () => {
    stop.abort();
    await building;
    unregister();
    await cleanup();
  };
  let full: Pick<Awaited<ReturnType<typeof optimizeFor>>, "output" | "changes" | "intended">;
  try {
    full =
      options.candidate !== undefined
        ? { output: options.candidate, changes: [], intended: [] }
        : await timings.measure("optimize", () => optimizeFor([]));
  } catch (err) {
    await stopBuilding();
    throw err;
  }
  const base = { changed: full.output !== input, optimizedText: full.output, editedFile: null };
  if (!base.changed) {
    await stopBuilding();
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
  }

  const pending: Promise<unknown>[] = [building];
  const attempt = async (): Promise<Omit<VerifyResult, "timings">> => {
    let n = 0;
    const newTag = () => {
      const tag = `${prefix}-${id}:candidate-${n++}`;
      tags.push(tag);
      return tag;
    };
    const firstTag = newTag();
    // Built beside the original (no `timing`); stopped when the original does not build. Observed as soon as it
    // has built, without waiting for the original's build: its server starts, its file system is read.
    const stopFirst = new AbortController();
    const firstBuild = together
      ? buildCandidate(options, timings, { text: full.output, tag: firstTag, cold, first: true }, stopFirst.signal)
      : null;
    // What follows waits for the optimized build's start (its client is spawned above): CPU is scarce under load.
    // Which engine the client talks to (`docker info`, then the small calls go to its socket), asked now, long
    // before the first image has built; stand-in engines of tests may not say.
    docker.engineApi?.().catch(() => null);
    const roots = appRoots(input, full.output);
    // The optimized image's base file system, read while the original builds when it is not kept yet.
    if (!options.frontend) pending.push(timings.measure("readBase", () => warmBase(options, full.output)));
    const firstObserved = firstBuild?.then((b2) => ({
      b2,
      observation:
        b2.code === 0
          ? observeCandidate(options, timings, { text: full.output, tag: firstTag, first: true }, roots, stopFirst.signal)
          : null,
    }));
    if (firstObserved) {
      pending.push(firstObserved);
      firstObserved.then(
        ({ observation }) => observation && pending.push(observation.inspected, observation.observed.fs, observation.observed.behaviour),
        () => {},
      );
    }
    const b1 = await building;
    if (b1.code !== 0) {
      stopFirst.abort();
      await firstBuild;
      environmentCheck(b1.stderr, b1.code);
      const why = reason("difference", "originalBuild", { detail: lastLines(b1.stderr) });
      return { ...base, verdict: "not-equivalent", equivalent: false, reasons: [why], original: EMPTY, optimized: EMPTY, bisect: null };
    }
    // Inspected while the optimized side builds (with `timing`, that build starts now).
    const factsIn = dockerfileFacts(input);
    const inspectedOriginal = timings.measure("inspect", () => inspectWithBase(docker, originalTag, factsIn.base));
    inspectedOriginal.catch(() => {});
    let observed: Observed | null = null;
    // Its server starts while it is inspected, with the ports its EXPOSE names; its folders are read once its
    // USER is known.
    const observeOriginal = () => {
      if (observed) return observed;
      observed = observeImage(
        options,
        timings,
        originalTag,
        inspectedOriginal.then(([info]) => info.config),
        "original",
        async () => {
          const [info] = await inspectedOriginal;
          return docker.exportPaths(originalTag, originalPaths(roots, info.config.User ?? ""), USERS_ONLY);
        },
        factsIn.exposed,
      );
      pending.push(observed.fs, observed.behaviour);
      return observed;
    };
    // Built at once, the original's observation need not wait for the optimized build: no build is timed.
    if (together) observeOriginal();
    const reference = (async (): Promise<Reference> => {
      const [info, baseOriginal] = await inspectedOriginal;
      return {
        tag: originalTag,
        info,
        base: baseOriginal,
        buildSeconds: together ? null : b1.seconds,
        roots,
        observe: observeOriginal,
        background: pending,
        findings: null,
        edit,
        release: () => {
          if (!tags.includes(originalTag)) return;
          tags.splice(tags.indexOf(originalTag), 1);
          pending.push(timings.measure("cleanup", () => docker.removeImages(originalTag)));
        },
      };
    })();
    // Its failure surfaces where the candidate awaits it, after its build: not as an unhandled rejection.
    reference.catch(() => {});
    pending.push(reference);
    const own = (...more: string[]) => tags.push(...more);
    const candidate = async (text: string, intended: readonly Intended[], first: boolean) =>
      compareCandidate(
        options,
        timings,
        reference,
        { text, tag: first ? firstTag : newTag(), intended, cold: first && cold, first, own },
        first ? (firstObserved ?? null) : null,
      );
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
    timings.mark(`verdict: ${result.verdict}`);
    options.onVerdict?.({ ...result, timings: timings.report() });
  } finally {
    // Work that finishes may start more (the reference starts its observation): until none is left.
    for (let done = 0; done < pending.length; ) {
      const now = pending.length;
      await Promise.allSettled(pending.slice(done));
      done = now;
    }
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
  /** Hand more images to the run's clean-up. */
  readonly own: (...tags: string[]) => void;
}

/** Build a candidate (the first one through the frontend image when there is one). */
function buildCandidate(
  options: VerifyOptions,
  timings: Timings,
  c: Pick<Candidate, "text" | "tag" | "cold" | "first">,
  /** Given for the build beside the original's (its start was announced with it), which this stops. */
  signal?: AbortSignal,
): Promise<Exec & { seconds: number }> {
  const { docker } = options;
  const viaFrontend = c.first && options.frontend;
  if (!signal)
    options.progress?.(`building the optimized Dockerfile${viaFrontend ? ` through ${options.frontend}` : ""}${c.cold ? " (cold)" : ""}`);
  // The rewrite reaches the client on standard input: no temporary file.
  return timings.measure("buildOptimized", () =>
    viaFrontend
      ? docker.build({
          context: options.context,
          dockerfile: options.dockerfile,
          tag: c.tag,
          noCache: c.cold,
          buildArgs: { BUILDKIT_SYNTAX: options.frontend! },
          signal,
        })
      : docker.build({ context: options.context, dockerfile: options.dockerfile, text: c.text, tag: c.tag, noCache: c.cold, signal }),
  );
}

/** A built candidate under observation: its inspection (with its base's), its file system and its behaviour. */
interface CandidateObservation {
  readonly facts: ReturnType<typeof dockerfileFacts>;
  readonly inspected: Promise<[ImageInfo, ImageConfig | null, ImageInfo | null]>;
  readonly observed: Observed;
}

/**
 * Start observing a built candidate: inspect it, read its file system (its base's, read once, and its own paths
 * when that is exact, else the whole export) and start its server with the ports its EXPOSE names (the base's
 * own are rare) while it is inspected. Nothing here needs the original.
 */
function observeCandidate(
  options: VerifyOptions,
  timings: Timings,
  c: Pick<Candidate, "text" | "tag" | "first">,
  roots: readonly string[],
  signal?: AbortSignal,
): CandidateObservation {
  const { docker } = options;
  const viaFrontend = c.first && options.frontend;
  const facts = dockerfileFacts(c.text, {}, (src) => isContextFile(options.context, src));
  const inspected = timings.measure("inspect", () => inspectWithBase(docker, c.tag, facts.base));
  inspected.catch(() => {});
  const writes = viaFrontend ? null : facts.writes;
  const observed = observeImage(
    options,
    timings,
    c.tag,
    inspected.then(([i]) => i.config),
    "optimized",
    async () => {
      const [info, , baseInfo] = await inspected;
      const base = baseInfo && facts.base ? { ref: facts.base, info: baseInfo } : null;
      return (
        (await readAbove(docker, { tag: c.tag, info }, base, writes, roots, options.cacheDir ?? null)) ??
        docker.exportFs(c.tag, keepFor(roots))
      );
    },
    viaFrontend ? null : facts.exposed,
    signal,
  );
  return { facts, inspected, observed };
}

async function compareCandidate(
  options: VerifyOptions,
  timings: Timings,
  reference: Promise<Reference>,
  c: Candidate,
  /**
   * Its build, started beside the original's (not timed alone), and its observation, started as soon as it
   * built; null: built and observed now.
   */
  started: Promise<{ b2: Exec & { seconds: number }; observation: CandidateObservation | null }> | null,
): Promise<Omit<VerifyResult, "bisect" | "changed" | "optimizedText" | "timings">> {
  const { docker } = options;
  const built = started !== null;
  const early = started ? await started : null;
  const b2 = early ? early.b2 : await buildCandidate(options, timings, c);
  const ref = await reference;
  const original: Side = { ...EMPTY, sizeBytes: ref.info.size, layers: ref.info.layers, buildSeconds: ref.buildSeconds };
  if (b2.code !== 0) {
    environmentCheck(b2.stderr, b2.code);
    const why = reason("difference", "optimizedBuild", { detail: lastLines(b2.stderr) });
    return { verdict: "not-equivalent", equivalent: false, reasons: [why], editedFile: null, original, optimized: EMPTY };
  }
  // The warm rebuild runs beside the probes (rebuild.ts); a difference stops it. Each side alone: after them.
  const startRebuilding = (): { rebuilding: Rebuild | null; rebuildTimed: Promise<readonly [number | null, number | null]> | null } => {
    const rebuilding = startRebuild({
      docker,
      context: options.context,
      dockerfile: options.dockerfile,
      text: c.text,
      tags: [`${ref.tag}-rebuilt`, `${c.tag}-rebuilt`],
      rounds: Math.max(1, options.rebuildRounds ?? 1),
      runRoot: options.runRoot,
      edit: ref.edit,
      alone: options.rebuildAlone === true,
    });
    // Timed from its start; the clean-up waits for it, whichever way this comparison ends.
    const rebuildTimed = rebuilding && timings.measure("rebuild", () => rebuilding.seconds);
    if (rebuilding && rebuildTimed) {
      c.own(`${ref.tag}-rebuilt`, `${c.tag}-rebuilt`);
      ref.background.push(rebuildTimed);
    }
    return { rebuilding, rebuildTimed };
  };
  let { rebuilding, rebuildTimed } =
    c.first && options.rebuild === true && options.rebuildAlone !== true ? startRebuilding() : { rebuilding: null, rebuildTimed: null };
  // Closure probes on both file systems, and what both images do (the original's observed once).
  options.progress?.("reading both file systems and running both images");
  const observedA = ref.observe();
  const roots = ref.roots;
  let observation = early?.observation;
  if (!observation) {
    observation = observeCandidate(options, timings, c, roots);
    ref.background.push(observation.inspected, observation.observed.fs, observation.observed.behaviour);
  }
  const { facts: factsOut, inspected, observed: observedB } = observation;
  const [info, baseOptimized] = await inspected;
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

  const [fsA, fsB] = await Promise.all([observedA.fs, observedB.fs]);
  const compareStart = Date.now();
  if ("error" in fsA) reasons.push(reason("difference", "inspect", { which: "original", detail: fsA.error }));
  else if ("error" in fsB) reasons.push(reason("difference", "inspect", { which: "optimized", detail: fsB.error }));
  else {
    const found = findings({ fs: fsB, config: info.config, roots });
    let before = ref.findings;
    if (found.length > 0 && before === null) {
      // Programs a script names that the original lacks too need no whole export of it (shared-findings.ts).
      const original = { tag: ref.tag, config: ref.info.config, fs: fsA };
      before = await timings.measure("checkOriginal", () => sharedFindings(docker, original, { fs: fsB, config: info.config }, found));
      if (before === null) {
        const whole = await timings.measure("exportOriginalWhole", () => docker.exportFs(ref.tag, keepFor(roots)));
        if ("error" in whole) reasons.push(reason("difference", "inspect", { which: "original", detail: whole.error }));
        else before = ref.findings = findings({ fs: whole, config: ref.info.config, roots });
      }
    }
    for (const f of newFindings(before ?? [], found)) reasons.push(reason("difference", f.id, f.data));
    // Nothing reads the original any more once it has run: it goes while the optimized image still runs.
    if (c.first && options.rebuild !== true && options.bisect === false) observedA.behaviour.then(ref.release, ref.release);
    const sides = [
      { fs: fsA, config: ref.info.config },
      { fs: fsB, config: info.config },
    ] as const;
    const dropped = runtimeBase?.detail.dropped;
    reasons.push(
      ...compareFiles(roots, ...sides, {
        devDependenciesPruned: Array.isArray(dropped) && dropped.includes("devDependencies"),
        copied: runtimeBase ? factsOut.copiedPatterns : null,
        buildCaches: Array.isArray(runtimeBase?.detail.buildCaches) ? (runtimeBase.detail.buildCaches as readonly string[]) : [],
      }),
      ...comparePermissions(roots, ...sides, {
        hardened: runtimeBase?.detail.hardened === "true",
        baseFolder: typeof runtimeBase?.detail.baseFolder === "string" ? runtimeBase.detail.baseFolder : undefined,
      }),
    );
  }
  timings.add("compare", Date.now() - compareStart);
  const [behaviourA, behaviour] = await Promise.all([observedA.behaviour, observedB.behaviour]);
  reasons.push(...compareBehaviour(behaviourA, behaviour));

  let editedFile: string | null = null;
  let rebuild: readonly [number | null, number | null] = [null, null];
  let rounds: readonly [readonly number[], readonly number[]] | null = null;
  if (c.first && options.rebuild === true && options.rebuildAlone === true && !reasons.some((r) => r.kind === "difference"))
    ({ rebuilding, rebuildTimed } = startRebuilding());
  if (rebuilding && rebuildTimed && !reasons.some((r) => r.kind === "difference")) {
    options.progress?.(`rebuilding both after an edit of ${rebuilding.editedFile}`);
    editedFile = rebuilding.editedFile;
    rebuild = await rebuildTimed;
    rounds = await rebuilding.samples;
  } else await rebuilding?.stop();
  const differences = reasons.filter((r) => r.kind === "difference");
  const intended = reasons.some((r) => r.kind === "intended");
  return {
    verdict: differences.length > 0 ? "not-equivalent" : intended ? "equivalent-with-intended-differences" : "equivalent",
    equivalent: differences.length === 0,
    reasons: [...differences, ...reasons.filter((r) => r.kind === "intended"), ...reasons.filter((r) => r.kind === "information")],
    editedFile,
    original: { ...original, rebuildSeconds: rebuild[0], ...(rounds ? { rebuildRounds: rounds[0] } : {}), behaviour: behaviourA },
    optimized: {
      sizeBytes: info.size,
      layers: info.layers,
      buildSeconds: built ? null : b2.seconds,
      rebuildSeconds: rebuild[1],
      ...(rounds ? { rebuildRounds: rounds[1] } : {}),
      behaviour,
    },
  };
}

/**
 * A built image and the config of its base image, in one client call when the base is local (it is after the
 * build; then its info too); else the base is pulled. `scratch` is empty; null when the base cannot be read.
 */
async function inspectWithBase(
  docker: Docker,
  tag: string,
  base: string | null,
): Promise<[ImageInfo, ImageConfig | null, ImageInfo | null]> {
  const named = base !== null && base.toLowerCase() !== "scratch";
  const [info, baseInfo] = await docker.inspectMany(named ? [tag, base] : [tag]);
  if (!info) throw new DockerEnvironmentError(`the engine lost the image it just built (${tag})`);
  if (baseInfo) return [info, baseInfo.config, baseInfo];
  return [info, named ? await baseConfig(docker, base) : base === null ? null : EMPTY_CONFIG, null];
}

/**
 * Read the base image of `text`'s final stage into the base file system cache ahead of time, when it is local
 * and the optimized image can be read as that base plus its own paths.
 */
async function warmBase(options: VerifyOptions, text: string): Promise<void> {
  const { base, writes } = dockerfileFacts(text);
  if (!base || !writes || base.toLowerCase() === "scratch") return;
  const [info] = await options.docker.inspectMany([base]).catch(() => [null]);
  if (info) await baseFs(options.docker, base, info, options.cacheDir ?? null);
}

/** Is `src` (a COPY source) a regular file of the build context? */
function isContextFile(context: string, src: string): boolean {
  const rel = contextPath(src);
  try {
    return rel !== null && lstatSync(join(context, rel)).isFile();
  } catch {
    return false;
  }
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

/** A RUN step that ran and failed: its own errors (npm's ECONNREFUSED) are the Dockerfile's, not the engine's. */
const STEP_FAILED = /executor failed running|did not complete successfully: exit code/;
const ENGINE_DISK = /no space left on device/i;

/** A build that failed because of the docker client or engine, not the Dockerfile, throws. */
function environmentCheck(stderr: string, code: number): void {
  if (code === 127 || (STEP_FAILED.test(stderr) ? ENGINE_DISK.test(stderr) : ENVIRONMENT.test(stderr)))
    throw new DockerEnvironmentError(`the docker client or engine failed, not the Dockerfile: ${lastLines(stderr)}`);
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-6).join("\n");
}
