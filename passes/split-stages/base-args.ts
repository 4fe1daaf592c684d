// Base images written with global build arguments (`ARG NODE_VERSION=20` / `FROM node:${NODE_VERSION}`):
// the reference with the defaults filled in, and the runtime image written with the same arguments.
import type { Dockerfile } from "../../src/core/ir.js";

/** The defaults of the global ARGs (those before the first FROM). */
function globalDefaults(df: Dockerfile): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const arg of df.globalArgs) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S*))\s*$/.exec(arg.args.trim());
    if (m) defaults.set(m[1], m[2] ?? m[3] ?? m[4] ?? "");
  }
  return defaults;
}

/** `raw` with every `$VAR`/`${VAR}` replaced by its global default, or null when one has none. */
export function resolveBaseArgs(df: Dockerfile, raw: string): string | null {
  const defaults = globalDefaults(df);
  let missing = false;
  const resolved = raw.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a?: string, b?: string) => {
    const value = defaults.get((a ?? b) as string);
    if (value === undefined || value === "") missing = true;
    return value ?? "";
  });
  return missing || resolved.includes("$") ? null : resolved;
}

/**
 * The runtime image written with the builder's arguments: `node:${V}` + (`node:20` → `node:20-slim`) gives
 * `node:${V}-slim`. Null when the runtime does not extend the resolved reference, so it would not follow
 * a `--build-arg` that changes the builder.
 */
export function runtimeWithArgs(raw: string, resolved: string, runtime: string): string | null {
  if (raw === resolved) return runtime;
  return runtime.startsWith(resolved) ? raw + runtime.slice(resolved.length) : null;
}
