// Which Debian packages a runtime needs when the build installed headers to compile against a library:
// `libpq-dev` builds, `libpq5` runs. The table (debian-dev-libs.json) is generated from Debian's own
// package relationships by scripts/debian-runtime-libs.mjs; nothing in it is typed by hand.
import data from "./debian-dev-libs.json" with { type: "json" };
import libdevel from "./debian-libdevel.json" with { type: "json" };
import devDepends from "./debian-dev-depends.json" with { type: "json" };

type Table = Readonly<Record<string, readonly string[]>>;
type Tables = Readonly<Record<string, { readonly libs: Table }>>;
// Read on first use, not at import: the table is 570 KB, and most files install no Debian package (the
// bundle parses the JSON on first access too, see scripts/build.mjs).
const releaseTables = (): Tables => data.releases;

/** The Debian releases (codenames) the table was generated for. */
export const debianTableReleases = (): readonly string[] => Object.keys(releaseTables());
/** The release assumed when a caller names none. */
export const DEBIAN_TABLE_RELEASE = "bookworm";
/** Every release's headers packages without `-dev` in their names (section `libdevel`), generated beside the table. */
let libdevelSet: ReadonlySet<string> | null = null;
const libdevelNames = (): ReadonlySet<string> => {
  libdevelSet ??= new Set(libdevel);
  return libdevelSet;
};

/** Packages that only build: compilers, build drivers, header generators, version control. */
const BUILD_ONLY = new Set([
  "build-essential",
  "gcc",
  "g++",
  "cpp",
  "clang",
  "make",
  "cmake",
  "ninja-build",
  "meson",
  "autoconf",
  "automake",
  "autotools-dev",
  "libtool",
  "pkg-config",
  "pkgconf",
  "bison",
  "flex",
  "patch",
  "dpkg-dev",
  "git",
  "python3-pip",
  // Build drivers of other languages (Debian's maven and gradle also pull a JDK of their own).
  "maven",
  "gradle",
  "ant",
]);
/** Versioned compilers (`gcc-12`, `g++-12`, `clang-16`). */
const VERSIONED_COMPILER = /^(gcc|g\+\+|cpp|clang)-\d+$/;

export interface RuntimeClosure {
  /** What the runtime installs: every installed package that is not build-only, then the run-time libraries. */
  readonly packages: readonly string[];
  /** Installed packages left out of the runtime (compilers, build drivers, headers). */
  readonly dropped: readonly string[];
  /** `-dev` packages whose run-time library is not known: callers decline. */
  readonly unknown: readonly string[];
  /** For each `-dev` package, the library packages that replace it. */
  readonly evidence: ReadonlyArray<{ readonly dev: string; readonly libs: readonly string[] }>;
}

/** The package name of an apt-get install word (`libpq-dev=15.*`, `gcc:amd64`). */
export function packageName(spec: string): string {
  return spec.replace(/[=:].*$/, "");
}

/** Is the package only needed to build (a compiler, a build driver, headers)? */
export function isBuildOnlyPackage(name: string): boolean {
  return BUILD_ONLY.has(name) || VERSIONED_COMPILER.test(name) || isHeaders(name);
}

/** A headers package: `-dev`, or one the table lists (Debian's section `libdevel`: `libmariadb-dev-compat`). */
export function isHeaders(name: string): boolean {
  return name.endsWith("-dev") || libdevelNames().has(name);
}

/** The run-time library packages behind one `-dev` package, or null when the table does not know it. */
export function libsOfDev(name: string, release: string = DEBIAN_TABLE_RELEASE): readonly string[] | null {
  const table = Object.hasOwn(releaseTables(), release) ? releaseTables()[release].libs : null;
  return table !== null && Object.hasOwn(table, name) ? table[name] : null;
}

/**
 * The `-dev` packages that installing `name` brings along, because it Depends on them, directly or through one
 * another (libspdlog-dev → libfmt-dev), each with the installed one it comes through; only those that stand for a
 * library (debian-dev-depends.json, generated beside the table).
 */
export function devDependsOf(
  name: string,
  release: string = DEBIAN_TABLE_RELEASE,
): ReadonlyArray<{ readonly dev: string; readonly via: string }> {
  const tables = devDepends.releases as Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  const table = Object.hasOwn(tables, release) ? tables[release] : null;
  if (table === null) return [];
  const out: Array<{ dev: string; via: string }> = [];
  const walk = (dev: string) => {
    for (const d of Object.hasOwn(table, dev) ? table[dev] : [])
      if (d !== name && !out.some((o) => o.dev === d)) {
        out.push({ dev: d, via: name });
        walk(d);
      }
  };
  walk(name);
  return out;
}

/**
 * A headers-only package (`nlohmann-json3-dev`, `libasio-dev`): in every Debian release of the table it is an
 * architecture-independent `-dev` that stands for no library (scripts/debian-runtime-libs.mjs), so it ships no shared
 * library and the runtime needs nothing of it. Ubuntu builds these from the same Debian sources, so an Ubuntu (or
 * other unknown) release needs nothing of it either; a `-dev` with a library anywhere stays unknown there, since
 * library package names differ per release.
 */
export function headersOnly(name: string): boolean {
  const tables = Object.values(releaseTables());
  return tables.length > 0 && tables.every((t) => Object.hasOwn(t.libs, name) && t.libs[name].length === 0);
}

/**
 * The runtime's packages for what the build installed (apt-get words, in order), on the Debian `release`
 * of the images. Build-only packages are dropped and each `-dev` is replaced by its library packages; a
 * `-dev` the table does not know (or another release) lands in `unknown`.
 */
export function runtimePackagesFor(installed: readonly string[], release: string = DEBIAN_TABLE_RELEASE): RuntimeClosure {
  const packages: string[] = [];
  const dropped: string[] = [];
  const unknown: string[] = [];
  const evidence: Array<{ dev: string; libs: readonly string[] }> = [];
  const keep = (p: string) => {
    if (!packages.includes(p)) packages.push(p);
  };
  for (const spec of installed) {
    const name = packageName(spec);
    if (!isBuildOnlyPackage(name)) {
      keep(spec);
      continue;
    }
    dropped.push(spec);
    if (!isHeaders(name)) continue;
    const libs = libsOfDev(name, release);
    if (libs === null) {
      unknown.push(spec);
      continue;
    }
    evidence.push({ dev: name, libs });
  }
  // Libraries after the kept packages, in table order, without the ones already kept by name.
  for (const { libs } of evidence) for (const lib of libs) if (!packages.some((p) => packageName(p) === lib)) keep(lib);
  return { packages, dropped, unknown, evidence };
}
