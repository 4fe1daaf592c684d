// Base images written with global build arguments (`ARG NODE_VERSION=20` / `FROM node:${NODE_VERSION}`):
// the reference with the defaults filled in, and the runtime image written with the same arguments.
import { instruction, type Dockerfile, type Instruction } from "../../src/core/ir.js";

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

/** The build argument that names the runtime image when the builder's base is one whole argument. */
export const RUNTIME_ARG = "RUNTIME_IMAGE";

/**
 * `FROM ${BASE}`: the runtime cannot be derived from the argument (`${BASE}-slim` is no image for most
 * values), so it gets its own argument with the runtime as default. Null when the base is not one whole
 * argument or the name is taken.
 */
export function ownRuntimeArg(df: Dockerfile, raw: string, runtime: string): Instruction | null {
  if (!/^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(raw)) return null;
  const taken = [...df.globalArgs, ...df.stages.flatMap((s) => s.body.filter((i) => i.keyword === "ARG"))].some((a) =>
    new RegExp(`(^|\\s)${RUNTIME_ARG}(=|\\s|$)`).test(a.args),
  );
  return taken ? null : instruction("ARG", `${RUNTIME_ARG}=${runtime}`, { line: df.stages[0]?.from.line ?? 1 });
}
