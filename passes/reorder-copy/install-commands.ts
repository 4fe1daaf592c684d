// Which commands of a RUN install dependencies from manifests (npm ci, pip install -r …, go mod download),
// which are harmless beside them (cache cleaning, system packages), and which may need the sources.
import { commandNames, mayRunCommand } from "../../src/core/run-script.js";
import type { SimpleCommand, Word } from "../../src/core/shell.js";
import {
  type CommandKind,
  commandText,
  hasFlag,
  type InstallStep,
  refuse,
  assignments,
  basename,
  redirectsToFile,
  setsConfigFile,
  step,
} from "./command-kind.js";
import { refusal, type Refusal } from "./messages.js";
import { pip, pipenv, poetry, uv } from "./python-commands.js";

export type { Ecosystem, InstallStep } from "./command-kind.js";
export { assignments } from "./command-kind.js";
export { isLocalRequirement } from "./python-commands.js";
export { type BuildWithoutDependencyStep, buildWithoutDependencyStep } from "./builds.js";

export type RunKind =
  | { readonly kind: "none" }
  | { readonly kind: "install"; readonly steps: readonly InstallStep[] }
  | { readonly kind: "refuse"; readonly refusal: Refusal; readonly steps: readonly InstallStep[] };

/** Classify a RUN by its simple commands: an install (with nothing beside it that may read sources), or not. */
export function classifyRun(commands: readonly SimpleCommand[]): RunKind {
  const steps: InstallStep[] = [];
  let refused: Refusal | null = null;
  let other: string | null = null;
  for (const cmd of commands) {
    const kind = classifyCommand(cmd);
    if (kind === "helper") continue;
    if (kind === "other") other ??= commandText(cmd);
    else if ("refuse" in kind) refused ??= kind.refuse;
    else steps.push({ ...kind, env: assignments(cmd) });
  }
  if (steps.length === 0 && refused === null) return { kind: "none" };
  if (refused !== null) return { kind: "refuse", refusal: refused, steps };
  if (other !== null) return { kind: "refuse", refusal: refusal("sharedRun", { command: other }), steps };
  return { kind: "install", steps };
}

/**
 * Could `classifyRun` find an install or a refusal in this script, or `buildWithoutDependencyStep` a build? Only
 * through one of these command names (keep them in step with `classifyCommand` and BUILDS), so a script
 * without one needs no parse.
 */
export function mayMatter(script: string, copyAbove: boolean): boolean {
  return mayRunCommand(script, copyAbove ? KNOWN_COMMANDS : INSTALL_COMMANDS);
}
/**
 * Without a context COPY right above it, a RUN can only count as an install done (`installedBefore`): only
 * an install step's command names matter then (no `cd` refusal and no prefetch: both need that COPY).
 */
const INSTALLERS = [
  ...["npm", "yarn", "pnpm", "poetry", "pipenv", "bundler?", "composer(?:\\.phar)?", "pip[\\d.]*", "python[\\d.]*"],
  ...["uv", "go", "mvnw?", "dotnet"],
];
const INSTALL_COMMANDS = commandNames(...INSTALLERS);
const KNOWN_COMMANDS = commandNames("cd", ...INSTALLERS, "cargo", "gradlew?");

const SYSTEM_PACKAGES = new Set(["apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper"]);
const HARMLESS = new Set(["echo", "true", ":", "set", "mkdir", "corepack", "printf", "sleep", "update-ca-certificates"]);
/** Caches and scratch folders a RUN may delete without touching the project. */
const SCRATCH =
  /^(\/tmp|\/root\/\.(npm|cache|yarn|pnpm-store|composer|bundle|local\/share\/pnpm)|\/var\/cache|\/var\/lib\/apt\/lists|\/usr\/local\/share\/\.cache|\/home\/[^/]+\/\.(npm|cache))(\/|$)/;

export function classifyCommand(cmd: SimpleCommand): CommandKind {
  if (cmd.name === null) return "other";
  const name = basename(cmd.name);
  const words = cmd.args;
  const values = words.map((w) => w.value);
  const at = (i: number) => values[i] ?? null;
  // A file it writes by redirect may be one the sources bring (`echo registry=… > .npmrc`).
  if (setsConfigFile(cmd) || redirectsToFile(cmd)) return "other";
  if (SYSTEM_PACKAGES.has(name) || HARMLESS.has(name)) return "helper";
  if (name === "cd") return refuse("cdInRun");
  // `rm -rf /var/lib/apt/lists/*`: a glob is fine when its folder is a cache.
  if (name === "rm")
    return words.every((w) => !w.text.includes("$") && ((w.value ?? w.text).startsWith("-") || SCRATCH.test(w.value ?? w.text)))
      ? "helper"
      : "other";
  if (/^(npm|yarn|pnpm|poetry|pipenv|bundler?|composer(\.phar)?)$/.test(name) && values.includes(null)) {
    return refuse("variableArgument", { command: name });
  }
  if (name === "npm") return npm(words);
  if (name === "yarn") return yarn(words);
  if (name === "pnpm") return pnpm(words);
  if (/^pip(\d(\.\d+)?)?$/.test(name)) return pip("pip", words, name);
  if (/^python(\d(\.\d+)?)?$/.test(name) && at(0) === "-m" && at(1) === "pip") return pip("pip", words.slice(2), `${name} -m pip`);
  if (name === "uv") return uv(words);
  if (name === "poetry") return poetry(words);
  if (name === "pipenv") return pipenv(words);
  if (name === "go") return go(words);
  if (name === "gem") return at(0) === "install" ? "helper" : "other";
  if (name === "bundle" || name === "bundler") return bundle(words);
  if (name === "composer" || name === "composer.phar") return composer(words);
  if (name === "mvn" || name === "mvnw") return maven(words, cmd.name);
  if (name === "dotnet") return dotnet(words);
  return "other";
}

const NPM_INSTALL = new Set([
  "install",
  "i",
  "in",
  "ins",
  "inst",
  "insta",
  "instal",
  "isnt",
  "isnta",
  "isntal",
  "isntall",
  "add",
  "ci",
  "clean-install",
  "ic",
  "install-clean",
  "isntall-clean",
]);

/** npm options written with their value as the next word. */
const NPM_VALUE = new Set([
  "--userconfig",
  "--globalconfig",
  "--cache",
  "--registry",
  "--loglevel",
  "--omit",
  "--include",
  "--install-strategy",
  "--fetch-retries",
  "--fetch-timeout",
]);

function npm(words: readonly Word[]): CommandKind {
  const index = words.findIndex((w) => !(w.value ?? "-").startsWith("-"));
  const sub = index < 0 ? null : words[index].value;
  const rest = index < 0 ? [] : words.slice(index + 1);
  if (sub === "cache" || sub === "config") return "helper";
  if (sub === null || !NPM_INSTALL.has(sub)) return "other";
  // Words after an option that takes a value (`--omit dev`, `--userconfig ci/npmrc`) are not package names.
  const positional = rest.filter((w, k) => !(w.value ?? "").startsWith("-") && !NPM_VALUE.has(rest[k - 1]?.value ?? ""));
  const global = hasFlag(words, "-g", "--global", "--location");
  // `npm install -g typescript@5 git+https://…` reads no sources; `npm install -g .` (`./cli`, `file:…`, `app.tgz`)
  // installs the project itself, which needs them.
  if (global && positional.length > 0 && !positional.some((w) => isLocalNpmSpec(w.value ?? ""))) return "helper";
  if (hasFlag(words, "--prefix", "-C")) return refuse("installsElsewhere", { command: `npm ${sub} --prefix` });
  if (global) return refuse("globalProject", { command: `npm ${sub}` });
  if (positional.length > 0) return refuse("namedPackage", { command: `npm ${sub}`, manifest: "package.json" });
  return step("npm", `npm ${sub}`, words);
}

/**
 * An npm package spec that names a path on disk (as npm-package-arg reads it): `.`, `./x`, `../x`, `/x`, `~/x`,
 * `file:…`, a tarball by file name (`app-1.0.0.tgz`), or a path with slashes that is not a `user/repo` shorthand.
 * Registry names (`@scope/name@1`), URLs and git specs (`git+https://…`, `github:u/r`, `u/r#tag`) are not.
 */
export function isLocalNpmSpec(spec: string): boolean {
  const at = spec.startsWith("@") ? spec.indexOf("@", 1) : spec.indexOf("@");
  // `name@file:../x` / `name@./x`: the part after the alias name decides.
  const target = at > 0 && !/^[a-z][\w+.-]*:/i.test(spec) ? spec.slice(at + 1) : spec;
  if (/^(\.|~\/|\/|file:)/i.test(target)) return true;
  if (/^[a-z][\w+.-]*:/i.test(target)) return false;
  if (/\.(tgz|tar\.gz|tar)$/i.test(target)) return true;
  if (target.startsWith("@")) return target.split("/").length > 2;
  return target.includes("/") && !/^[\w.-]+\/[\w.-]+(#\S*)?$/.test(target);
}

function yarn(words: readonly Word[]): CommandKind {
  const sub = words.find((w) => !(w.value ?? "-").startsWith("-"))?.value;
  // `yarn global add .` (a path, `file:…`) installs from the sources.
  if (sub === "global") return words.some((w) => w.value !== "global" && isLocalNpmSpec(w.value ?? "")) ? "other" : "helper";
  if (sub === "cache" || sub === "config") return "helper";
  if (sub !== undefined && sub !== "install") return "other";
  if (hasFlag(words, "--cwd")) return refuse("installsElsewhere", { command: "yarn --cwd" });
  return step("yarn", sub ? "yarn install" : "yarn", words);
}

function pnpm(words: readonly Word[]): CommandKind {
  const index = words.findIndex((w) => !(w.value ?? "-").startsWith("-"));
  const sub = index < 0 ? null : words[index].value;
  if (sub === "store" || sub === "config" || sub === "env") return "helper";
  if (sub !== "install" && sub !== "i" && sub !== "fetch") return "other";
  if (words.slice(index + 1).some((w) => !(w.value ?? "").startsWith("-")))
    return refuse("namedPackage", { command: `pnpm ${sub}`, manifest: "package.json" });
  if (hasFlag(words, "-C", "--dir", "-g", "--global")) return refuse("installsElsewhere", { command: `pnpm ${sub}` });
  return step("pnpm", `pnpm ${sub}`, words);
}

function go(words: readonly Word[]): CommandKind {
  const [a, b] = [words[0]?.value, words[1]?.value];
  if (a === "mod" && b === "download") return step("go", "go mod download", words.slice(2));
  if (a === "mod" && b === "verify") return "helper";
  if (a === "env" || a === "version") return "helper";
  if (a === "install" && words.slice(1).every((w) => (w.value ?? "").startsWith("-") || (w.value ?? "").includes("@"))) return "helper";
  return "other";
}

function bundle(words: readonly Word[]): CommandKind {
  const sub = words.find((w) => !(w.value ?? "-").startsWith("-"))?.value;
  if (sub === "config") return "helper";
  if (sub !== undefined && sub !== "install") return "other";
  if (hasFlag(words, "--gemfile")) return refuse("otherGemfile");
  return step("bundler", "bundle install", words);
}

function composer(words: readonly Word[]): CommandKind {
  const sub = words.find((w) => !(w.value ?? "-").startsWith("-"))?.value;
  if (sub === "config" || sub === "self-update" || sub === "global" || sub === "clear-cache" || sub === "clearcache") return "helper";
  if (sub !== "install" && sub !== "i") return "other";
  if (hasFlag(words, "-d", "--working-dir")) return refuse("installsElsewhere", { command: "composer install --working-dir" });
  if (!hasFlag(words, "--no-scripts") || !hasFlag(words, "--no-autoloader")) return refuse("composerScripts");
  return step("composer", "composer install", words);
}

/** Maven options that take a value. */
const MAVEN_VALUE = new Set([
  "-f",
  "--file",
  "-s",
  "--settings",
  "-gs",
  "--global-settings",
  "-P",
  "--activate-profiles",
  "-pl",
  "--projects",
  "-T",
  "--threads",
  "-rf",
  "--resume-from",
  "-t",
  "--toolchains",
  "-b",
  "--builder",
  "-l",
  "--log-file",
  "-D",
  "--define",
]);

function maven(words: readonly Word[], display: string): CommandKind {
  const goals: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === null) return refuse("variableArgument", { command: display });
    if (!v.startsWith("-")) goals.push(v);
    else if (MAVEN_VALUE.has(v)) {
      const value = words[++i]?.value ?? "";
      if (v === "-f" || v === "--file") return refuse("otherPom", { command: display });
      if (v === "-s" || v === "--settings" || v === "-gs" || v === "--global-settings") files.push(value);
    }
  }
  if (
    goals.length === 0 ||
    !goals.every((g) => /(^|:)dependency(-plugin)?(:[\w.-]+)?:(go-offline|resolve|resolve-plugins)$|go-offline/.test(g))
  )
    return "other";
  return step("maven", `${display.replace(/^.*\//, "")} ${goals.join(" ")}`, words, files);
}

function dotnet(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub === "--info" || sub === "--version" || sub === "nuget" || sub === "dev-certs") return "helper";
  if (sub !== "restore") return "other";
  const files: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === null) return refuse("variableArgument", { command: "dotnet restore" });
    if (/^(-s|--source|-r|--runtime|--packages|--configfile|-v|--verbosity|-p|--property|-a|--arch|--os)$/.test(v)) {
      const value = words[++i]?.value ?? "";
      if (v === "--configfile" && !value.startsWith("/")) files.push(value);
    } else if (!v.startsWith("-")) files.push(v);
  }
  return step("dotnet", "dotnet restore", words.slice(1), files);
}
