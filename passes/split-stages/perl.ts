// Debian's slim images have perl (perl-base is Essential) but only part of perl's core modules: `JSON::PP`,
// `Data::Dumper`, `Time::Local`… are in perl-modules, which the full images have. A perl command the image runs
// is read for the modules it loads (`-MJSON::PP`, `use JSON::PP` in its `-e` code or in the script it runs).
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import type { Instruction } from "../../src/core/ir.js";
import { parseExecForm } from "../../src/core/parse.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../src/core/shell.js";
import type { Analysis } from "./analysis.js";
import { daemonCommands } from "./daemons.js";
import { contextSource } from "./entry.js";
import { resolvePath } from "./paths.js";
import { SHELL_SHEBANG } from "./source-files.js";
import { commandChain } from "./wrappers.js";

/**
 * The modules of Debian's perl-base (bookworm, perl 5.36: `dpkg -L perl-base`), the perl a slim image has. Pragmas
 * and modules not listed are in perl-modules-5.x or packages of their own.
 */
export const PERL_BASE_MODULES = new Set(
  (
    "AutoLoader Carp Carp::Heavy Config Cwd DynaLoader Errno Exporter Exporter::Heavy Fcntl File::Basename File::Glob " +
    "File::Path File::Spec File::Spec::Unix File::Temp FileHandle Getopt::Long Hash::Util IO IO::File IO::Handle IO::Pipe " +
    "IO::Seekable IO::Select IO::Socket IO::Socket::INET IO::Socket::IP IO::Socket::UNIX IPC::Open2 IPC::Open3 List::Util " +
    "POSIX Scalar::Util SelectSaver Socket Symbol Text::ParseWords Text::Tabs Text::Wrap Tie::Hash XSLoader attributes base " +
    "builtin bytes constant feature fields integer lib locale overload overloading parent re strict utf8 vars warnings " +
    "warnings::register"
  ).split(" "),
);

export type PerlNeed =
  | { readonly command: string; readonly module: string }
  /** A perl script the image runs that the pass cannot read. */
  | { readonly command: string; readonly module: null; readonly script: string };

/** The first module outside perl-base that a perl command the image runs loads, or a script it cannot read; null when none. */
export function perlNeed(a: Analysis, context: BuildContext): PerlNeed | null {
  const last = (k: string): Instruction | undefined => [...a.stage.body].reverse().find((i) => i.keyword === k);
  const texts: string[] = [];
  for (const instr of [last("ENTRYPOINT"), last("CMD"), last("HEALTHCHECK")]) {
    if (!instr) continue;
    const args = instr.keyword === "HEALTHCHECK" ? instr.args.trim().replace(/^CMD\s+/i, "") : instr.args;
    const exec = instr.exec ?? (args.startsWith("[") ? parseExecForm(args) : null);
    texts.push(exec ? exec.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ") : joinContinuations(args));
  }
  // The shell scripts the entry runs and the files they source, and what daemons run.
  const scripts: Array<{ path: string; text: string }> = [];
  for (const e of a.entry) {
    const src = e.artifact === null ? null : contextSource(e.artifact, a.sources);
    const text = src === null ? null : context.read(src);
    if (src === null || text === null) continue;
    if (SHELL_SHEBANG.test(text) || e.sourced) texts.push(text);
    else if (/^#!\s*\S*\bperl\b/.test(text)) scripts.push({ path: e.name, text });
  }
  texts.push(...daemonCommands(a.stage, a.entry, a.sources, context).commands);
  for (const script of scripts) {
    const module = codeModules(script.text).find((m) => !PERL_BASE_MODULES.has(m));
    if (module) return { command: script.path, module };
  }
  for (const text of texts) {
    const parsed = parseShell(text);
    if (!parsed.ok) continue;
    for (const c of simpleCommands(parsed)) {
      if (!c.name) continue;
      for (const argv of commandChain([c.name, ...c.args.map((w) => w.value ?? w.text)])) {
        if (posix.basename(argv[0]) !== "perl") continue;
        const need = commandNeed(argv, c.node.text, a, context);
        if (need) return need;
      }
    }
  }
  return null;
}

function commandNeed(argv: readonly string[], command: string, a: Analysis, context: BuildContext): PerlNeed | null {
  const modules: string[] = [];
  let code = false;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    const flag = /^-([Mm])-?([\w:]+)/.exec(word) ?? (/^-[Mm]$/.test(word) ? /^()([\w:]+)/.exec(argv[++i] ?? "") : null);
    if (flag) modules.push(flag[2]);
    else if (/^-\w*[eE]$/.test(word)) {
      modules.push(...codeModules(argv[++i] ?? ""));
      code = true;
    } else if (!word.startsWith("-") && !code) {
      // The script perl runs: its `use` lines.
      const abs = resolvePath(a.workdir, word);
      const src = abs === null ? null : contextSource(abs, a.sources);
      const text = src === null ? null : context.read(src);
      if (text === null) return { command, module: null, script: word };
      modules.push(...codeModules(text));
      break;
    } else if (word === "--") break;
  }
  const module = modules.find((m) => !PERL_BASE_MODULES.has(m));
  return module ? { command, module } : null;
}

/** The modules perl code loads by name (`use JSON::PP;`, `require Data::Dumper;`); a version (`use 5.010`) is none. */
function codeModules(code: string): string[] {
  return [...code.matchAll(/(?:^|[;{}\s])(?:use|require|no)\s+([A-Za-z_][\w]*(?:::\w+)*)/g)].map((m) => m[1]);
}
