// msb-opt's options in frontend mode: on the syntax line after the image
// (`# syntax=IMAGE passes=merge-run skip=pin-tags inner=docker/dockerfile:1.7 fallback=original pin=none`)
// and as build-args `--build-arg MSB_OPT_PASSES=…`, which win over the syntax line. The build-args are
// removed from what the inner frontend sees, so that they cannot change its cache keys. The keys are the
// settings table's (src/core/settings.ts, each pass's `options`) that the frontend edge exposes, in kebab-case.
import { UsageError } from "../core/errors.js";
import type { GlobalSettings } from "../core/settings.js";

// Table-free, so that the gateway can read what it needs first (the inner frontend, whether any pass runs)
// while the library loads; src/frontend/settings.ts checks every option against the settings table.

const BUILD_ARG_PREFIX = "build-arg:MSB_OPT_";

/** Pipeline settings by name (`passes`, `cacheMounts`, `testStage`…), plus how to hand the result on. */
export interface FrontendOptions extends GlobalSettings {
  /** An image frontend to hand the result to (through gateway.v0) instead of the built-in dockerfile.v0. */
  readonly inner?: string;
  /** Build the original file when the optimized one fails to solve. */
  readonly fallback: "none" | "original";
  /** Why the file is handed on unchanged: the context's `.msb-opt.json` cannot be applied to it. */
  readonly unapplied?: string;
  readonly [setting: string]: unknown;
}

/** The build-arg that sets a key: `cache-mounts` → `MSB_OPT_CACHE_MOUNTS`. */
export const buildArgOf = (key: string): string => `MSB_OPT_${key.toUpperCase().replace(/-/g, "_")}`;

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
    if (eq <= 0) throw new UsageError(`cannot read \`${word}\` on the syntax line: options are key=value (passes=merge-run)`);
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

/** The options' two sources, lowest precedence first: the syntax line, then the `MSB_OPT_*` build-args. */
export function frontendArgs(opts: Readonly<Record<string, string>>) {
  return [
    { source: "the syntax line", args: cmdlineArgs(opts.cmdline ?? ""), where: (key: string) => `${key}= on the syntax line` },
    { source: "the MSB_OPT_* build-args", args: buildArgs(opts), where: (key: string) => `build-arg ${buildArgOf(key)}` },
  ] as const;
}

/** What the gateway needs before the library is loaded: the inner frontend, and whether `passes=none`. */
export function earlyOptions(opts: Readonly<Record<string, string>>): { inner?: string; runsNoPass: boolean } {
  const merged = new Map(frontendArgs(opts).flatMap(({ args }) => [...args]));
  const passes = merged.get("passes");
  return { ...(merged.get("inner") ? { inner: merged.get("inner") } : {}), runsNoPass: passes === "none" || passes === "" };
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
