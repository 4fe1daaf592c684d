// Shared libraries the sources load at run time by name, without linking them: Python's ctypes
// (`CDLL("libmagic.so.1")`, `ctypes.util.find_library("yaml")`) and Node's FFI modules (`koffi.load`,
// `ffi.Library`). A full base image has many such libraries that its slim twin lacks.
import type { BuildContext } from "../../../src/core/context.js";
import { isTestOrToolFile } from "../../../src/core/source-roles.js";

export interface LibraryLoad {
  /** The name as written (`libmagic.so.1`, `yaml`), null when the call computes it. */
  readonly library: string | null;
  readonly file: string;
}

const SOURCES = /\.(py|js|cjs|mjs|ts)$/;
const SKIP_DIRS = /^(\.|node_modules$|vendor$|dist$|build$|__pycache__$|coverage$|site-packages$)/;
/** The load calls; group 2 the literal name. */
const LOADS = /\b(?:CDLL|PyDLL|LoadLibrary|find_library|koffi\.load|ffi\.Library|dlopen)\s*\(\s*(?:(["'`])([^"'`$]+)\1|(?![)\s]))/g;
/** Libraries every Debian runtime has: glibc's, the compiler runtime's, zlib's. */
const BASE = /^(lib)?(c|m|pthread|dl|rt|util|crypt|resolv|z|gcc_s|stdc\+\+)(\.so(\.\d+)*)?$/;
const MAX_FILES = 2000;

/** Library loads in the context's sources, other than the base system's libraries. */
export function libraryLoads(context: BuildContext): LibraryLoad[] {
  const found: LibraryLoad[] = [];
  let files = 0;
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (files >= MAX_FILES || isTestOrToolFile(path)) continue;
      const text = SOURCES.test(name) ? context.read(path) : null;
      if (text === null) {
        // A folder (a virtualenv committed with the sources is the developer's, not the app's).
        if (!SOURCES.test(name) && depth < 6 && !SKIP_DIRS.test(name) && !context.exists(`${path}/pyvenv.cfg`)) walk(path, depth + 1);
        continue;
      }
      files++;
      for (const m of text.matchAll(LOADS)) {
        const library = m[2] ?? null;
        if (library === null || !BASE.test(library)) found.push({ library, file: path });
      }
    }
  };
  walk(".", 0);
  return found;
}

/** Does one of the runtime's packages bring the library (`libmagic.so.1`, `magic` → libmagic1, libmagic1t64)? */
export function packageBrings(library: string, packages: readonly string[]): boolean {
  const stem = library
    .replace(/^lib/, "")
    .replace(/\.so(\.\d+)*$/, "")
    .replace(/[-.]?\d+(\.\d+)*$/, "");
  return packages.some((p) => p.replace(/[=:].*$/, "").startsWith(`lib${stem}`));
}
