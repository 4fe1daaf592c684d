// pip packages that run a program, or load a library, that the official python image has (from buildpack-deps:
// git, gnupg, libmagic) and its slim variant lacks: the Python twin of native.ts RUNS. Sources: each package's
// code at its current release (PyPI, 2026-12), naming the program it runs by default.
import { libsOfDev } from "./debian-libs.js";

interface PipRuns {
  /** Debian packages that bring what it needs, the same on every release. */
  readonly debian?: readonly string[];
  /** Or the `-dev` package whose run-time libraries it loads (release by release). */
  readonly dev?: string;
  readonly why: string;
}

/** By normalized project name (PEP 503). */
const PIP_RUNS: Readonly<Record<string, PipRuns>> = {
  // git/__init__.py refreshes its `git` at import (`git version`) and raises ImportError without it.
  gitpython: { debian: ["git"], why: "runs `git` (at import)" },
  // gnupg.py: GPG() runs `gpg --version` in its constructor.
  "python-gnupg": { debian: ["gnupg"], why: "runs `gpg`" },
  gnupg: { debian: ["gnupg"], why: "runs `gpg`" },
  // magic.py loads `ctypes.util.find_library('magic')`.
  "file-magic": { dev: "libmagic-dev", why: "loads libmagic" },
  filemagic: { dev: "libmagic-dev", why: "loads libmagic" },
};

/**
 * Packages that have wheels bundling their libraries, and build against the full image's headers when pip is told
 * to build them from source (`--no-binary lxml`): their libraries by `-dev` package.
 */
const FROM_SOURCE: Readonly<Record<string, PipRuns>> = {
  lxml: { dev: "libxslt1-dev", why: "is built from source (`--no-binary`) against libxml2 and libxslt" },
};

/**
 * What the listed pip packages run or load, as Debian packages of `release` (null: unknown release); `unknown`
 * names a package whose libraries have no known name on that release.
 */
export function pipPrograms(
  names: Iterable<string>,
  release: string | null,
  fromSource: ReadonlySet<string> = new Set(),
): { packages: string[]; needs: Array<{ pkg: string; why: string; packages: string[] }>; unknown: string | null } {
  const packages: string[] = [];
  const needs: Array<{ pkg: string; why: string; packages: string[] }> = [];
  for (const name of names) {
    const built = (fromSource.has(name) || fromSource.has(":all:")) && Object.hasOwn(FROM_SOURCE, name) ? FROM_SOURCE[name] : undefined;
    const need = built ?? (Object.hasOwn(PIP_RUNS, name) ? PIP_RUNS[name] : undefined);
    if (!need) continue;
    const debian = need.debian ?? (release === null || need.dev === undefined ? null : libsOfDev(need.dev, release));
    if (debian === null) return { packages, needs, unknown: name };
    packages.push(...debian.filter((p) => !packages.includes(p)));
    needs.push({ pkg: name, why: need.why, packages: [...debian] });
  }
  return { packages, needs, unknown: null };
}
