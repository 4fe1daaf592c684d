// The settings flags shared by `msb-opt`, `msb-opt batch` and `msb-opt verify`, derived from the settings
// table (src/core/settings.ts and each pass's `options`), and how they combine with config files: a flag
// given on the command line beats the file; commander's defaults do not.
import { InvalidArgumentError, Option, type Command } from "commander";
import { PASSES } from "../../passes/index.js";
import { SETTINGS } from "../core/pipeline.js";
import { edgesOf, kebab, parseValue, type SettingEntry } from "../core/settings.js";
import { CONFIG_FILE, type Settings } from "./config.js";
import { utcDay } from "../io/utc-day.js";

/** The settings the command line exposes. */
export const CLI_SETTINGS = SETTINGS.filter((e) => edgesOf(e.spec).includes("cli"));
const PASS_IDS = PASSES.map((p) => p.id);

/** `--registry-timeout <ms>`; derived: `--harden`, `--cache-mounts`, `--pin <value>`. */
export function flagOf(e: SettingEntry): string {
  return e.spec.flag ?? (e.spec.type === "boolean" ? `--${kebab(e.name)}` : `--${kebab(e.name)} <value>`);
}

function optionOf(e: SettingEntry): Option {
  const help = e.pass ? `${e.pass}: ${e.spec.help}` : e.spec.help;
  const option = new Option(flagOf(e), help);
  if (e.spec.type === "string" && e.spec.choices) option.choices(e.spec.choices);
  else if (e.spec.type !== "boolean") {
    // Checked when the command line is parsed: a bad value is a usage error before any file is read.
    option.argParser((text: string) => {
      const parsed = parseValue(e.spec, text, PASS_IDS);
      if ("problem" in parsed) throw new InvalidArgumentError(parsed.problem);
      return parsed.value;
    });
  }
  if (e.spec.default !== undefined && e.spec.type !== "boolean") option.default(e.spec.default);
  return option;
}

export function addSettingsOptions(cmd: Command): Command {
  for (const e of CLI_SETTINGS) {
    cmd.addOption(optionOf(e));
    // `--no-cache-mounts` turns off what a config file turned on (kept out of --help: one line per switch).
    if (e.spec.type === "boolean") cmd.addOption(new Option(flagOf(e).replace(/^--/, "--no-")).hideHelp());
  }
  return cmd.option("--config <file>", `settings file (default: the nearest ${CONFIG_FILE} up to the repository root)`);
}

/** The settings with `today` (how old the offline catalog is) filled in from the clock, unless given. */
export function withToday(settings: Settings, now: number): Settings {
  return { today: utcDay(now), ...settings };
}

/** The settings given as flags on the command line: they beat config files. */
export function flagSettings(cmd: Command): Settings {
  const opts = cmd.opts<Record<string, unknown>>();
  const flags: Record<string, unknown> = {};
  for (const e of CLI_SETTINGS) {
    const attribute = new Option(flagOf(e)).attributeName();
    if (cmd.getOptionValueSource(attribute) === "cli") flags[e.name] = opts[attribute];
  }
  return flags;
}
