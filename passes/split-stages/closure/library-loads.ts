// Shared libraries the sources load at run time by name, without linking them: Python's ctypes
// (`CDLL("libmagic.so.1")`, `ctypes.util.find_library("yaml")`), Node's FFI modules (`koffi.load`,
// `ffi.Library`) and C's `dlopen`. A full base image has many such libraries that its slim twin lacks.
import type { BuildContext } from "../../../src/core/context.js";
import { sourceFiles } from "../source-files.js";

export interface LibraryLoad {
  /** The name as written (`libmagic.so.1`, `yaml`), null when the call computes it. */
  readonly library: string | null;
  readonly file: string;
  /** Looked up with ctypes' `find_library` (a bare name, `yaml`), not opened by file name. */
  readonly find?: true;
}

const SOURCES = /\.(py|js|cjs|mjs|ts|c|cc|cpp|cxx|h|hpp)$/;
const SKIP_DIRS = /^(\.|node_modules$|vendor$|dist$|build$|__pycache__$|coverage$|site-packages$)/;
/** The load calls; group 2 the literal name. */
const LOADS = /\b(?:CDLL|PyDLL|LoadLibrary|find_library|koffi\.load|ffi\.Library|dlopen)\s*\(\s*(?:(["'`])([^"'`$]+)\1|(?![)\s]))/g;
/** Libraries every Debian runtime has: glibc's, the compiler runtime's, zlib's. */
const BASE = /^(lib)?(c|m|pthread|dl|rt|util|crypt|resolv|z|gcc_s|stdc\+\+)(\.so(\.\d+)*)?$/;

/** Library loads in the context's sources, other than the base system's libraries. */
export function libraryLoads(context: BuildContext): LibraryLoad[] {
  return sourceFiles(context, { read: SOURCES, skipDirs: SKIP_DIRS }).flatMap(({ path, text }) =>
    [...text.matchAll(LOADS)]
      .map((m) => ({ library: m[2] ?? null, file: path, ...(m[0].startsWith("find_library") ? { find: true as const } : {}) }))
      // A path (`./plugin.so`, `/opt/app/lib/x.so`) is a file of the image, not a library looked up by name;
      // `libz.so` without a version is the headers package's link, which no runtime has, base library or not.
      .filter((l) => l.library === null || (!l.library.includes("/") && (isUnversioned(l.library) || !BASE.test(l.library)))),
  );
}

/** `libz.so`: the name only a `-dev` package's symlink gives (the run-time package has `libz.so.1`). */
export function isUnversioned(library: string): boolean {
  return /^lib.+\.so$/.test(library);
}

/** Does one of the runtime's packages bring the library (`libmagic.so.1`, `magic` → libmagic1, libmagic1t64)? */
export function packageBrings(library: string, packages: readonly string[]): boolean {
  const stem = library
    .replace(/^lib/, "")
    .replace(/\.so(\.\d+)*$/, "")
    .replace(/[-.]?\d+(\.\d+)*$/, "");
  return packages.some((p) => p.replace(/[=:].*$/, "").startsWith(`lib${stem}`));
}

/**
 * Does a package give ctypes' `find_library(name)` its answer on a runtime without gcc and the `-dev` links? There
 * it asks `ldconfig -p` for a file `lib<name>.<…>`, which a package named by Debian's library policy brings: the
 * soname without `.so`, with a dash when the name ends in a digit (`magic` → libmagic1 has libmagic.so.1,
 * `sqlite3` → libsqlite3-0), `t64` after the time_t transition. libyaml-0-2 has libyaml-0.so.2: not `yaml`'s.
 */
export function findsLibrary(name: string, packages: readonly string[]): boolean {
  const escaped = name.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  const policy = new RegExp(`^lib${escaped}${/\d$/.test(name) ? "-" : ""}\\d[\\w.]*?(t64)?$`);
  return packages.some((p) => policy.test(p.replace(/[=:].*$/, "")));
}
