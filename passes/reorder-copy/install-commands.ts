// Which commands of a RUN install dependencies from manifests (npm ci, pip install -r …, go mod download),
// which are harmless beside them (cache cleaning, system packages), and which may need the sources.
import { toWord, type SimpleCommand, type Word } from "../../src/core/shell.js";
import { refusal, type Refusal } from "./messages.js";

export type Ecosystem = "npm" | "yarn" | "pnpm" | "pip" | "poetry" | "pipenv" | "uv" | "go" | "bundler" | "composer" | "maven" | "dotnet";

export interface InstallStep {
  readonly ecosystem: Ecosystem;
  /** How the step reads in the RUN, for messages: `npm ci`. */
  readonly command: string;
  /** Literal values of the words after the command name. */
  readonly args: readonly string[];
  /** Files the command line names (pip requirements and constraints, dotnet projects, maven settings), relative to its working folder or absolute. */
  readonly files: readonly string[];
  /** `NAME=value` assignments written before the command (value null when it expands a variable). */
  readonly env: ReadonlyMap<string, string | null>;
  /** msb-opt adds this step (a prefetch before a build), it is not in the Dockerfile. */
  readonly added?: boolean;
}

export type RunKind =
  | { readonly kind: "none" }
  | { readonly kind: "install"; readonly steps: readonly InstallStep[] }
  | { readonly kind: "refuse"; readonly refusal: Refusal; readonly steps: readonly InstallStep[] };

type CommandKind = InstallStep | "helper" | "other" | { readonly refuse: Refusal };

const refuse = (id: Parameters<typeof refusal>[0], data: Record<string, string> = {}): CommandKind => ({ refuse: refusal(id, data) });
const basename = (name: string) => name.slice(name.lastIndexOf("/") + 1);

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

function commandText(cmd: SimpleCommand): string {
  const text = cmd.node.text.replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const SYSTEM_PACKAGES = new Set(["apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper"]);
const HARMLESS = new Set(["echo", "true", ":", "set", "mkdir", "corepack", "printf", "sleep", "update-ca-certificates"]);
/** Caches and scratch folders a RUN may delete without touching the project. */
const SCRATCH =
  /^(\/tmp|\/root\/\.(npm|cache|yarn|pnpm-store|composer|bundle|local\/share\/pnpm)|\/var\/cache|\/var\/lib\/apt\/lists|\/usr\/local\/share\/\.cache|\/home\/[^/]+\/\.(npm|cache))(\/|$)/;

function classifyCommand(cmd: SimpleCommand): CommandKind {
  if (cmd.name === null) return "other";
  const name = basename(cmd.name);
  const words = cmd.args;
  const values = words.map((w) => w.value);
  const at = (i: number) => values[i] ?? null;
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

function step(ecosystem: Ecosystem, command: string, words: readonly Word[], files: string[] = []): CommandKind {
  const args = words.map((w) => w.value);
  if (args.some((a) => a === null)) return refuse("variableArgument", { command });
  return { ecosystem, command, args: args as string[], files, env: new Map() };
}

/** The `NAME=value` words before a command name. */
export function assignments(cmd: SimpleCommand): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const child of cmd.node.namedChildren) {
    if (child?.type !== "variable_assignment") continue;
    const name = child.childForFieldName("name")?.text;
    const value = child.childForFieldName("value");
    if (name) env.set(name, value ? toWord(value).value : "");
  }
  return env;
}

const flags = (words: readonly Word[]) => words.map((w) => w.value ?? "").filter((v) => v.startsWith("-"));
const hasFlag = (words: readonly Word[], ...names: string[]) => flags(words).some((f) => names.includes(f.split("=")[0]));

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
  if (global && positional.length > 0) return "helper";
  if (hasFlag(words, "--prefix", "-C")) return refuse("installsElsewhere", { command: `npm ${sub} --prefix` });
  if (global) return refuse("globalProject", { command: `npm ${sub}` });
  if (positional.length > 0) return refuse("namedPackage", { command: `npm ${sub}`, manifest: "package.json" });
  return step("npm", `npm ${sub}`, words);
}

function yarn(words: readonly Word[]): CommandKind {
  const sub = words.find((w) => !(w.value ?? "-").startsWith("-"))?.value;
  if (sub === "cache" || sub === "config" || sub === "global") return "helper";
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

/** pip options that take a value (`-r FILE`, `--index-url URL`, …). */
const PIP_VALUE = new Set([
  "-r",
  "--requirement",
  "-c",
  "--constraint",
  "-e",
  "--editable",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--no-binary",
  "--only-binary",
  "--progress-bar",
  "--trusted-host",
  "--cache-dir",
  "--src",
  "--upgrade-strategy",
  "--config-settings",
  "-C",
  "--global-option",
  "--report",
  "--log",
  "--proxy",
  "--retries",
  "--timeout",
  "--exists-action",
  "--cert",
  "--client-cert",
  "--root-user-action",
  "--python",
  "-p",
  "--extra",
  "--group",
]);

/** A requirement that names a local path (`.`, `./pkg`, `-e .`, a wheel file, `x @ file:…`): it needs the sources. */
export function isLocalRequirement(spec: string): boolean {
  if (/@\s*file:/i.test(spec) || /^file:/i.test(spec)) return true;
  if (/^[a-z][\w+.-]*:\/\//i.test(spec) || /^git\+/i.test(spec) || /@\s*\S+:\/\//.test(spec)) return false;
  return /^[./~]/.test(spec) || /\.(whl|tar\.gz|zip)$/.test(spec) || /^[^=<>!~\s[]*\//.test(spec);
}

function pip(ecosystem: "pip" | "uv", words: readonly Word[], display: string): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub !== "install" && sub !== "sync" && sub !== "download" && sub !== "wheel") return "helper";
  if (sub === "sync" && display === "pip") return "other";
  const files: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === null) return refuse("variableArgument", { command: `${display} ${sub}` });
    const [opt, inline] = v.startsWith("--") && v.includes("=") ? [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)] : [v, null];
    const short = /^-[rce]./.test(v) ? [v.slice(0, 2), v.slice(2)] : null;
    const option = short ? short[0] : opt;
    if (option.startsWith("-") && (PIP_VALUE.has(option) || short)) {
      const value = short ? short[1] : (inline ?? words[++i]?.value ?? null);
      if (value === null) return refuse("variableArgument", { command: `${display} ${sub}` });
      if (["-r", "--requirement", "-c", "--constraint"].includes(option)) files.push(value);
      if (["-e", "--editable"].includes(option) && isLocalRequirement(value))
        return refuse("ownSources", { command: `${display} ${sub} -e ${value}` });
      if (["-f", "--find-links"].includes(option) && !/^[a-z]+:\/\//i.test(value))
        return refuse("localFindLinks", { command: `${display} ${sub}`, path: value });
      continue;
    }
    if (option.startsWith("-")) continue;
    if (sub === "sync") files.push(v);
    else if (isLocalRequirement(v)) return refuse("ownSources", { command: `${display} ${sub} ${v}` });
  }
  if (files.length === 0) return "helper";
  return step(ecosystem, `${display} ${sub}`, [], files);
}

function uv(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub === "pip") return pip("uv", words.slice(1), "uv pip");
  if (sub === "venv" || sub === "cache" || sub === "python" || sub === "tool") return "helper";
  if (sub !== "sync") return "other";
  if (hasFlag(words, "--project", "--directory")) return refuse("installsElsewhere", { command: "uv sync --project" });
  if (!hasFlag(words, "--no-install-project", "--no-install-workspace")) return refuse("uvInstallsProject");
  return step("uv", "uv sync", words.slice(1));
}

function poetry(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub === "config" || sub === "self" || sub === "env") return "helper";
  if (sub !== "install" && sub !== "sync") return "other";
  if (hasFlag(words, "-C", "--directory", "-P", "--project")) return refuse("installsElsewhere", { command: `poetry ${sub} --directory` });
  if (!hasFlag(words, "--no-root")) return refuse("poetryInstallsRoot", { command: `poetry ${sub}` });
  return step("poetry", `poetry ${sub}`, words.slice(1));
}

function pipenv(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub !== "install" && sub !== "sync") return "other";
  if (words.slice(1).some((w) => !(w.value ?? "").startsWith("-")))
    return refuse("namedPackage", { command: `pipenv ${sub}`, manifest: "the Pipfile" });
  return step("pipenv", `pipenv ${sub}`, words.slice(1));
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

/** A build command that fetches dependencies itself (`go build`, `cargo build`, `mvn package`…), with the usual dependency step. */
export interface BuildWithoutDependencyStep {
  readonly tool: "go" | "cargo" | "maven" | "gradle" | "dotnet";
  readonly cmd: SimpleCommand;
  readonly command: string;
  readonly manifest: string;
  readonly advice: string;
}

const BUILDS: readonly { tool: BuildWithoutDependencyStep["tool"]; test: RegExp; manifest: string; advice: string }[] = [
  {
    tool: "go",
    test: /^go (build|install|test|vet)\b/,
    manifest: "go.mod",
    advice: "`COPY go.mod go.sum ./` and `RUN go mod download` before copying the sources",
  },
  {
    tool: "cargo",
    test: /^cargo (build|install|test)\b/,
    manifest: "Cargo.toml",
    advice:
      "a cache mount (`RUN --mount=type=cache,target=/usr/local/cargo/registry …`) or a dependency-only build before copying the sources",
  },
  {
    tool: "maven",
    test: /^(mvn|mvnw) .*\b(package|install|verify|compile)\b/,
    manifest: "pom.xml",
    advice: "`COPY pom.xml ./` and `RUN mvn dependency:go-offline` before copying the sources",
  },
  {
    tool: "gradle",
    test: /^(gradle|gradlew) /,
    manifest: "settings.gradle",
    advice: "the build and settings files and a `RUN gradle dependencies` step (or a cache mount) before copying the sources",
  },
  {
    tool: "dotnet",
    test: /^dotnet (build|publish|test)\b/,
    manifest: "*.csproj",
    advice: "the project files and `RUN dotnet restore` before copying the sources",
  },
];

/** The first build command of a RUN that downloads dependencies as part of the build. */
export function buildWithoutDependencyStep(commands: readonly SimpleCommand[]): BuildWithoutDependencyStep | null {
  for (const cmd of commands) {
    if (cmd.name === null) continue;
    const line = [basename(cmd.name), ...cmd.args.map((a) => a.value ?? a.text)].join(" ");
    const hit = BUILDS.find((b) => b.test.test(line));
    if (hit) return { tool: hit.tool, cmd, command: commandText(cmd), manifest: hit.manifest, advice: hit.advice };
  }
  return null;
}
