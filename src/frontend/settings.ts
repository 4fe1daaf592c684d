// The frontend's `key=value` options checked against the settings table: every setting whose `frontend` edge
// is exposed (src/core/settings.ts, each pass's `options`), in kebab-case, plus the frontend's own `inner`
// and `fallback`. Loaded with the library (src/frontend/rewrite.ts re-exports it), not at start-up.
import { PASSES } from "../../passes/index.js";
import { UsageError } from "../core/errors.js";
import { SETTINGS } from "../core/pipeline.js";
import { combineSelection, edgesOf, GLOBAL_SETTINGS, kebab, parseValue, type SettingEntry, type SettingSpecs } from "../core/settings.js";
import { CONFIG_FILE, configLayers, parseConfig, type Settings } from "../cli/config.js";
import { frontendArgs, type FrontendOptions } from "./options.js";

/** Options of the frontend itself (not of the pipeline): they say how the result is built. */
const FRONTEND_ONLY = {
  inner: { type: "string", help: "hand the result to an image frontend (`docker/dockerfile:1.7`) instead of the built-in one" },
  fallback: {
    type: "string",
    choices: ["none", "original"],
    default: "none",
    help: "with `original`: if the optimized file fails to build, build the original and say so",
  },
} as const satisfies SettingSpecs;

/** Every `key=value` option: the settings the table exposes to the frontend, then the frontend's own. */
export const FRONTEND_SETTINGS: readonly SettingEntry[] = [
  ...SETTINGS.filter((e) => edgesOf(e.spec).includes("frontend")),
  ...Object.entries(FRONTEND_ONLY).map(([name, spec]) => ({ name, spec, pass: null, alsoReadBy: [] })),
];
const BY_KEY = new Map(FRONTEND_SETTINGS.map((e) => [kebab(e.name), e]));
/** Pipeline settings a config file may set for the frontend (not its own `inner`, `fallback`). */
const BY_NAME = new Set(FRONTEND_SETTINGS.filter((e) => !(e.name in FRONTEND_ONLY)).map((e) => e.name));
const PASS_IDS = PASSES.map((p) => p.id);

/** The build context's `.msb-opt.json`, as the gateway found it at the context root. */
export interface ContextConfig {
  readonly text: string;
  /** The Dockerfile's path in the context (`Dockerfile`), or null when the gateway cannot tell (`-f` elsewhere). */
  readonly dockerfile: string | null;
}

/**
 * Parse the options, lowest precedence first: the context's `.msb-opt.json` (its base, then the `overrides`
 * that match the Dockerfile), the syntax line, then the `MSB_OPT_*` build-args (pass selections merge).
 * Settings of the file that the frontend does not expose (`writeDockerignore`) are left out.
 */
export function parseFrontendOptions(opts: Readonly<Record<string, string>>, config: ContextConfig | null = null): FrontendOptions {
  const layers = frontendArgs(opts);
  const out: Record<string, unknown> = {};
  let fromFile: { source: string; settings: Settings }[] = [];
  if (config !== null) {
    const loaded = parseConfig(config.text, CONFIG_FILE);
    if (loaded.overrides.length > 0 && config.dockerfile === null) {
      // Which overrides match depends on where the Dockerfile is: better no rewrite than the wrong settings.
      out.unapplied = `${CONFIG_FILE} has \`overrides\`, and msb-opt cannot tell where this Dockerfile is in the build context to match them; build with the Dockerfile at the context root, or give its settings on the syntax line`;
    }
    fromFile = configLayers(loaded, config.dockerfile ?? "");
    for (const { settings } of fromFile) {
      for (const [name, value] of Object.entries(settings)) if (BY_NAME.has(name)) out[name] = value;
    }
  }
  for (const { args, where } of layers) {
    for (const [key, text] of args) {
      const entry = BY_KEY.get(key);
      if (!entry) throw new UsageError(`unknown option \`${key}\` (known: ${[...BY_KEY.keys()].join(", ")})`);
      if (entry.name === "inner" && text === "") continue;
      const parsed = parseValue(entry.spec, text, PASS_IDS);
      if ("problem" in parsed) throw new UsageError(`${where(key)}: ${key}=${text}: ${parsed.problem}`);
      out[entry.name] = parsed.value;
    }
  }
  const selection = combineSelection([
    ...fromFile.map(({ source, settings }) => ({ source, passes: settings.passes, skip: settings.skip })),
    ...layers.map(({ source, args }) => ({ source, passes: valueOf(args, "passes"), skip: valueOf(args, "skip") })),
  ]);
  delete out.passes;
  delete out.skip;
  return { fallback: "none", ...out, ...selection } as FrontendOptions;
}

function valueOf(args: ReadonlyMap<string, string>, key: "passes" | "skip"): readonly string[] | undefined {
  const text = args.get(key);
  if (text === undefined) return undefined;
  const parsed = parseValue(GLOBAL_SETTINGS[key], text, PASS_IDS);
  return "value" in parsed ? (parsed.value as readonly string[]) : undefined;
}
