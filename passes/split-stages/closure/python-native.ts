// What pip packages need from the OS at run time when the full image provided it: the official python image
// (from buildpack-deps) has the headers of libpq, MariaDB, libcurl, Kerberos and ImageMagick, and libmagic (`file`),
// and ImageMagick's delegates bring cairo, Pango, HarfBuzz and fontconfig; so pip builds psycopg2 or mysqlclient
// from source against them, and python-magic, Wand, cairocffi or WeasyPrint load them with ctypes or cffi. A slim
// runtime lacks the libraries. Other packages run a program or load a library the full image lacks too (poppler's
// `pdftoppm`, `tesseract`, `ffmpeg`, zbar): the original had it only when a step installed it, which the runtime
// repeats. Sources: each package's install docs, named per entry.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { declaredVariables } from "../../../src/core/instructions.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { resolvePath } from "../paths.js";
import { libsOfDev } from "./debian-libs.js";

interface PipNeed {
  /**
   * Libraries of the full image: the Debian `-dev` packages whose run-time libraries it needs (release by release:
   * debian-dev-libs.json), each narrowed to the libraries it loads when `only` is given.
   */
  readonly devs?: ReadonlyArray<{ readonly dev: string; readonly only?: RegExp }>;
  /** Or the Debian packages of what it runs or loads that the full image lacks too. */
  readonly absent?: readonly string[];
  readonly why: string;
}

/** By normalized project name (PEP 503: lower case, `-` for runs of `-_.`). */
const PIP_NATIVE: Readonly<Record<string, PipNeed>> = {
  // psycopg2's and mysqlclient's install docs: built from source against the client library's headers.
  psycopg2: { devs: [{ dev: "libpq-dev" }], why: "builds against libpq (it has no wheel)" },
  // psycopg 3 without its `binary` extra loads libpq with ctypes; the `c` extra builds against it.
  psycopg: { devs: [{ dev: "libpq-dev" }], why: "loads libpq" },
  mysqlclient: { devs: [{ dev: "default-libmysqlclient-dev" }], why: "builds against the MariaDB client library (it has no Linux wheel)" },
  mariadb: { devs: [{ dev: "libmariadb-dev" }], why: "builds against the MariaDB client library" },
  pycurl: { devs: [{ dev: "libcurl4-openssl-dev" }], why: "builds against libcurl" },
  gssapi: { devs: [{ dev: "libkrb5-dev" }], why: "builds against Kerberos" },
  kerberos: { devs: [{ dev: "libkrb5-dev" }], why: "builds against Kerberos" },
  pykerberos: { devs: [{ dev: "libkrb5-dev" }], why: "builds against Kerberos" },
  // Wand's install docs: it loads ImageMagick's MagickWand with ctypes (`libmagickwand-dev` on Debian).
  wand: { devs: [{ dev: "libmagickwand-dev" }], why: "loads ImageMagick's MagickWand" },
  // python-magic's README: libmagic, loaded with ctypes (Debian `libmagic1`).
  "python-magic": { devs: [{ dev: "libmagic-dev" }], why: "loads libmagic" },
  // WeasyPrint's First Steps (v53 and later): Pango, pangoft2 and HarfBuzz (and HarfBuzz's subsetter from v61),
  // opened with cffi's dlopen along with fontconfig (weasyprint/text/ffi.py); on slim, `OSError: cannot load library`.
  weasyprint: {
    devs: [
      { dev: "libpango1.0-dev", only: /^libpango(ft2)?-1\.0-0/ },
      { dev: "libharfbuzz-dev", only: /^libharfbuzz(-subset)?0/ },
      { dev: "libfontconfig-dev" },
    ],
    why: "loads Pango, pangoft2, HarfBuzz and fontconfig",
  },
  // cairocffi's overview: it loads cairo as a shared library (`libcairo.so.2`) at import; CairoSVG draws with it.
  cairocffi: { devs: [{ dev: "libcairo2-dev", only: /^libcairo2/ }], why: "loads cairo" },
  cairosvg: { devs: [{ dev: "libcairo2-dev", only: /^libcairo2/ }], why: "loads cairo (through cairocffi)" },
  // pycairo publishes no Linux wheels: pip builds it against cairo's headers (libcairo2-dev, which the full image
  // has through libmagickwand-dev), and `import cairo` then needs `libcairo.so.2` (red team 22 F1).
  pycairo: { devs: [{ dev: "libcairo2-dev", only: /^libcairo2/ }], why: "builds against cairo (it has no Linux wheel)" },
  // uWSGI ships only an sdist; its build profile's `xml = auto` links libxml2 when `xml2-config` is there, as in the full
  // image (unbit/uwsgi#2687: a runtime without libxml2 fails to start uwsgi) (red team 22 F1).
  uwsgi: { devs: [{ dev: "libxml2-dev", only: /^libxml2/ }], why: "builds against libxml2 (it has no wheel)" },
  // pyzbar's README: the zbar shared library (Debian `libzbar0`), which the full image lacks too.
  pyzbar: { absent: ["libzbar0"], why: "loads zbar" },
  // pdf2image's README: poppler's `pdftoppm` and `pdfinfo` (Debian `poppler-utils`).
  pdf2image: { absent: ["poppler-utils"], why: "runs poppler's `pdftoppm` and `pdfinfo`" },
  // pytesseract's README: the `tesseract` program (Debian `tesseract-ocr`).
  pytesseract: { absent: ["tesseract-ocr"], why: "runs `tesseract`" },
  // pydub's README: ffmpeg (or libav) for any format but WAV. (moviepy runs the ffmpeg that imageio-ffmpeg's wheel
  // bundles, so it needs nothing of the system.)
  pydub: { absent: ["ffmpeg"], why: "runs `ffmpeg` for any format but WAV" },
};

/**
 * The project names the context's requirements files, pyproject.toml and Pipfile list, with their extras; with
 * `build`, also what its pip commands install.
 */
export function pipRequirements(context: BuildContext, build: PipBuild | null = null): Map<string, string[]> {
  return pipSources(context, build).found;
}

/** What the build's pip commands read: the stage, with the folder each instruction runs in and what COPY put where. */
type PipBuild = Pick<Analysis, "stage" | "cwdAt" | "sources">;

interface PipSources {
  readonly found: Map<string, string[]>;
  /** A requirement source a pip command of the build names that the context cannot show (null: none). */
  readonly unread: { readonly line: number; readonly source: string } | null;
  /** Projects a pip command builds from source (`--no-binary lxml`; `:all:` for every one). */
  readonly fromSource: ReadonlySet<string>;
}

/**
 * The project names the context's root requirements files, pyproject.toml and Pipfile list, and, with `build`,
 * what its pip commands install: package arguments, `-r` files (and the files they include), local projects
 * (setup.py, setup.cfg, pyproject.toml). A source the build names that cannot be read is reported, not skipped.
 */
function pipSources(context: BuildContext, build: PipBuild | null): PipSources {
  const found = new Map<string, string[]>();
  let unread: PipSources["unread"] = null;
  const fromSource = new Set<string>();
  const add = (spec: string) => addSpec(found, spec);
  for (const file of context.list(".")) {
    if (/^requirements.*\.(txt|in)$/.test(file)) for (const line of asciiText(context.read(file) ?? "").split("\n")) add(line);
  }
  const inContext: Reader = { read: (p) => context.read(p), cwd: "." };
  projectRequirements(inContext, ".", add);
  if (build === null) return { found, unread, fromSource };
  // The build's paths are the image's: read through what COPY put there.
  const read = (abs: string) => {
    const src = contextSource(abs, build.sources);
    return src === null ? null : context.read(src);
  };
  const variables = new Map<string, string | null>();
  build.stage.body.forEach((instr, index) => {
    for (const v of declaredVariables(instr) ?? []) variables.set(v.name, v.value);
    if (instr.keyword !== "RUN") return;
    const script = parseShell(instr.exec ? instr.exec.map(shellQuote).join(" ") : joinContinuations(instr.args));
    // The analysis declines a RUN it cannot read.
    if (!script.ok) return;
    let dir = build.cwdAt[index] ?? null;
    const miss = (source: string) => {
      unread ??= { line: instr.line, source };
    };
    for (const c of simpleCommands(script)) {
      const name = posix.basename(c.name ?? "");
      if (name === "cd") {
        const to = c.args[0]?.value;
        dir = to ? resolvePath(dir, to) : null;
        continue;
      }
      const skip = PIP.test(name) ? 0 : PYTHON.test(name) && c.args[0]?.value === "-m" && c.args[1]?.value === "pip" ? 2 : null;
      if (skip === null || c.args[skip]?.value !== "install") continue;
      // A variable's words as the stage declares them (`$PIP_FLAGS`); unknown ones stay null.
      const args = c.args.slice(skip + 1).flatMap((w): Array<{ value: string | null; text: string }> => {
        if (w.value !== null) return [{ value: w.value, text: w.text }];
        const v = /^\$(?:\{(\w+)\}|(\w+))$/.exec(w.text);
        const value = v ? variables.get(v[1] ?? v[2]) : undefined;
        return value === undefined || value === null || value.includes("$")
          ? [{ value: null, text: w.text }]
          : value.split(/\s+/).flatMap((x) => (x ? [{ value: x, text: x }] : []));
      });
      const reader: Reader = { read, cwd: dir ?? "/" };
      const at = (file: string) => (dir === null && !file.startsWith("/") ? null : posix.resolve(dir ?? "/", file));
      for (let i = 0; i < args.length; i++) {
        const word = args[i].value;
        if (word === null) {
          miss(args[i].text);
          continue;
        }
        const option = /^(-r|--requirement|-e|--editable|-c|--constraint)(?:=(.*))?$|^(-[rec])(.+)$/.exec(word);
        if (option) {
          const flag = option[1] ?? option[3];
          const value = option[2] ?? option[4] ?? args[++i]?.value;
          if (value === null || value === undefined) {
            miss(args[i]?.text ?? word);
            continue;
          }
          const file = at(value);
          // A constraints file only limits versions: it installs nothing, but its `--no-binary` lines count (one the
          // context cannot show, a URL's, is not read, as before).
          if (/^(-c|--constraint)$/.test(flag)) {
            if (file !== null) requirementsFile(reader, file, () => {}, 0, fromSource);
            continue;
          }
          if (/^(-r|--requirement)$/.test(flag)) {
            if (file === null || !requirementsFile(reader, file, add, 0, fromSource)) miss(value);
          } else if (!localProject(reader, isLocalPath(value) ? file : null, value, add)) miss(value);
          continue;
        }
        if (word.startsWith("-")) {
          // A value option's word is no package (`-i URL`, `--target DIR`).
          const noBinary = word === "--no-binary" ? args[i + 1]?.value : /^--no-binary=(.*)$/.exec(word)?.[1];
          addNoBinary(fromSource, noBinary ?? "");
          if (!word.includes("=") && VALUE_OPTIONS.test(word)) i++;
          continue;
        }
        // A URL (`git+https://…#egg=name`) names its project by its egg, if at all; `name @ URL` by its name.
        if (/:\/\//.test(word)) localProject(reader, null, word, add);
        else if (isLocalPath(word)) {
          if (!localProject(reader, at(word.replace(/\[[^\]]*\]$/, "")), word, add)) miss(word);
        } else add(word);
      }
    }
  });
  return { found, unread, fromSource };
}

/** How to read a requirement source: context paths (the root's files), or the image's paths through COPY; and the folder pip runs in. */
interface Reader {
  read(path: string): string | null;
  readonly cwd: string;
}

const PIP = /^pip[\d.]*$/;
const PYTHON = /^python[\d.]*$/;
/** pip install options that take a value. */
const VALUE_OPTIONS =
  /^(-[itfC]|--(index-url|extra-index-url|find-links|target|prefix|root|src|platform|python-version|implementation|abi|progress-bar|upgrade-strategy|no-binary|only-binary|config-settings|global-option|build-option|cache-dir|log|timeout|retries|trusted-host|proxy|cert|client-cert|exists-action|report|root-user-action|use-feature|use-deprecated|python|keyring-provider))$/;

const shellQuote = (w: string) => `'${w.replace(/'/g, "'\\''")}'`;

/** A pip argument that names a local folder or archive rather than a project on an index. */
function isLocalPath(word: string): boolean {
  return /^(\.|\/|~)/.test(word) || (/\//.test(word) && !/:\/\//.test(word)) || /\.(whl|zip|tar\.gz|tgz)$/.test(word);
}

/** `--no-binary`'s value (`lxml,pillow`, `:all:`, `:none:`) into the projects built from source. */
function addNoBinary(fromSource: Set<string>, value: string): void {
  for (const name of value.split(",")) if (name) fromSource.add(name.toLowerCase().replace(/[-_.]+/g, "-"));
}

/**
 * Reads requirements file `file` with the files it includes; false when one cannot be read. With `fromSource`, its
 * `--no-binary` lines and those of the constraints files it names (`-c`) add the projects pip builds from source, as
 * the same option on the command line does.
 */
function requirementsFile(
  reader: Reader,
  file: string,
  add: (spec: string) => void,
  depth: number,
  fromSource: Set<string> | null = null,
): boolean {
  const text = reader.read(file);
  if (text === null || depth > 8) return false;
  let ok = true;
  // pip reads an included file relative to the file that includes it, and a local project relative to where it runs.
  const local = (p: string) => posix.normalize(posix.join(p.startsWith("/") ? "" : reader.cwd, p.replace(/\[[^\]]*\]$/, "")));
  for (const raw of asciiText(text)
    .replace(/\\\r?\n/g, " ")
    .split("\n")) {
    // A comment starts a line or follows a blank.
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    const include = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/.exec(line);
    const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    const constraint = /^(?:-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/.exec(line);
    const noBinary = /^--no-binary(?:\s*=\s*|\s+)(\S+)/.exec(line);
    const near = (p: string) => posix.normalize(posix.join(posix.dirname(file), p));
    if (include) ok = requirementsFile(reader, near(include[1]), add, depth + 1, fromSource) && ok;
    else if (constraint && fromSource) requirementsFile(reader, near(constraint[1]), () => {}, depth + 1, fromSource);
    else if (noBinary && fromSource) addNoBinary(fromSource, noBinary[1]);
    else if (editable) ok = localProject(reader, isLocalPath(editable[1]) ? local(editable[1]) : null, editable[1], add) && ok;
    else if (line.startsWith("-")) continue;
    else if (/^[a-z][\w+.-]*:\/\//i.test(line)) localProject(reader, null, line, add);
    else if (isLocalPath(line)) ok = localProject(reader, local(line), line, add) && ok;
    // `name @ https://…`: the name is the project.
    else add(line);
  }
  return ok;
}

/**
 * Reads the requirements of the local project in folder `dir` (null: not a local folder, as a remote
 * `git+https://…#egg=name`); false when they cannot be read: no such folder, an archive, or a setup.py that
 * computes its list.
 */
function localProject(reader: Reader, dir: string | null, word: string, add: (spec: string) => void): boolean {
  if (dir === null) {
    const egg = /#egg=([\w.-]+)/.exec(word)?.[1];
    if (egg && /:\/\//.test(word)) {
      add(egg);
      return true;
    }
    return false;
  }
  if (!["setup.py", "setup.cfg", "pyproject.toml"].some((f) => reader.read(posix.join(dir, f)) !== null)) return false;
  return projectRequirements(reader, dir, add);
}

/** Adds what the project in folder `dir` requires; false when its list is computed in a way not read here. */
function projectRequirements(reader: Reader, dir: string, add: (spec: string) => void): boolean {
  const at = (f: string) => (dir === "." ? f : posix.join(dir, f));
  let ok = true;
  const pyproject = reader.read(at("pyproject.toml")) ?? "";
  for (const spec of tomlStrings(pyproject, /^dependencies\s*=\s*\[/m)) add(spec);
  // setuptools' `dynamic = ["dependencies"]` reads requirements files named in `[tool.setuptools.dynamic]`.
  if (/^dynamic\s*=\s*\[[^\]]*["']dependencies["']/m.test(pyproject)) {
    const files = /^dependencies\s*=\s*\{\s*file\s*=\s*(\[[^\]]*\]|"[^"]*")/m.exec(pyproject)?.[1];
    if (files === undefined) ok = false;
    for (const m of (files ?? "").matchAll(/["']([^"']+)["']/g)) ok = requirementsFile(reader, at(m[1]), add, 0) && ok;
  }
  // Poetry and Pipfile tables: `name = "version"` lines.
  for (const table of [
    /\[tool\.poetry\.dependencies\]([^[]*)/.exec(pyproject)?.[1],
    /\[packages\]([^[]*)/.exec(reader.read(at("Pipfile")) ?? "")?.[1],
  ])
    for (const m of (table ?? "").matchAll(/^\s*"?([A-Za-z0-9][\w.-]*)"?\s*=/gm)) add(m[1]);
  // setup.cfg: `install_requires =` and its indented continuation lines.
  const cfg = /^install_requires\s*=(.*(?:\n[ \t]+.*|\n[ \t]*(?=\n))*)/m.exec(reader.read(at("setup.cfg")) ?? "")?.[1] ?? "";
  for (const line of cfg.split("\n")) {
    const spec = line.replace(/(^|\s)[#;].*$/, "").trim();
    if (spec.startsWith("file:")) ok = requirementsFile(reader, at(spec.slice(5).trim()), add, 0) && ok;
    else if (spec) add(spec);
  }
  // setup.py: a literal `install_requires=[…]`; any other value (read from a file, built in code) is not read.
  const setup = reader.read(at("setup.py")) ?? "";
  for (const m of setup.matchAll(/\binstall_requires\s*=\s*(\[?)/g)) {
    if (m[1] === "") {
      ok = false;
      continue;
    }
    for (const spec of pythonStrings(setup.slice((m.index ?? 0) + m[0].length - 1))) add(spec);
  }
  return ok;
}

/** The strings of the TOML array that `start` finds (over several lines, comments skipped). */
function tomlStrings(text: string, start: RegExp): string[] {
  const m = start.exec(text);
  return m ? pythonStrings(text.slice((m.index ?? 0) + m[0].length - 1)) : [];
}

/** The quoted strings of the bracketed list `text` starts with, up to its closing bracket; `#` comments skipped. */
function pythonStrings(text: string): string[] {
  const strings: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "#") {
      const nl = text.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
    } else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) break;
      if (depth === 1) strings.push(text.slice(i + 1, end));
      i = end;
    } else if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") {
      depth--;
      if (depth === 0) break;
    }
  }
  return strings;
}

/** A requirement spec (`Python_Magic>=0.4`, `psycopg[binary]`) into `found`: its normalized name, with its extras. */
function addSpec(found: Map<string, string[]>, spec: string): void {
  const m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[([^\]]*)\])?/.exec(spec);
  if (!m) return;
  const name = m[1].toLowerCase().replace(/[-_.]+/g, "-");
  found.set(name, [...(found.get(name) ?? []), ...(m[2] ?? "").split(",").map((e) => e.trim().toLowerCase())]);
}

/** A requirement source a pip command of the build names that the context cannot show (`-r requirements.txt` without that file), or null. */
export function pipUnreadSource(context: BuildContext, build: PipBuild): { readonly line: number; readonly source: string } | null {
  return pipSources(context, build).unread;
}

/** The projects the build's pip commands install, and those they build from source (`--no-binary`). */
export function pipInstalls(context: BuildContext, build: PipBuild): { names: ReadonlySet<string>; fromSource: ReadonlySet<string> } {
  const { found, fromSource } = pipSources(context, build);
  return { names: new Set(found.keys()), fromSource };
}

export interface PipLibraries {
  /** Debian run-time packages, in order. */
  readonly packages: readonly string[];
  readonly needs: ReadonlyArray<{ readonly pkg: string; readonly why: string; readonly packages: readonly string[] }>;
  /** Packages that need what the full image lacks too: the runtime has it when the stage installs it. */
  readonly absent: ReadonlyArray<{ readonly pkg: string; readonly why: string; readonly packages: readonly string[] }>;
  /** A package whose needs the tables cannot place on this release (null: none). */
  readonly unknown: string | null;
  /** A requirement source a pip command of the build names that cannot be read (null: none). */
  readonly unread: { readonly line: number; readonly source: string } | null;
}

/** The run-time libraries the pip packages the build installs need on Debian `release` (null: unknown release). */
export function pipLibraries(context: BuildContext, release: string | null, build: PipBuild): PipLibraries {
  const packages: string[] = [];
  const needs: Array<{ pkg: string; why: string; packages: string[] }> = [];
  const absent: Array<{ pkg: string; why: string; packages: string[] }> = [];
  const { found, unread } = pipSources(context, build);
  if (unread !== null) return { packages, needs, absent, unknown: null, unread };
  for (const [name, extras] of found) {
    const need = PIP_NATIVE[name];
    // psycopg's binary extra brings its own libpq.
    if (!need || (name === "psycopg" && extras.includes("binary"))) continue;
    if (need.absent) {
      absent.push({ pkg: name, why: need.why, packages: [...need.absent] });
      continue;
    }
    const libs: string[] = [];
    for (const { dev, only } of need.devs ?? []) {
      const all = release === null ? null : libsOfDev(dev, release);
      const picked = all?.filter((l) => !only || only.test(l)) ?? [];
      if (all === null || picked.length === 0) return { packages, needs, absent, unknown: name, unread: null };
      libs.push(...picked.filter((l) => !libs.includes(l)));
    }
    packages.push(...libs.filter((l) => !packages.includes(l)));
    needs.push({ pkg: name, why: need.why, packages: libs });
  }
  return { packages, needs, absent, unknown: null, unread: null };
}

/**
 * The text of a file read as UTF-8 that is UTF-16 (`pip freeze > requirements.txt` in PowerShell writes it, and
 * pip reads it by its byte-order mark): its ASCII characters, which is all a requirement name needs.
 */
export function asciiText(text: string): string {
  return text.includes("\u0000") ? text.replace(/^[\ufffd\ufeff]+/, "").replaceAll("\u0000", "") : text;
}
