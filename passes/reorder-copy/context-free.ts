// A RUN right after the moved sources that reads nothing from them: a global install of packages named by
// registry name (`npm install -g @nestjs/cli@10`), or system packages. The sources can move below it too, so a
// source edit re-runs neither. npm, yarn and pnpm read a project `.npmrc`/`.yarnrc` in the folder they run
// in, so that file must not come with the sources.
import type { BuildContext } from "../../src/core/context.js";
import type { Instruction } from "../../src/core/ir.js";
import { parseShell, type SimpleCommand, simpleCommands } from "../../src/core/shell.js";
import { assignments, basename, redirectsToFile, setsConfigFile } from "./command-kind.js";
import { classifyCommand } from "./install-commands.js";
import { manifestsFor } from "./manifests/index.js";

const PACKAGE_CONFIGS = [".npmrc", ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml"];
const SYSTEM = new Set(["apt-get", "apt", "apk"]);
const INERT = new Set(["echo", "true", ":"]);

/** A registry package name, maybe with a version or tag; not a path, URL, tarball or git spec. */
const REGISTRY_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=*|-]+)?$/i;

/** A PyPI requirement by name (`pipenv`, `gunicorn==21.2`, `uvicorn[standard]>=0.20`): no path, URL or file. */
const PYPI_NAME = /^[a-z0-9][\w.-]*(\[[\w,.-]+\])?([<>=!~]=?[\w.*+!-]+(,[<>=!~]=?[\w.*+!-]+)*)?$/i;
/** pip options that take no value and read no file. */
const PIP_PLAIN_OPTIONS =
  /^(--no-cache-dir|-U|--upgrade|-q|--quiet|-v|--verbose|--user|--no-warn-script-location|--disable-pip-version-check|--root-user-action=\w+|--break-system-packages|--progress-bar=\w+|--prefer-binary)$/;

/** `pip install pipenv`: packages by name only (a requirements file, a path or an index option reads more). */
function pipRegistryInstall(words: readonly string[]): boolean {
  if (words[0] !== "install") return false;
  const rest = words.slice(1);
  const names = rest.filter((w) => !w.startsWith("-"));
  return names.length > 0 && rest.every((w) => (w.startsWith("-") ? PIP_PLAIN_OPTIONS.test(w) : PYPI_NAME.test(w)));
}

/** The RUN installs only from registries and reads no file the sources bring. */
export function readsNoSources(run: Instruction, context: BuildContext): boolean {
  if (run.keyword !== "RUN" || run.exec || run.heredocs.length > 0) return false;
  if (run.flags.some((f) => f.name !== "mount" || !/(^|,)type=cache(,|$)/.test(f.value ?? ""))) return false;
  const script = parseShell(run.args);
  if (!script.ok) return false;
  const commands = simpleCommands(script);
  if (commands.length === 0 || !commands.every((c) => contextFree(c) || besideInstall(c, context))) return false;
  // A file it writes by redirect (`echo registry=… > .npmrc`) may be one the sources bring, which would then win.
  if (commands.some(redirectsToFile)) return false;
  const usesPackageManager = commands.some((c) => !SYSTEM.has(basename(c.name ?? "")) && !INERT.has(c.name ?? ""));
  return !usesPackageManager || !PACKAGE_CONFIGS.some((f) => context.exists(f));
}

/** Does the RUN (one `readsNoSources` accepts) install anything, or only make folders, print, clean? */
export function installsPackages(run: Instruction): boolean {
  const script = parseShell(run.args);
  if (!script.ok) return true;
  return simpleCommands(script).some((cmd) => {
    const name = basename(cmd.name ?? "");
    const names = cmd.args.map((w) => w.value ?? "").filter((w) => !w.startsWith("-"));
    if (SYSTEM.has(name) || ["dnf", "yum", "microdnf", "zypper"].includes(name)) return names[0] === "install" || names[0] === "add";
    if (/^(pip[\d.]*|npm|pnpm|yarn|gem|go)$/.test(name)) return names.some((n) => ["install", "i", "add"].includes(n));
    const kind = classifyCommand(cmd);
    return kind !== "helper" && kind !== "other" && !("refuse" in kind);
  });
}

function contextFree(cmd: SimpleCommand): boolean {
  if (cmd.name === null || cmd.args.some((w) => w.value === null)) return false;
  const name = basename(cmd.name);
  const words = cmd.args.map((w) => w.value as string);
  const names = words.filter((w) => !w.startsWith("-"));
  if (INERT.has(name)) return true;
  if (SYSTEM.has(name)) return names[0] === "update" || (names[0] === "install" && names.slice(1).every((n) => /^[\w.+:=~-]+$/.test(n)));
  if (name === "rm") return names.every((p) => /^\/var\/lib\/apt\/lists(\/\*)?$/.test(p) || /^\/tmp\//.test(p));
  const global = words.includes("-g") || words.includes("--global");
  if (/^pip(\d(\.\d+)?)?$/.test(name)) return pipRegistryInstall(words);
  if (name === "npm") return global && ["install", "i", "add"].includes(names[0] ?? "") && registryNames(names.slice(1));
  if (name === "pnpm") return global && names[0] === "add" && registryNames(names.slice(1));
  if (name === "yarn") return names[0] === "global" && names[1] === "add" && registryNames(names.slice(2));
  return false;
}

const registryNames = (names: readonly string[]) => names.length > 0 && names.every((n) => REGISTRY_NAME.test(n));

/**
 * A command the install's own RUN may hold without reading the sources (`npm config set registry …`, a cache
 * clean, `pip install contourpy --no-build-isolation` by name): judged as in that RUN, so that the RUNs merge-run
 * later joins to the install read the same apart as together (a second run would otherwise reorder them).
 */
function besideInstall(cmd: SimpleCommand, context: BuildContext): boolean {
  // A variable the command sets (`PIP_CONSTRAINT=constraints.txt pip install …`) may name a file the sources bring.
  if (assignments(cmd).size > 0) return false;
  // A setting that names a file (`pip config set global.constraint /app/constraints.txt`) is read by the install.
  if (setsConfigFile(cmd)) return false;
  const kind = classifyCommand(cmd);
  if (kind === "helper") return true;
  if (kind === "other" || "refuse" in kind) return false;
  const needs = manifestsFor(kind, context, { dir: "", contextRoot: null, env: new Map() });
  return needs.ok && needs.paths.length === 0 && needs.reads.length === 0;
}
