// What pip packages need from the OS at run time when the full image provided it: the official python image
// (from buildpack-deps) has the headers of libpq, MariaDB, libcurl, Kerberos and ImageMagick, and libmagic (`file`),
// and ImageMagick's delegates bring cairo, Pango, HarfBuzz and fontconfig; so pip builds psycopg2 or mysqlclient
// from source against them, and python-magic, Wand, cairocffi or WeasyPrint load them with ctypes or cffi. A slim
// runtime lacks the libraries. Other packages run a program or load a library the full image lacks too (poppler's
// `pdftoppm`, `tesseract`, `ffmpeg`, zbar): the original had it only when a step installed it, which the runtime
// repeats. Sources: each package's install docs, named per entry.
import type { BuildContext } from "../../../src/core/context.js";
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

/** The project names the context's requirements files, pyproject.toml and Pipfile list, with their extras. */
export function pipRequirements(context: BuildContext): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (spec: string) => addSpec(found, spec);
  for (const file of context.list(".")) {
    if (/^requirements.*\.(txt|in)$/.test(file)) for (const line of asciiText(context.read(file) ?? "").split("\n")) add(line);
  }
  const pyproject = context.read("pyproject.toml") ?? "";
  const deps = /^dependencies\s*=\s*\[([^\]]*)\]/m.exec(pyproject)?.[1] ?? "";
  for (const m of deps.matchAll(/["']([^"']+)["']/g)) add(m[1]);
  // Poetry and Pipfile tables: `name = "version"` lines.
  for (const table of [
    /\[tool\.poetry\.dependencies\]([^[]*)/.exec(pyproject)?.[1],
    /\[packages\]([^[]*)/.exec(context.read("Pipfile") ?? "")?.[1],
  ])
    for (const m of (table ?? "").matchAll(/^\s*"?([A-Za-z0-9][\w.-]*)"?\s*=/gm)) add(m[1]);
  return found;
}

/** A requirement spec (`Python_Magic>=0.4`, `psycopg[binary]`) into `found`: its normalized name, with its extras. */
function addSpec(found: Map<string, string[]>, spec: string): void {
  const m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[([^\]]*)\])?/.exec(spec);
  if (!m) return;
  const name = m[1].toLowerCase().replace(/[-_.]+/g, "-");
  found.set(name, [...(found.get(name) ?? []), ...(m[2] ?? "").split(",").map((e) => e.trim().toLowerCase())]);
}

export interface PipLibraries {
  /** Debian run-time packages, in order. */
  readonly packages: readonly string[];
  readonly needs: ReadonlyArray<{ readonly pkg: string; readonly why: string; readonly packages: readonly string[] }>;
  /** Packages that need what the full image lacks too: the runtime has it when the stage installs it. */
  readonly absent: ReadonlyArray<{ readonly pkg: string; readonly why: string; readonly packages: readonly string[] }>;
  /** A package whose needs the tables cannot place on this release (null: none). */
  readonly unknown: string | null;
}

/**
 * The run-time libraries the listed pip packages need on Debian `release` (null: unknown release); `named`: the
 * package specs the stage's `pip install` lines name themselves (`pip install weasyprint`).
 */
export function pipLibraries(context: BuildContext, release: string | null, named: readonly string[] = []): PipLibraries {
  const packages: string[] = [];
  const needs: Array<{ pkg: string; why: string; packages: string[] }> = [];
  const absent: Array<{ pkg: string; why: string; packages: string[] }> = [];
  const listed = pipRequirements(context);
  for (const spec of named) addSpec(listed, spec);
  for (const [name, extras] of listed) {
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
      if (all === null || picked.length === 0) return { packages, needs, absent, unknown: name };
      libs.push(...picked.filter((l) => !libs.includes(l)));
    }
    packages.push(...libs.filter((l) => !packages.includes(l)));
    needs.push({ pkg: name, why: need.why, packages: libs });
  }
  return { packages, needs, absent, unknown: null };
}

/**
 * The text of a file read as UTF-8 that is UTF-16 (`pip freeze > requirements.txt` in PowerShell writes it, and
 * pip reads it by its byte-order mark): its ASCII characters, which is all a requirement name needs.
 */
export function asciiText(text: string): string {
  return text.includes("\u0000") ? text.replace(/^[\ufffd\ufeff]+/, "").replaceAll("\u0000", "") : text;
}
