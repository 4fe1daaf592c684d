// What a RUN does to the programs later RUNs start: replacing the shell itself, or putting a program into a PATH
// directory. Each RUN starts a fresh shell, which looks every command up again; merged, the shell keeps running
// (the old /bin/sh after `ln -sf bash /bin/sh`) and remembers where it found a command (dash and bash both hash
// the path on first use), so a program installed earlier on PATH after that first use is not seen.
import { simpleCommands, toWord, type ShellScript, type SimpleCommand } from "../../src/core/shell.js";
import { baseName } from "./package-managers.js";

/** Builtins and keywords of dash and bash: never looked up on PATH, never hashed. */
const BUILTINS = new Set(
  (
    ". : [ [[ alias bg break builtin caller cd command compgen complete continue declare dirs disown echo enable eval exec exit " +
    "export false fc fg getopts hash help history jobs kill let local logout mapfile popd printf pushd pwd read readarray " +
    "readonly return set shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait"
  ).split(" "),
);

/** Commands that create or replace a file at one of their path arguments. */
const WRITERS = /^(ln|cp|mv|rm|install|unlink|dpkg-divert|update-alternatives|tee|rsync)$/;

export interface PathEffects {
  /** Programs the script starts by name (looked up on PATH, then hashed). */
  readonly runs: ReadonlySet<string>;
  /** Could the script put a program of this name into a directory on PATH? */
  readonly installs: (name: string) => boolean;
  /** The command that installs them, for notes. */
  readonly installer: string | null;
  /** The command that replaces the shell in effect, or null. */
  readonly replacesShell: string | null;
  /** The script starts with `hash -r`: it looks every command up afresh. */
  readonly rehashes: boolean;
}

const word = (c: SimpleCommand) =>
  `\`${c.node.text.split(/\s+/).slice(0, 4).join(" ")}${c.node.text.split(/\s+/).length > 4 ? " …" : ""}\``;
/** A PATH directory by its name: the standard ones, and any `…/bin` or `…/sbin` (venvs, ~/.local/bin, /go/bin). */
const isBinDir = (dir: string) => /(^|\/)s?bin$/.test(dir.replace(/\/+$/, ""));
const dirOf = (path: string) => path.replace(/\/+$/, "").replace(/\/[^/]*$/, "");
/** A folder whose `bin` is on PATH: an archive unpacked there (`tar -C /usr/local --strip-components=1`) adds programs. */
const holdsBinDir = (dir: string) => isBinDir(dir) || /^(\/usr(\/local)?)?\/*$/.test(dir);

/** The same file under /bin and /usr/bin (merged /usr), as the shell in effect names it. */
function aliases(shell: string): Set<string> {
  const bare = shell.replace(/^\/usr(?=\/s?bin\/)/, "");
  return new Set([shell, bare, `/usr${bare}`]);
}

export function pathEffects(script: ShellScript, shell: string): PathEffects {
  const runs = new Set<string>();
  const names = new Set<string>();
  // Installs whose program names are unknown, each with the names it provably does not install (or null).
  const wild: (RegExp | null)[] = [];
  let installer: string | null = null;
  let replacesShell: string | null = null;
  const shellPaths = aliases(shell);
  const install = (c: SimpleCommand | null, found: Installed, text?: string) => {
    if (found.length === 0) return;
    for (const n of found) if (typeof n === "string") names.add(n);
    wild.push(...found.filter((n): n is Wild => typeof n !== "string").map((w) => w.spares));
    installer ??= text ?? (c ? word(c) : null);
  };
  for (const c of simpleCommands(script)) {
    const name = c.name ?? "";
    const base = baseName(name);
    const values = c.args.map((a) => a.value ?? a.text);
    const operands = values.filter((v) => !v.startsWith("-"));
    if (/^[\w.+-]+$/.test(name) && !BUILTINS.has(name)) runs.add(name);
    // `update-alternatives --set sh /bin/bash` names the link by its alternative name.
    const written = writtenPaths(base, values, operands).map((v) => (base === "update-alternatives" && v === baseName(shell) ? shell : v));
    if (WRITERS.test(base) && written.some((v) => shellPaths.has(v))) replacesShell ??= word(c);
    if (base === "dpkg-reconfigure" && operands.includes("dash") && shellPaths.has("/bin/sh")) replacesShell ??= word(c);
    install(c, installedNames(base, values, operands));
  }
  for (const redirect of script.root.descendantsOfType("file_redirect")) {
    const dest = redirect?.childForFieldName("destination");
    const target = dest ? (toWord(dest).value ?? dest.text) : "";
    if (shellPaths.has(target)) replacesShell ??= `\`${redirect?.text}\``;
    if (/^>/.test(redirect?.text ?? "") && isBinDir(dirOf(target))) install(null, [baseName(target)], `\`${redirect?.text}\``);
  }
  // `curl … | sh`: an installer script, which may put anything anywhere.
  for (const pipe of script.root.descendantsOfType("pipeline")) {
    const last = pipe?.namedChildren[pipe.namedChildren.length - 1];
    const lastName = last?.type === "command" ? baseName(last.childForFieldName("name")?.text ?? "") : "";
    if (/^(sh|bash|dash|ash|zsh)$/.test(lastName)) install(null, ANY, `\`${pipe?.text.split(/\s+/).slice(0, 4).join(" ")} …\``);
  }
  const installs = (n: string) => names.has(n) || wild.some((spares) => spares === null || !spares.test(n));
  const first = simpleCommands(script)[0];
  const rehashes = first?.name === "hash" && first.args.some((a) => a.value === "-r");
  return { runs, installs, installer, replacesShell, rehashes };
}

/** The paths a writing command creates, replaces or removes (not the files it only reads). */
function writtenPaths(base: string, values: readonly string[], operands: readonly string[]): readonly string[] {
  if (/^(ln|cp|mv|install|rsync)$/.test(base)) return operands.slice(-1);
  if (base === "update-alternatives") return values.filter((_, i) => /^--(install|set|config)$/.test(values[i - 1] ?? ""));
  return operands;
}

/** Names of programs a command installs; a `Wild` when they are not known. */
type Wild = { readonly spares: RegExp | null };
type Installed = readonly (string | Wild)[];
const ANY: Installed = [{ spares: null }];

/**
 * A package manager's install of named packages: their program names are unknown, but its own program (`pip`,
 * `npm`, `gem`) comes only from its own package, or from a list in a file (`-r requirements.txt`, `.`).
 */
function managerInstall(own: RegExp, ownPackage: RegExp, packages: readonly string[]): Installed {
  const named = packages.every((p) => /^@?[A-Za-z0-9][\w.@/-]*(\[[\w,]+\])?([=<>~!^@][^\s]*)?$/.test(p) && !p.includes("/"));
  const bare = packages.map((p) => p.replace(/^(@?[^@=<>~!^[]+).*$/, "$1").toLowerCase());
  return named && !bare.some((p) => ownPackage.test(p)) ? [{ spares: own }] : ANY;
}

/** The program names a command puts on PATH. */
function installedNames(base: string, values: readonly string[], operands: readonly string[]): Installed {
  const flagValue = (...flags: string[]) => {
    const i = values.findIndex((v) => flags.includes(v));
    const inline = values.find((v) => flags.some((f) => f.startsWith("--") && v.startsWith(`${f}=`)));
    return i >= 0 ? (values[i + 1] ?? null) : inline ? inline.slice(inline.indexOf("=") + 1) : null;
  };
  const has = (...flags: string[]) =>
    values.some((v) => flags.includes(v) || flags.some((f) => /^-[a-zA-Z]$/.test(f) && /^-[a-zA-Z]+$/.test(v) && v.includes(f[1])));
  switch (base) {
    case "ln":
    case "cp":
    case "mv":
    case "install": {
      if (operands.length < 2) return [];
      const dest = operands[operands.length - 1];
      if (isBinDir(dest) || dest.endsWith("/"))
        return isBinDir(dest) ? operands.slice(0, -1).flatMap((s) => (/[*?]/.test(s) ? ANY : [baseName(s)])) : [];
      return isBinDir(dirOf(dest)) ? [baseName(dest)] : [];
    }
    case "chmod":
    case "tee":
      return operands.filter((p) => p.includes("/") && isBinDir(dirOf(p))).map(baseName);
    case "curl": {
      const out = flagValue("-o", "--output");
      return out && isBinDir(dirOf(out)) ? [baseName(out)] : [];
    }
    case "wget": {
      const out = flagValue("-O", "--output-document");
      const dir = flagValue("-P", "--directory-prefix");
      return out && isBinDir(dirOf(out)) ? [baseName(out)] : dir && isBinDir(dir) ? ANY : [];
    }
    case "tar": {
      const dir = flagValue("-C", "--directory");
      return dir !== null && holdsBinDir(dir) ? ANY : [];
    }
    case "unzip": {
      const dir = flagValue("-d");
      return dir !== null && holdsBinDir(dir) ? ANY : [];
    }
    case "update-alternatives": {
      const link = flagValue("--install");
      return link ? [baseName(link)] : [];
    }
    case "make":
    case "ninja":
      return operands.includes("install") ? ANY : [];
    case "cmake":
      return has("--install") ? ANY : [];
    case "npm":
    case "pnpm":
      if (!/^(i|install|add|link|update|up)$/.test(operands[0] ?? "") || !(has("-g", "--global") || operands[0] === "link")) return [];
      return base === "npm"
        ? managerInstall(/^np[mx]$/, /^npm$/, operands.slice(1))
        : managerInstall(/^pnp[mx]$/, /^pnpm$/, operands.slice(1));
    case "yarn":
      return operands[0] === "global" ? managerInstall(/^yarn(pkg)?$/, /^yarn$/, operands.slice(2)) : [];
    case "gem":
      if (!/^(install|update)$/.test(operands[0] ?? "")) return [];
      return has("--system") ? ANY : managerInstall(/^gem$/, /^rubygems-update$/, operands.slice(1));
    case "corepack":
      return operands[0] === "enable" || operands[0] === "install" ? ANY : [];
    case "pipx":
    case "cargo":
    case "conda":
    case "mamba":
    case "micromamba":
    case "nvm":
    case "rustup":
    case "sdk":
      return /^(install|update|upgrade|create|inject|toolchain|default|use)$/.test(operands[0] ?? "") ? ANY : [];
    case "go":
      return operands[0] === "install" || operands[0] === "get" ? ANY : [];
    case "n":
      return operands.length > 0 ? ANY : [];
    case "virtualenv":
      return ANY;
    default:
      if (/^pip(\d+(\.\d+)?)?$/.test(base)) return pipInstall(values, operands);
      // `python3 -m pip install …`, `python -m venv /opt/venv`
      if (/^python(\d+(\.\d+)?)?$/.test(base) && values[0] === "-m") {
        if (/^pip\d*$/.test(values[1] ?? ""))
          return pipInstall(
            values.slice(2),
            values.slice(2).filter((v) => !v.startsWith("-")),
          );
        if (/^(venv|virtualenv|ensurepip)$/.test(values[1] ?? "")) return ANY;
      }
      if (base === "uv" && /^(pip|tool|venv)$/.test(operands[0] ?? "")) return ANY;
      return [];
  }
}

function pipInstall(values: readonly string[], operands: readonly string[]): Installed {
  if (operands[0] !== "install") return [];
  if (values.some((v) => /^(-r|--requirement|-e|--editable|-c|--constraint)(=|$)/.test(v))) return ANY;
  return managerInstall(/^pip[\d.]*$/, /^pip$/, operands.slice(1));
}
