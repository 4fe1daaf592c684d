// msb-opt's options in frontend mode: on the syntax line after the image
// (`# syntax=IMAGE passes=merge-run skip=pin-tags inner=docker/dockerfile:1.7 fallback=original pin=none`)
// and as build-args `--build-arg MSB_OPT_PASSES=…`, which win over the syntax line. The build-args are
// removed from what the inner frontend sees, so that they cannot change its cache keys.

export interface FrontendOptions {
  readonly passes?: readonly string[];
  readonly skip?: readonly string[];
  /** An image frontend to hand the result to (through gateway.v0) instead of the built-in dockerfile.v0. */
  readonly inner?: string;
  /** Build the original file when the optimized one fails to solve. */
  readonly fallback: "none" | "original";
  readonly pin?: "tag" | "digest" | "none";
  readonly cacheMounts?: boolean;
  /** split-stages: run the runtime stage as a non-root user where nothing visibly needs root. */
  readonly harden?: boolean;
}

export class OptionError extends Error {
  constructor(message: string) {
    super(`msb-opt: ${message}`);
    this.name = "OptionError";
  }
}

const BUILD_ARG_PREFIX = "build-arg:MSB_OPT_";
const KEYS = ["passes", "skip", "inner", "fallback", "pin", "cache-mounts", "harden"] as const;
type Key = (typeof KEYS)[number];

/** The gateway's options from `BUILDKIT_FRONTEND_OPT_<i>=<key>=<value>` (split at the first `=`). */
export function frontendOptsFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const opts: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("BUILDKIT_FRONTEND_OPT_") || value === undefined) continue;
    const eq = value.indexOf("=");
    if (eq < 0) opts[value] = "";
    else opts[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return opts;
}

/** `key=value` words after the image on the syntax line (`cmdline`). */
function cmdlineArgs(cmdline: string): Map<string, string> {
  const words = cmdline.trim().split(/\s+/).filter(Boolean).slice(1);
  const args = new Map<string, string>();
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq <= 0) throw new OptionError(`cannot read \`${word}\` on the syntax line: options are key=value (${KEYS.join(", ")})`);
    args.set(word.slice(0, eq), word.slice(eq + 1));
  }
  return args;
}

function buildArgs(opts: Readonly<Record<string, string>>): Map<string, string> {
  const args = new Map<string, string>();
  for (const [key, value] of Object.entries(opts)) {
    if (key.startsWith(BUILD_ARG_PREFIX)) args.set(key.slice(BUILD_ARG_PREFIX.length).toLowerCase().replace(/_/g, "-"), value);
  }
  return args;
}

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new OptionError(`${key}=${value}: expected one of ${allowed.join(", ")}`);
  return value as T;
}

/** Parse the syntax-line options, then let `MSB_OPT_*` build-args override them. */
export function parseFrontendOptions(opts: Readonly<Record<string, string>>): FrontendOptions {
  const merged = new Map([...cmdlineArgs(opts.cmdline ?? ""), ...buildArgs(opts)]);
  const out: { -readonly [K in keyof FrontendOptions]: FrontendOptions[K] } = { fallback: "none" };
  for (const [key, value] of merged) {
    if (!(KEYS as readonly string[]).includes(key)) throw new OptionError(`unknown option \`${key}\` (known: ${KEYS.join(", ")})`);
    switch (key as Key) {
      case "passes":
        out.passes = value === "none" ? [] : list(value);
        break;
      case "skip":
        out.skip = list(value);
        break;
      case "inner":
        if (value !== "") out.inner = value;
        break;
      case "fallback":
        out.fallback = oneOf(key, value, ["none", "original"] as const);
        break;
      case "pin":
        out.pin = oneOf(key, value, ["tag", "digest", "none"] as const);
        break;
      case "cache-mounts":
        out.cacheMounts = oneOf(key, value, ["true", "false"] as const) === "true";
        break;
      case "harden":
        out.harden = oneOf(key, value, ["true", "false"] as const) === "true";
        break;
    }
  }
  return out;
}

/**
 * What the inner frontend gets: every option we received, minus the image source (it would load us
 * again), `dockerfilekey` (the Dockerfile now comes as an input) and our own build-args. `cmdline` stays:
 * its presence is what stops dockerfile.v0 from detecting the syntax line and calling msb-opt again.
 */
export function forwardedOptions(
  opts: Readonly<Record<string, string>>,
  target: { inner?: string; replacesDockerfile: boolean },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(opts)) {
    if (key === "source" || key.startsWith(BUILD_ARG_PREFIX)) continue;
    if (target.replacesDockerfile && key === "dockerfilekey") continue;
    out[key] = value;
  }
  if (target.replacesDockerfile) out.filename = "Dockerfile";
  out.cmdline = target.inner ?? opts.cmdline ?? "";
  if (target.inner) out.source = target.inner;
  return out;
}
