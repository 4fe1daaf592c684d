// Reading a Node build tool's flags and config files for where it writes (node-build-tools.ts and
// node-framework-builds.ts): literal values only; anything computed is `unknown`, never a guess.
import { posix } from "node:path";
import type { OutputsReasonId } from "./types.js";

/**
 * Reads a file of the working folder (path relative to it) from the build context; null when absent. `list`,
 * when given, names what a folder of the working folder holds (empty when missing).
 */
export type ConfigReader = ((file: string) => string | null) & { readonly list?: (dir: string) => readonly string[] };

/** Why the outputs are unknown: a message id of the pass (`outputs*`, `files*`) and its data. */
export interface Reason {
  readonly id: OutputsReasonId;
  readonly data: Readonly<Record<string, string>>;
}

/** Output folders or files, relative to the working folder; or why they are not known. */
export type ToolOutputs = { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly why: Reason };

export const outputs = (...paths: string[]): ToolOutputs => ({ ok: true, paths });
export const unknown = (id: OutputsReasonId, data: Readonly<Record<string, string>> = {}): ToolOutputs => ({
  ok: false,
  why: { id, data },
});

/** The value of the first of `flags` (`--out x`, `--out=x`), or null. */
export function flagValue(args: readonly string[], flags: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (flags.includes(args[i]) && args[i + 1] !== undefined) return args[i + 1];
    const eq = args[i].indexOf("=");
    if (eq > 0 && flags.includes(args[i].slice(0, eq))) return args[i].slice(eq + 1);
  }
  return null;
}

/** The first existing one of `names`, with its text. */
export function firstFile(read: ConfigReader, names: readonly string[]): { name: string; text: string } | null {
  for (const name of names) {
    const text = read(name);
    if (text !== null) return { name, text };
  }
  return null;
}

export const configNames = (stem: string) => ["js", "cjs", "mjs", "ts", "mts", "cts"].map((e) => `${stem}.${e}`);

/**
 * One literal string given to `key` in a JS/TS config (`outDir: 'build'`), `absent` when the key does not
 * occur, or null when it occurs in any other form (computed, or several different values).
 */
export function literalKey(text: string, key: string): string | "absent" | null {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const uses = [...code.matchAll(new RegExp(`\\b${key}\\b`, "g"))].length;
  if (uses === 0) return "absent";
  const literals = [...code.matchAll(new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`$]+)\\1`, "g"))].map((m) => m[2]);
  return literals.length === uses && new Set(literals).size === 1 ? literals[0] : null;
}

/** A JSON-with-comments file (tsconfig), or null when it does not parse. */
export function parseJsonc(text: string): Record<string, unknown> | null {
  try {
    const stripped = text.replace(/("(?:[^"\\]|\\.)*")|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (_m, str) => str ?? "").replace(/,(\s*[}\]])/g, "$1");
    const value = JSON.parse(stripped);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

interface TsEmit {
  readonly noEmit: boolean;
  readonly outDir: string | null;
  readonly outFile: string | null;
  readonly declarationDir: string | null;
}

/**
 * What a tsconfig (following relative `extends`) says about emitting, paths relative to the working folder.
 * `${configDir}` in a path stands for the folder of the config tsc was pointed at (`configDir`), wherever it is written.
 */
export function tsconfigEmit(read: ConfigReader, file: string, depth = 0, configDir = posix.dirname(file)): TsEmit | null {
  const text = read(file);
  const json = text === null ? null : parseJsonc(text);
  if (json === null || depth > 5) return null;
  const dir = posix.dirname(file);
  const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
  const path = (key: string) => {
    const value = options[key];
    if (typeof value !== "string") return null;
    return value.startsWith("${configDir}") ? posix.join(configDir, `.${value.slice("${configDir}".length)}`) : posix.join(dir, value);
  };
  let base: TsEmit = { noEmit: false, outDir: null, outFile: null, declarationDir: null };
  if (json.extends !== undefined) {
    const ext = json.extends;
    // A shared config from a package (`@tsconfig/node20`) sets no output paths; a relative one may.
    if (typeof ext !== "string") return null;
    if (ext.startsWith(".")) {
      const target = posix.join(dir, ext.endsWith(".json") ? ext : `${ext}.json`);
      const inherited = tsconfigEmit(read, target, depth + 1, configDir);
      if (inherited === null) return null;
      base = inherited;
    }
  }
  return {
    noEmit: typeof options.noEmit === "boolean" ? options.noEmit : base.noEmit,
    outDir: path("outDir") ?? base.outDir,
    outFile: path("outFile") ?? path("out") ?? base.outFile,
    declarationDir: path("declarationDir") ?? base.declarationDir,
  };
}

/** tsc's outputs for this config file: its outDir (and declarationDir / outFile); sources compiled in place are unknown. */
export function tscFromConfig(read: ConfigReader, config: string, outDirFlag: string | null): ToolOutputs {
  const emit = tsconfigEmit(read, config);
  if (emit === null) return unknown("outputsConfigUnreadable", { file: config });
  if (emit.noEmit) return outputs();
  const outDir = outDirFlag ?? emit.outDir;
  if (outDir === null && emit.outFile === null) return unknown("outputsTsconfigNoOutDir", { file: config });
  return outputs(...[outDir, emit.outFile, emit.declarationDir].filter((p): p is string => p !== null));
}

export function folderFlag(args: readonly string[], flags: readonly string[], fallback: string | null, tool: string): ToolOutputs {
  const flag = flagValue(args, flags);
  if (flag) return outputs(flag);
  return fallback === null ? unknown("outputsFlagMissing", { tool, flags: flags.map((f) => `\`${f}\``).join(" or ") }) : outputs(fallback);
}

/** A config file whose `key` may move the output: absent → the default, a literal → it, else unknown. */
export function configured(read: ConfigReader, stems: readonly string[], key: string, fallback: string): ToolOutputs {
  const config = firstFile(read, stems.flatMap(configNames));
  if (config === null) return outputs(fallback);
  const value = literalKey(config.text, key);
  return value === "absent"
    ? outputs(fallback)
    : value === null
      ? unknown("outputsConfigComputes", { file: config.name, key })
      : outputs(value);
}

/** The operands of `args` (not flags, not the value of a flag in `valued`), or null when a flag is not in `known`. */
export function operandsOf(args: readonly string[], valued: readonly string[], known: readonly string[]): string[] | null {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].replace(/=.*$/, "");
    if (!args[i].startsWith("-")) operands.push(args[i]);
    else if (valued.includes(flag)) i += args[i].includes("=") ? 0 : 1;
    else if (!known.includes(flag)) return null;
  }
  return operands;
}
