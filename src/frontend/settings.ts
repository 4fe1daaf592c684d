// The frontend's `key=value` options checked against the settings table: every setting whose `frontend` edge
// is exposed (src/core/settings.ts, each pass's `options`), in kebab-case, plus the frontend's own `inner`
// and `fallback`. Loaded with the library (src/frontend/rewrite.ts re-exports it), not at start-up.
import { PASSES } from "../../passes/index.js";
import { UsageError } from "../core/errors.js";
import { SETTINGS } from "../core/pipeline.js";
import { combineSelection, edgesOf, GLOBAL_SETTINGS, kebab, parseValue, type SettingEntry, type SettingSpecs } from "../core/settings.js";
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
const PASS_IDS = PASSES.map((p) => p.id);

/** Parse the syntax-line options, then let `MSB_OPT_*` build-args override them (pass selections merge). */
export function parseFrontendOptions(opts: Readonly<Record<string, string>>): FrontendOptions {
  const layers = frontendArgs(opts);
  const out: Record<string, unknown> = {};
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
  const selection = combineSelection(
    layers.map(({ source, args }) => ({ source, passes: valueOf(args, "passes"), skip: valueOf(args, "skip") })),
  );
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
