// What pip packages need from the OS at run time when the full image provided it: the official python image
// (from buildpack-deps) has the headers of libpq, MariaDB, libcurl, Kerberos and ImageMagick, and libmagic,
// so pip builds psycopg2 or mysqlclient from source against them and python-magic or Wand load them with
// ctypes. A slim runtime lacks the libraries. Sources: each package's install docs.
import type { BuildContext } from "../../../src/core/context.js";
import { libsOfDev } from "./debian-libs.js";

interface PipNeed {
  /** The Debian `-dev` package whose run-time libraries it needs (release by release: debian-dev-libs.json). */
  readonly dev: string;
  readonly why: string;
}

/** By normalized project name (PEP 503: lower case, `-` for runs of `-_.`). */
const PIP_NATIVE: Readonly<Record<string, PipNeed>> = {
  psycopg2: { dev: "libpq-dev", why: "builds against libpq (it has no wheel)" },
  // psycopg 3 without its `binary` extra loads libpq with ctypes; the `c` extra builds against it.
  psycopg: { dev: "libpq-dev", why: "loads libpq" },
  mysqlclient: { dev: "default-libmysqlclient-dev", why: "builds against the MariaDB client library (it has no Linux wheel)" },
  mariadb: { dev: "libmariadb-dev", why: "builds against the MariaDB client library" },
  pycurl: { dev: "libcurl4-openssl-dev", why: "builds against libcurl" },
  gssapi: { dev: "libkrb5-dev", why: "builds against Kerberos" },
  kerberos: { dev: "libkrb5-dev", why: "builds against Kerberos" },
  pykerberos: { dev: "libkrb5-dev", why: "builds against Kerberos" },
  wand: { dev: "libmagickwand-dev", why: "loads ImageMagick's MagickWand" },
  "python-magic": { dev: "libmagic-dev", why: "loads libmagic" },
};

/** The project names the context's requirements files, pyproject.toml and Pipfile list, with their extras. */
export function pipRequirements(context: BuildContext): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (spec: string) => {
    const m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[([^\]]*)\])?/.exec(spec);
    if (!m) return;
    const name = m[1].toLowerCase().replace(/[-_.]+/g, "-");
    found.set(name, [...(found.get(name) ?? []), ...(m[2] ?? "").split(",").map((e) => e.trim().toLowerCase())]);
  };
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

export interface PipLibraries {
  /** Debian run-time packages, in order. */
  readonly packages: readonly string[];
  readonly needs: ReadonlyArray<{ readonly pkg: string; readonly why: string; readonly packages: readonly string[] }>;
  /** A package whose needs the tables cannot place on this release (null: none). */
  readonly unknown: string | null;
}

/** The run-time libraries the listed pip packages need on Debian `release` (null: unknown release). */
export function pipLibraries(context: BuildContext, release: string | null): PipLibraries {
  const packages: string[] = [];
  const needs: Array<{ pkg: string; why: string; packages: string[] }> = [];
  for (const [name, extras] of pipRequirements(context)) {
    const need = PIP_NATIVE[name];
    // psycopg's binary extra brings its own libpq.
    if (!need || (name === "psycopg" && extras.includes("binary"))) continue;
    const libs = release === null ? null : libsOfDev(need.dev, release);
    if (libs === null) return { packages, needs, unknown: name };
    const added = libs.filter((l) => !packages.includes(l));
    packages.push(...added);
    needs.push({ pkg: name, why: need.why, packages: [...libs] });
  }
  return { packages, needs, unknown: null };
}

/**
 * The text of a file read as UTF-8 that is UTF-16 (`pip freeze > requirements.txt` in PowerShell writes it, and
 * pip reads it by its byte-order mark): its ASCII characters, which is all a requirement name needs.
 */
export function asciiText(text: string): string {
  return text.includes("\u0000") ? text.replace(/^[\ufffd\ufeff]+/, "").replaceAll("\u0000", "") : text;
}
