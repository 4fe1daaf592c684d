// Which OS packages a build installs only to build (compilers, headers, VCS) and which the program still
// needs when it runs. Unknown packages count as run-time: keeping one too many is safe, dropping one is not.

/** Packages that only build: compilers, build drivers, version control. */
const BUILD_ONLY = new Set([
  "build-essential",
  "gcc",
  "g++",
  "cpp",
  "clang",
  "make",
  "cmake",
  "ninja-build",
  "autoconf",
  "automake",
  "libtool",
  "pkg-config",
  "pkgconf",
  "git",
  "bison",
  "flex",
  "patch",
  "dpkg-dev",
]);

/** Commands a build-only package provides, for "is it named in the entry?". */
const PROVIDES: Readonly<Record<string, readonly string[]>> = {
  "build-essential": ["gcc", "g++", "cc", "c++", "make", "cpp"],
  "ninja-build": ["ninja"],
  pkgconf: ["pkg-config"],
};

/**
 * `listed`: only the packages known to be build-only are dropped. `unlessNamed`: the runtime runs a
 * program of its base image (nginx serving files), so every package it does not name is build-only.
 */
/** The commands a package provides (its own name unless listed). */
export function providedCommands(spec: string): readonly string[] {
  const name = spec.replace(/[=:].*$/, "");
  return PROVIDES[name] ?? [name];
}

export type PackagePolicy = "listed" | "unlessNamed";

export interface PackageSplit {
  readonly buildOnly: readonly string[];
  readonly runtime: readonly string[];
}

/**
 * Split installed packages into build-only and run-time ones. A build-only package stays run-time when a
 * command it provides is named by what the image runs (`usedCommands`). `-dev` packages stay too: they
 * bring the shared library the program links against, and which one that is cannot be told for sure.
 */
export function splitPackages(
  packages: readonly string[],
  usedCommands: ReadonlySet<string>,
  policy: PackagePolicy = "listed",
): PackageSplit {
  const buildOnly: string[] = [];
  const runtime: string[] = [];
  for (const spec of packages) {
    const name = spec.replace(/[=:].*$/, "");
    const provides = providedCommands(name);
    const candidate = policy === "unlessNamed" ? !/nginx/.test(name) : BUILD_ONLY.has(name);
    if (candidate && !provides.some((c) => usedCommands.has(c))) buildOnly.push(spec);
    else runtime.push(spec);
  }
  return { buildOnly, runtime };
}
