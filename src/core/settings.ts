// Every setting is declared once: the global ones here, each pass's own in its `definePass({ options })`.
// The edges derive everything else from the table: the command-line flags, the `.msb-opt.json` checks,
// the JSON Schema, the BuildKit frontend's `key=value` options and the README's option table.
import { UsageError } from "./errors.js";

/** Where a user can set an option. */
export type Edge = "cli" | "config" | "frontend";
export const ALL_EDGES: readonly Edge[] = ["cli", "config", "frontend"];

interface SpecBase {
  /** One line for `--help`, the schema and the README. */
  readonly help: string;
  /** The commander flag when the derived one (`--kebab-name`, `--kebab-name <value>`) does not fit. */
  readonly flag?: string;
  /** Default: every edge. */
  readonly edges?: readonly Edge[];
}
export interface BooleanSpec extends SpecBase {
  readonly type: "boolean";
  readonly default?: boolean;
}
export interface StringSpec extends SpecBase {
  readonly type: "string";
  readonly default?: string;
  readonly choices?: readonly string[];
  /** A regular expression the value must match, and what it means (`an http(s) URL`). */
  readonly pattern?: string;
  readonly meaning?: string;
}
export interface NumberSpec extends SpecBase {
  readonly type: "number";
  readonly default?: number;
  /** Whole numbers from this up. */
  readonly min?: number;
}
export interface PassIdsSpec extends SpecBase {
  readonly type: "passIds";
  readonly default?: readonly string[];
}
export type SettingSpec = BooleanSpec | StringSpec | NumberSpec | PassIdsSpec;
export type SettingSpecs = Readonly<Record<string, SettingSpec>>;

/** The value type a spec declares. */
export type SettingValue<S> = S extends { readonly type: "boolean" }
  ? boolean
  : S extends { readonly type: "number" }
    ? number
    : S extends { readonly type: "passIds" }
      ? readonly string[]
      : S extends { readonly choices: readonly (infer C)[] }
        ? C
        : string;

/** The values a spec table declares: an option with a default is always set. */
export type SettingValues<O> = {
  readonly [K in keyof O]: O[K] extends { readonly default: unknown } ? SettingValue<O[K]> : SettingValue<O[K]> | undefined;
};

/** Settings of the whole run, not of one pass. */
export const GLOBAL_SETTINGS = {
  passes: { type: "passIds", help: "run only these passes (comma-separated; canonical order is kept)", flag: "--passes <ids>" },
  skip: { type: "passIds", help: "skip these passes (comma-separated)", flag: "--skip <ids>" },
  syntaxDirective: {
    type: "string",
    choices: ["auto", "never"],
    default: "auto",
    help: "add or raise `# syntax=` when the output needs more than Docker's built-in frontend accepts (never: for builders that cannot pull a frontend)",
    flag: "--syntax-directive <mode>",
    // The frontend is the syntax line: it never adds one.
    edges: ["cli", "config"],
  },
} as const satisfies SettingSpecs;

export type GlobalSettings = Partial<SettingValues<typeof GLOBAL_SETTINGS>>;

/** One row of the table: a setting, and the pass that declares it (null: global). */
export interface SettingEntry {
  readonly name: string;
  readonly spec: SettingSpec;
  readonly pass: string | null;
  /** Other passes that read the same option (declared with the same spec). */
  readonly alsoReadBy: readonly string[];
}

/** The full table: global settings, then each pass's options in pipeline order. Names are one namespace. */
export function settingTable(passes: readonly { readonly id: string; readonly options: SettingSpecs }[]): readonly SettingEntry[] {
  const rows = new Map<string, { name: string; spec: SettingSpec; pass: string | null; alsoReadBy: string[] }>();
  for (const [name, spec] of Object.entries(GLOBAL_SETTINGS)) rows.set(name, { name, spec, pass: null, alsoReadBy: [] });
  for (const p of passes) {
    for (const [name, spec] of Object.entries(p.options)) {
      const row = rows.get(name);
      if (!row) rows.set(name, { name, spec, pass: p.id, alsoReadBy: [] });
      else if (row.spec === spec) row.alsoReadBy.push(p.id);
      else throw new Error(`option ${name} of pass ${p.id} is already declared by ${row.pass ?? "the global settings"}`);
    }
  }
  return [...rows.values()];
}

export const edgesOf = (spec: SettingSpec): readonly Edge[] => spec.edges ?? ALL_EDGES;

/** `registryTimeoutMs` → `registry-timeout-ms` (flags, frontend keys). */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** What a JSON value must be, or null when it fits (config files). */
export function checkValue(spec: SettingSpec, value: unknown, knownPasses: readonly string[]): string | null {
  switch (spec.type) {
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "number":
      return typeof value === "number" && Number.isInteger(value) && value >= (spec.min ?? 0)
        ? null
        : `must be a whole number of ${spec.min ?? 0} or more`;
    case "passIds": {
      if (!Array.isArray(value) || !value.every((x) => typeof x === "string")) return "must be a list of pass ids";
      const unknown = value.filter((id) => !knownPasses.includes(id));
      return unknown.length ? `names no pass: ${unknown.join(", ")} (known: ${knownPasses.join(", ")})` : null;
    }
    case "string":
      if (spec.choices) {
        return typeof value === "string" && spec.choices.includes(value)
          ? null
          : `must be one of ${spec.choices.map((x) => `"${x}"`).join(", ")}`;
      }
      if (typeof value !== "string" || value === "") return `must be ${spec.meaning ?? "a non-empty string"}`;
      return spec.pattern && !new RegExp(spec.pattern).test(value)
        ? `must be ${spec.meaning ?? `a string matching ${spec.pattern}`}`
        : null;
  }
}

/**
 * A value written as text (a flag's argument, a frontend `key=value`) → the typed value, or a problem.
 * Booleans read `true`/`false`; lists are comma-separated (`none` is the empty list).
 */
export function parseValue(spec: SettingSpec, text: string, knownPasses: readonly string[]): { value: unknown } | { problem: string } {
  let value: unknown = text;
  if (spec.type === "boolean") {
    if (text !== "true" && text !== "false") return { problem: "expected true or false" };
    value = text === "true";
  } else if (spec.type === "number") {
    value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  } else if (spec.type === "passIds") {
    value =
      text === "none"
        ? []
        : text
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
  }
  const problem = checkValue(spec, value, knownPasses);
  return problem ? { problem: problem.replace(/^must be /, "expected ") } : { value };
}

/** pin-tags pins by this policy; version-args reads it too (a digest pin stays on the FROM line). */
export const PIN_OPTION = {
  type: "string",
  choices: ["tag", "digest", "none"],
  default: "tag",
  help: "how to pin base images: a release tag, a tag and digest, or not at all",
  flag: "--pin <policy>",
} as const satisfies SettingSpec;

/**
 * BuildKit cache mounts. Unset, only the stages split-stages writes itself get them (its dependency installs and
 * build tools' caches); `true` also lets merge-run put the caches of the file's own RUNs on mounts instead of
 * deleting them; `false` turns every mount off (builders without BuildKit).
 */
export const CACHE_MOUNTS_OPTION = {
  type: "boolean",
  help: "cache mounts in every RUN msb-opt writes or cleans (default: only in the stages split-stages writes; --no-cache-mounts: none)",
} as const satisfies SettingSpec;

/** One source of a pass selection, lowest precedence first: a config file's base, an override, the flags. */
export interface SelectionLayer {
  /** How the user names this source: "`.msb-opt.json`", "`overrides[0]` of `.msb-opt.json`", "the command line". */
  readonly source: string;
  readonly passes?: readonly string[];
  readonly skip?: readonly string[];
}

/**
 * Combine pass selections: a later source wins. Its `passes` replaces the earlier list and turns those
 * passes back on even where an earlier source skipped them; its `skip` adds to what is skipped. A pass both
 * selected and skipped by one source, or a `passes` list that the skips empty, is a UsageError naming the
 * sources (asking for no pass — `passes: []`, or skipping every pass — is allowed).
 */
export function combineSelection(layers: readonly SelectionLayer[]): { passes?: readonly string[]; skip?: readonly string[] } {
  let passes: { ids: readonly string[]; source: string } | null = null;
  const skip = new Map<string, string>();
  for (const layer of layers) {
    const both = (layer.passes ?? []).filter((id) => layer.skip?.includes(id));
    if (both.length > 0) throw new UsageError(`${layer.source} both selects and skips ${both.join(", ")}`);
    if (layer.passes) {
      passes = { ids: layer.passes, source: layer.source };
      for (const id of layer.passes) skip.delete(id);
    }
    for (const id of layer.skip ?? []) skip.set(id, layer.source);
  }
  if (passes && passes.ids.length > 0 && passes.ids.every((id) => skip.has(id))) {
    const skippers = [...new Set(passes.ids.map((id) => skip.get(id)))].join(" and ");
    throw new UsageError(`no pass left to run: ${passes.source} selects ${passes.ids.join(", ")}, which ${skippers} skips`);
  }
  return {
    ...(passes ? { passes: passes.ids } : {}),
    ...(skip.size > 0 ? { skip: [...skip.keys()] } : {}),
  };
}
