// `.msb-opt.json`: settings for the Dockerfiles of a repository, found by searching upward from each
// Dockerfile to the repository root (or named with --config). CLI flags override the file; `overrides`
// entries apply, in order, to the Dockerfiles their globs match (relative to the config file's folder).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { PASSES } from "../../passes/index.js";
import { globMatcher } from "../core/glob.js";

export const CONFIG_FILE = ".msb-opt.json";

/** Settings a config file (or the CLI) may give; each pass documents the ones it reads. */
export interface Settings {
  readonly passes?: readonly string[];
  readonly skip?: readonly string[];
  readonly syntaxDirective?: "auto" | "never";
  readonly cacheMounts?: boolean;
  readonly aptNoRecommends?: boolean;
  readonly pin?: "tag" | "digest" | "none";
  readonly offline?: boolean;
  readonly harden?: boolean;
  readonly runtimeBase?: "slim" | "distroless" | "scratch";
  readonly testStage?: boolean;
  readonly secrets?: "report" | "mount";
  readonly writeDockerignore?: boolean;
  readonly registryMirror?: string;
  readonly registryConfig?: string;
  /** Settings are optimize options: other keys pass through to the passes. */
  readonly [name: string]: unknown;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "ConfigError";
  }
}

export interface LoadedConfig {
  readonly file: string;
  readonly base: Settings;
  readonly overrides: readonly {
    readonly files: readonly string[];
    readonly matches: (rel: string) => boolean;
    readonly settings: Settings;
  }[];
}

type Check = (value: unknown) => string | null;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === "string" && values.includes(v) ? null : `must be one of ${values.map((x) => `"${x}"`).join(", ")}`;
const bool: Check = (v) => (typeof v === "boolean" ? null : "must be true or false");
const passIds: Check = (v) => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return "must be a list of pass ids";
  const unknown = v.filter((id) => !PASSES.some((p) => p.id === id));
  return unknown.length ? `names no pass: ${unknown.join(", ")} (known: ${PASSES.map((p) => p.id).join(", ")})` : null;
};

/** The settings schema: key → check. `schema/msb-opt.schema.json` mirrors it (a test keeps them equal). */
export const SETTING_CHECKS: Readonly<Record<keyof Settings, Check>> = {
  passes: passIds,
  skip: passIds,
  syntaxDirective: oneOf("auto", "never"),
  cacheMounts: bool,
  aptNoRecommends: bool,
  pin: oneOf("tag", "digest", "none"),
  offline: bool,
  harden: bool,
  runtimeBase: oneOf("slim", "distroless", "scratch"),
  testStage: bool,
  secrets: oneOf("report", "mount"),
  writeDockerignore: bool,
  registryMirror: (v) => (typeof v === "string" && /^https?:\/\//.test(v) ? null : "must be an http(s) URL"),
  registryConfig: (v) => (typeof v === "string" && v !== "" ? null : "must be the path of a docker config.json"),
};

/** The nearest `.msb-opt.json` from `dir` up to the repository root (a folder with .git), or null. */
export function findConfig(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current || existsSync(join(current, ".git"))) return null;
    current = parent;
  }
}

const loaded = new Map<string, LoadedConfig>();

/** Read and check a config file (memoised: a batch asks once per Dockerfile). */
export function loadConfig(file: string): LoadedConfig {
  const key = resolve(file);
  const hit = loaded.get(key);
  if (hit) return hit;
  const config = readConfig(key);
  loaded.set(key, config);
  return config;
}

function readConfig(file: string): LoadedConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(
      file,
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON: ${(err as Error).message}`,
    );
  }
  if (!isObject(json)) throw new ConfigError(file, "must hold a JSON object");
  const { overrides = [], $schema: _schema, ...rest } = json;
  const base = checkSettings(file, rest, "");
  if (!Array.isArray(overrides)) throw new ConfigError(file, "`overrides` must be a list");
  return {
    file,
    base,
    overrides: overrides.map((o, i) => {
      const at = `overrides[${i}]`;
      if (!isObject(o)) throw new ConfigError(file, `\`${at}\` must be an object`);
      const { files, ...settings } = o;
      const globs = typeof files === "string" ? [files] : files;
      if (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === "string")) {
        throw new ConfigError(file, `\`${at}.files\` must be a glob or a list of globs`);
      }
      const matchers = globs.map(globMatcher);
      return { files: globs, matches: (rel: string) => matchers.some((m) => m(rel)), settings: checkSettings(file, settings, `${at}.`) };
    }),
  };
}

function checkSettings(file: string, value: Record<string, unknown>, prefix: string): Settings {
  for (const [key, v] of Object.entries(value)) {
    const check = SETTING_CHECKS[key as keyof Settings];
    if (!check)
      throw new ConfigError(file, `unknown key \`${prefix}${key}\` (known: ${Object.keys(SETTING_CHECKS).join(", ")}, overrides)`);
    const problem = check(v);
    if (problem) throw new ConfigError(file, `\`${prefix}${key}\` ${problem}`);
  }
  return value as Settings;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The settings in effect for one Dockerfile: the file's base, then every matching override, in order. */
export function settingsFor(config: LoadedConfig | null, dockerfile: string): Settings {
  if (!config) return {};
  const rel = relative(dirname(config.file), resolve(dockerfile)).split(sep).join("/");
  let settings: Settings = { ...config.base };
  for (const o of config.overrides) if (o.matches(rel)) settings = { ...settings, ...o.settings };
  return settings;
}

/** Settings for a Dockerfile from its config file (explicit, or found upward), with CLI flags on top. */
export function resolveSettings(
  dockerfile: string | null,
  cli: Settings,
  explicitConfig: string | null,
  cwd: string,
): { settings: Settings; file: string | null } {
  const file = explicitConfig ?? findConfig(dockerfile ? dirname(resolve(dockerfile)) : cwd);
  const config = file ? loadConfig(file) : null;
  const fromFile = settingsFor(config, dockerfile ?? join(cwd, "Dockerfile"));
  const flags = Object.fromEntries(Object.entries(cli).filter(([, v]) => v !== undefined));
  return { settings: { ...fromFile, ...flags }, file };
}
