// The settings flags shared by `msb-opt`, `msb-opt batch` and `msb-opt verify`, and how they combine with
// config files: a flag given on the command line beats the file; commander's defaults do not.
import { Option, type Command } from "commander";
import { CONFIG_FILE, SETTING_CHECKS, type Settings } from "./config.js";

const idList = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function addSettingsOptions(cmd: Command): Command {
  return cmd
    .option("--passes <ids>", "run only these passes (comma-separated; canonical order is kept)", idList)
    .option("--skip <ids>", "skip these passes (comma-separated)", idList)
    .addOption(
      new Option(
        "--syntax-directive <mode>",
        "add or raise `# syntax=` when the output needs it (never: for builders that cannot pull a frontend)",
      )
        .choices(["auto", "never"])
        .default("auto"),
    )
    .option("--cache-mounts", "merge-run: use BuildKit cache mounts instead of deleting package-manager caches")
    .option("--apt-no-recommends", "merge-run: add --no-install-recommends to apt-get install (changes the installed set)")
    .option("--harden", "split-stages: run the runtime as a non-root user where nothing visibly needs root")
    .option("--test-stage", "test-stage: run the tests in a `test` stage that the final stage waits for (`--target test` runs only them)")
    .addOption(
      new Option("--secrets <mode>", "build-secrets: report secrets in ARG/ENV/copied files, or rewrite them to secret mounts").choices([
        "report",
        "mount",
      ]),
    )
    .option(
      "--write-dockerignore",
      "dockerignore: write or extend the context's .dockerignore (shown in --diff; written unless --diff/--check)",
    )
    .addOption(new Option("--pin <policy>", "pin-tags: how to pin base images").choices(["tag", "digest", "none"]))
    .option("--offline", "pin-tags: never reach a registry; pin from the lockfile and the bundled catalog")
    .option("--registry-mirror <url>", "pin-tags: query this mirror instead of Docker Hub for Docker Hub images")
    .option("--registry-config <file>", "pin-tags: a docker config.json with registry credentials (its `auths`)")
    .option("--config <file>", `settings file (default: the nearest ${CONFIG_FILE} up to the repository root)`);
}

/** The settings given as flags on the command line: they beat config files. */
export function flagSettings(cmd: Command): Settings {
  const opts = cmd.opts<Record<string, unknown>>();
  const flags: Record<string, unknown> = {};
  for (const key of Object.keys(SETTING_CHECKS)) if (cmd.getOptionValueSource(key) === "cli") flags[key] = opts[key];
  return flags as Settings;
}
