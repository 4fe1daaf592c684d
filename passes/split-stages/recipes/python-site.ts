// Where `pip install` writes outside a virtualenv, as root: the interpreter's package folder under
// /usr/local/lib/pythonX.Y (site-packages on the official images, dist-packages on Debian's python3 and on
// images built from it) and the console scripts in /usr/local/bin; with `--user`, root's ~/.local. Only
// those folders are copied, not the interpreter's standard library: the runtime has the same build.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { pipRequirements } from "../closure/python-native.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";

/**
 * The folders to copy for the analysed pip installs, Python `version` being `X.Y`. On the official image
 * the package folder is named with a one-letter class (`site-package[s]`, `dist-package[s]`): each is
 * copied when it exists, as which one pip wrote depends on how the interpreter was built.
 */
export function sitePaths(a: Analysis, version: string, layout: "official" | "debian"): string[] {
  if (a.systemPip.length === 0) return [];
  const paths = [];
  const lib = `/usr/local/lib/python${version}`;
  if (a.systemPip.some((p) => !p.user)) {
    paths.push(
      ...(layout === "debian" ? [`${lib}/dist-packages`] : [`${lib}/site-package[s]`, `${lib}/dist-package[s]`]),
      "/usr/local/bin",
      // A package's `data_files` (jupyter kernels, man pages, configs) go under the prefix's share and etc folders.
      "/usr/local/shar[e]",
      "/usr/local/et[c]",
    );
  }
  for (const home of new Set(a.systemPip.filter((p) => p.user).map((p) => p.home))) paths.push(`${home}/.local`);
  return paths;
}

/**
 * Commands the installed packages bring, as far as the context tells: the requirement names (the
 * usual console script: gunicorn, uvicorn) and the scripts local packages declare.
 */
export function pipCommands(context: BuildContext, a: Analysis): string[] {
  const names = new Set<string>([...pipRequirements(context).keys(), ...namedPipInstalls(a)]);
  // Local packages: the context root and its folders, one level down.
  for (const dir of [".", ...context.list(".")]) {
    const at = (f: string) => (dir === "." ? f : `${dir}/${f}`);
    const scripts = /\[project\.scripts\]([^[]*)/.exec(context.read(at("pyproject.toml")) ?? "")?.[1] ?? "";
    for (const m of scripts.matchAll(/^\s*"?([\w.-]+)"?\s*=/gm)) names.add(m[1]);
    const setup = context.read(at("setup.py")) ?? "";
    for (const m of setup.matchAll(/["']([\w.-]+)\s*=\s*[\w.]+:\w+["']/g)) names.add(m[1]);
    // `scripts=["bin/tool"]`: setuptools copies each file into the scripts folder under its own name.
    for (const list of setup.matchAll(/\bscripts\s*=\s*\[([^\]]*)\]/g))
      for (const m of list[1].matchAll(/["']([^"'\s]+)["']/g)) names.add(posix.basename(m[1]));
  }
  return [...names];
}

/** The packages RUNs install by name (`pip install poetry gunicorn==21.2`): their usual command has their name. */
export function namedPipInstalls(a: Analysis): string[] {
  return pipInstallSpecs(a).map((spec) => (/^([A-Za-z0-9][\w.-]*)/.exec(spec)?.[1] ?? spec).toLowerCase());
}

/** The package specs the stage's `pip install` lines name themselves, with their extras (`psycopg[binary]`). */
export function pipInstallSpecs(a: Analysis): string[] {
  const specs: string[] = [];
  for (const instr of a.stage.body) {
    if (instr.keyword !== "RUN") continue;
    const text = instr.exec ? instr.exec.join(" ") : instr.args;
    for (const m of text.matchAll(/\bpip[\d.]*\s+install\s+([^&;|\n\\]+)/g)) {
      const words = m[1].trim().split(/\s+/);
      // A value option's word is no package (`-r requirements.txt`, `-i URL`).
      words.forEach((w, i) => {
        if (
          w.startsWith("-") ||
          /^-[rcefti]$|^--(requirement|constraint|editable|find-links|target|index-url|extra-index-url|prefix|root)$/.test(
            words[i - 1] ?? "",
          )
        )
          return;
        const spec = w.replace(/^["']|["']$/g, "");
        if (/^([A-Za-z0-9][\w.-]*)(\[[\w,.-]+\])?([<>=!~].*)?$/.test(spec)) specs.push(spec);
      });
    }
  }
  return specs;
}

/** C libraries that local packages' extensions link (`Extension(..., libraries=["yaml"])`), with the file. */
export function extensionLibraries(context: BuildContext): Array<{ library: string; file: string }> {
  const found: Array<{ library: string; file: string }> = [];
  for (const dir of [".", ...context.list(".")]) {
    const file = dir === "." ? "setup.py" : `${dir}/setup.py`;
    const text = context.read(file) ?? "";
    for (const m of text.matchAll(/libraries\s*=\s*\[([^\]]*)\]/g)) {
      for (const l of m[1].matchAll(/["']([^"']+)["']/g)) found.push({ library: l[1], file });
    }
  }
  return found;
}

/** C and C++ compiler drivers (and versioned ones: `gcc-12`). */
const COMPILER = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+)?$/;
/** A computed word that may hold link flags: `$(pkg-config --libs libxml-2.0)`, `$(xml2-config --libs)`, `$LDFLAGS`. */
const COMPUTED_LINKS = /(?:\$\(|`)[^)`]*(?:--libs|--ldflags|-config\b)|\$\{?\w*(?:LIBS|LDFLAGS)\b/;

/**
 * C libraries a compiler command of the stage's RUNs links by `-l` (`gcc -shared -o cv.so cv.c -lxml2`: an extension
 * built by hand), each with where it was seen; `unread` names a command whose link flags are computed.
 */
export function compiledLibraries(a: Pick<Analysis, "stage">): {
  libraries: Array<{ library: string; evidence: string; where: string }>;
  unread: string | null;
} {
  const libraries: Array<{ library: string; evidence: string; where: string }> = [];
  for (const instr of a.stage.body) {
    if (instr.keyword !== "RUN" || instr.exec) continue;
    const script = parseShell(joinContinuations(instr.args));
    if (!script.ok) continue;
    for (const c of simpleCommands(script)) {
      if (!COMPILER.test(posix.basename(c.name ?? ""))) continue;
      const computed = c.args.find((w) => w.value === null && COMPUTED_LINKS.test(w.text));
      if (computed) return { libraries, unread: `\`${computed.text}\` in the RUN on line ${instr.line}` };
      c.args.forEach((w, i) => {
        const name = w.value === "-l" ? c.args[i + 1]?.value : /^-l(.+)$/.exec(w.value ?? "")?.[1];
        if (name && !libraries.some((l) => l.library === name))
          libraries.push({
            library: name,
            evidence: `\`-l${name}\` in the RUN on line ${instr.line}`,
            where: `the RUN on line ${instr.line}`,
          });
      });
    }
  }
  return { libraries, unread: null };
}
