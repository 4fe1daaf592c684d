// The frontend's flow, as BuildKit runs it: check the gateway's caps, read the Dockerfile the way the
// Dockerfile frontend does, run the passes over it, hand the result to the inner frontend, and return the
// inner result untouched. Everything msb-opt says reaches the user through vertex names, warnings and
// errors: the frontend's stderr only reaches the daemon's log.
import { type Bridge, isDirMode, refIdOf, statusBytes, type Caps } from "./bridge.js";
import { dialectOf, missingCaps } from "./dialect.js";
import { FetchedContext, fetchPatterns, listingPatterns, type FetchRequest, type Fetched } from "./gateway-context.js";
import { GrpcError } from "./grpc-stdio.js";
import { UsageError } from "../core/errors.js";
import { formatNote } from "../core/pass.js";
import { definition, digestOf, localSource, scratchWithFiles, type FileSpec } from "./llb.js";
import { earlyOptions, forwardedOptions, frontendOptsFromEnv } from "./options.js";
import type { Rewrite } from "./rewrite.js";
import type { optimize } from "../core/pipeline.js";
import { utcDay } from "../io/utc-day.js";

export type Env = Readonly<Record<string, string | undefined>>;

interface Session {
  readonly bridge: Bridge;
  readonly caps: Caps;
  readonly opts: Readonly<Record<string, string>>;
  readonly sessionId: string;
  readonly log: (msg: string) => void;
}

/** Run the whole frontend and Return its outcome; resolves to the process exit code. */
export async function runFrontend(bridge: Bridge, env: Env, log: (msg: string) => void = () => {}, deps: Deps = {}): Promise<number> {
  try {
    await bridge.returnResult(await build(bridge, env, log, deps));
    return 0;
  } catch (err) {
    log(`error: ${(err as Error).stack ?? String(err)}`);
    // The inner frontend's status goes back as it came: its typed details let the CLI show the line.
    const status =
      err instanceof GrpcError && err.statusBytes
        ? err.statusBytes
        : statusBytes(
            err instanceof GrpcError ? err.code : 2,
            err instanceof UsageError ? `msb-opt: ${err.message}` : (err as Error).message,
          );
    try {
      await bridge.returnError(status);
    } catch (e) {
      log(`return failed: ${(e as Error).message}`);
    }
    return 1;
  }
}

/** Stand-ins for tests; production uses the library's `optimize`. */
export interface Deps {
  readonly optimizer?: typeof optimize;
}

async function build(bridge: Bridge, env: Env, log: (msg: string) => void, deps: Deps): Promise<Buffer> {
  // Loading the library and compiling its shell parser take longer than the first gRPC round trips:
  // overlap them. The load starts on the next turn of the event loop, once the ping below is on the wire
  // (in the image's single bundle, loading is synchronous work that would otherwise hold the ping back).
  const library = new Promise((resolve) => setImmediate(resolve))
    .then(() => import("./rewrite.js"))
    .then((lib) => ({ lib, warm: lib.warmUp() }));
  library.catch(() => {}); // awaited below; no unhandled rejection if we fail first
  const opts = frontendOptsFromEnv(env);
  log("started");
  const [caps, inputs] = await Promise.all([bridge.ping(), bridge.inputs().catch((err: unknown) => err as Error)]);
  log("ping and inputs");
  const missing = missingCaps(caps);
  if (missing.length > 0) {
    throw new Error(
      `msb-opt needs Docker Engine 20.10 or BuildKit 0.7 or newer: this builder lacks the gateway capabilities ${missing.join(", ")}`,
    );
  }
  if (inputs instanceof Error) throw inputs;
  const early = earlyOptions(opts);
  const s: Session = { bridge, caps, opts, sessionId: env.BUILDKIT_SESSION_ID ?? "", log };

  if (opts.requestid) {
    // Subrequests (outline, targets, lint) describe the user's own file: hand it on unchanged.
    return bridge.solve({
      frontend: innerFrontend(early),
      frontendOpt: forwardedOptions(opts, { inner: early.inner, replacesDockerfile: false }),
      frontendInputs: inputs,
    });
  }

  const filename = opts.filename || "Dockerfile";
  const useInputs = inputs.has("dockerfile") && !opts.dockerfilekey;
  const context = new FetchedContext();
  const contextLocal = !inputs.has("context") && !early.runsNoPass;
  const [dockerfile] = await Promise.all([
    readDockerfile(s, useInputs ? inputs.get("dockerfile") : undefined, filename),
    contextLocal ? fetchInto(s, context, { paths: [], listings: ["."] }) : undefined,
  ]);
  log("dockerfile and context root read");
  if (dockerfile.ignore !== null) context.override(".dockerignore", dockerfile.ignore.toString("utf8"));

  const { lib, warm } = await library;
  const { rewrite, summary, parseFrontendOptions } = lib;
  await warm;
  log("library ready");
  // The context's `.msb-opt.json` (at its root, listed with it) under the syntax line and build-args. The
  // Dockerfile's path in the context is known when the context root holds the same file under its name.
  const configText = contextLocal ? context.read(".msb-opt.json") : null;
  const atRoot = contextLocal && !filename.includes("/") && context.read(filename) === dockerfile.text.toString("utf8");
  const config = configText === null ? null : { text: configText, dockerfile: atRoot ? filename : null };
  const options = parseFrontendOptions(opts, config); // checked against the settings table; a typo fails the build
  const today = utcDay(Date.now());
  const result = await rewrite(
    { text: dockerfile.text.toString("utf8"), filename, dialect: dialectOf(caps, options.inner), options, today },
    contextLocal ? context : { ...noAnswers, misses: new Set(), listMisses: new Set() },
    (request) => fetchInto(s, context, request),
    { optimizer: deps.optimizer },
  );
  log(summary(result));

  const optimized = result.output === dockerfile.text.toString("utf8") ? dockerfile.text : Buffer.from(result.output, "utf8");
  const handOn = (file: Buffer, name: string, evaluate = false) =>
    bridge.solve({
      frontend: innerFrontend(options),
      frontendOpt: forwardedOptions(opts, { inner: options.inner, replacesDockerfile: true }),
      frontendInputs: new Map([
        ...inputs,
        ["dockerfile", definition([scratchWithFiles(dockerfileFiles(file, dockerfile.ignore), name)], caps.llb)],
      ]),
      evaluate,
    });
  const digest = digestOf(scratchWithFiles(dockerfileFiles(optimized, dockerfile.ignore), "").bytes);
  await warnChanges(s, result, digest, filename, dockerfile.text);

  if (options.fallback === "original" && result.changes.length > 0) {
    try {
      // Evaluate now, so that a failure of the optimized file shows here and not after Return.
      return await handOn(optimized, summary(result), caps.frontend.has("gateway.solve.evaluate"));
    } catch (err) {
      log(`optimized build failed, building the original: ${(err as Error).message}`);
      return handOn(dockerfile.text, "[msb-opt] optimized build failed: built the original Dockerfile");
    }
  }
  return handOn(optimized, summary(result));
}

const noAnswers = { available: false, read: () => null, exists: () => false, list: () => [] };

function innerFrontend(options: { inner?: string }): string {
  return options.inner ? "gateway.v0" : "dockerfile.v0";
}

/** The files of the Dockerfile input: `/Dockerfile`, and its own ignore file when the user has one. */
function dockerfileFiles(text: Buffer, ignore: Buffer | null): FileSpec[] {
  const files: FileSpec[] = [{ path: "/Dockerfile", data: text }];
  if (ignore !== null) files.push({ path: "/Dockerfile.dockerignore", data: ignore });
  return files;
}

/**
 * Read the Dockerfile as BuildKit's Dockerfile frontend does: from the `dockerfile` input when there is
 * one, else from the client's `dockerfile` folder (or `dockerfilekey`), with the lowercase `dockerfile`
 * fallback; `<filename>.dockerignore` is optional.
 */
async function readDockerfile(s: Session, input: Buffer | undefined, filename: string): Promise<{ text: Buffer; ignore: Buffer | null }> {
  const base = filename.split("/").pop() ?? filename;
  const lower = base === "Dockerfile" ? [`${filename.slice(0, filename.length - base.length)}dockerfile`] : [];
  let def = input;
  if (!def) {
    const source = localSource({
      name: s.opts.dockerfilekey || "dockerfile",
      sessionId: s.sessionId,
      sharedKeyHint: "dockerfile",
      followPaths: [filename, `${filename}.dockerignore`, ...lower],
      customName: "[msb-opt] load Dockerfile",
    });
    def = definition([source], s.caps.llb);
  }
  const ref = refIdOf(await s.bridge.solve({ definition: def }));
  const ignore = s.bridge.readFile(ref, `${filename}.dockerignore`).catch(() => null); // optional
  let text: Buffer;
  try {
    text = await s.bridge.readFile(ref, filename);
  } catch (err) {
    if (lower.length === 0) throw err;
    try {
      text = await s.bridge.readFile(ref, lower[0]);
    } catch {
      throw err;
    }
  }
  return { text, ignore: await ignore };
}

/**
 * Fetch context files through `local://context` solves and add them to `context`: one solve for the
 * paths, one for the listings (their patterns would clash), in parallel.
 */
async function fetchInto(s: Session, context: FetchedContext, request: FetchRequest): Promise<void> {
  const solves: Promise<void>[] = [];
  if (request.paths.length > 0) {
    const name = `[msb-opt] load ${request.paths.length} path(s) from context`;
    solves.push(fetchLocal(s, fetchPatterns(request.paths), name).then((f) => context.add({ paths: request.paths }, f)));
  }
  if (request.listings.length > 0) {
    const name =
      request.listings.length === 1 && request.listings[0] === "."
        ? "[msb-opt] list context"
        : `[msb-opt] list ${request.listings.length} folder(s) of context`;
    solves.push(fetchLocal(s, listingPatterns(request.listings), name).then((f) => context.add({ listings: request.listings }, f)));
  }
  await Promise.all(solves);
}

async function fetchLocal(s: Session, patterns: { include: string[]; exclude: string[] }, customName: string): Promise<Fetched> {
  const source = localSource({
    name: "context",
    sessionId: s.sessionId,
    // One transfer cache per pattern set: the next build then syncs only what changed. Sharing
    // "context" would make the real build's transfer start over.
    sharedKeyHint: `msb-opt-${digestOf(Buffer.from(JSON.stringify(patterns))).slice(7, 19)}`,
    includePatterns: patterns.include,
    excludePatterns: patterns.exclude,
    customName,
  });
  const ref = refIdOf(await s.bridge.solve({ definition: definition([source], s.caps.llb) }));
  return walk(s.bridge, ref);
}

async function walk(bridge: Bridge, ref: string): Promise<Fetched> {
  const files = new Map<string, Buffer>();
  const dirs = new Set<string>();
  // Calls in parallel: HTTP/2 multiplexes them, and a listing may hold many small files.
  const visit = async (dir: string): Promise<void> => {
    const entries = await bridge.readDir(ref, dir);
    await Promise.all(
      entries.map(async (entry) => {
        const path = dir === "." ? entry.path : `${dir}/${entry.path}`;
        if (isDirMode(entry.mode)) {
          dirs.add(path);
          await visit(path);
        } else {
          files.set(path, await bridge.readFile(ref, path));
        }
      }),
    );
  };
  await visit(".");
  return { files, dirs };
}

/** One warning per change on BuildKit 0.10+, pointing at the user's line. */
async function warnChanges(s: Session, r: Rewrite, digest: string, filename: string, source: Buffer): Promise<void> {
  if (!s.caps.frontend.has("gateway.warnings")) return;
  for (const change of r.changes) {
    await s.bridge.warn({ digest, short: `msb-opt ${formatNote(change)}`, filename, source, line: change.line });
  }
}
