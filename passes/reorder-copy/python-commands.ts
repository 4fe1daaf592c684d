// pip, uv, Poetry and Pipenv command lines: which are installs from requirement files or lockfiles, and
// which install the project's own sources.
import type { Word } from "../../src/core/shell.js";
import { type CommandKind, hasFlag, refuse, step } from "./command-kind.js";

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

export function pip(ecosystem: "pip" | "uv", words: readonly Word[], display: string): CommandKind {
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

export function uv(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub === "pip") return pip("uv", words.slice(1), "uv pip");
  if (sub === "venv" || sub === "cache" || sub === "python" || sub === "tool") return "helper";
  if (sub !== "sync") return "other";
  if (hasFlag(words, "--project", "--directory")) return refuse("installsElsewhere", { command: "uv sync --project" });
  if (!hasFlag(words, "--no-install-project", "--no-install-workspace")) return refuse("uvInstallsProject");
  return step("uv", "uv sync", words.slice(1));
}

export function poetry(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub === "config" || sub === "self" || sub === "env") return "helper";
  if (sub !== "install" && sub !== "sync") return "other";
  if (hasFlag(words, "-C", "--directory", "-P", "--project")) return refuse("installsElsewhere", { command: `poetry ${sub} --directory` });
  if (!hasFlag(words, "--no-root")) return refuse("poetryInstallsRoot", { command: `poetry ${sub}` });
  return step("poetry", `poetry ${sub}`, words.slice(1));
}

export function pipenv(words: readonly Word[]): CommandKind {
  const sub = words[0]?.value ?? null;
  if (sub !== "install" && sub !== "sync") return "other";
  if (words.slice(1).some((w) => !(w.value ?? "").startsWith("-")))
    return refuse("namedPackage", { command: `pipenv ${sub}`, manifest: "the Pipfile" });
  return step("pipenv", `pipenv ${sub}`, words.slice(1));
}
