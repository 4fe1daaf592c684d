// gcc's own run-time libraries: a program built with `-fopenmp` needs libgomp1, `-lquadmath` libquadmath0,
// `-fsanitize=address` libasan8. They come with the compiler (gcc depends on libgcc-N-dev, which depends on
// them), not with a `-dev` package the Dockerfile names, so the runtime must install them itself. Their names
// per release are those the table (debian-dev-libs.json) lists for the compiler's libgcc-N-dev and
// libgfortran-N-dev.
import type { BuildContext } from "../../../src/core/context.js";
import { libsOfDev, packageName } from "./debian-libs.js";

/** The gcc major of each release's default `gcc` package. */
const DEFAULT_GCC: Readonly<Record<string, string>> = { bullseye: "10", bookworm: "12", trixie: "14" };

/** A flag in the build (or its Makefile, CMakeLists.txt) and the library package it needs, by name stem. */
const FLAG_LIBRARIES: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/(?:^|[\s"'=])-(?:fopenmp|lgomp)\b|\bfind_package\s*\(\s*OpenMP\b/, /^libgomp\d/],
  [/(?:^|[\s"'=])-lquadmath\b/, /^libquadmath\d/],
  [/(?:^|[\s"'=])-latomic\b/, /^libatomic\d/],
  [/(?:^|[\s"'=])-(?:fgnu-tm|litm)\b/, /^libitm\d/],
  [/-fsanitize=[\w,]*\baddress\b/, /^libasan\d/],
  [/-fsanitize=[\w,]*\bthread\b/, /^libtsan\d/],
  [/-fsanitize=[\w,]*\bleak\b/, /^liblsan\d/],
  [/-fsanitize=[\w,]*\bundefined\b/, /^libubsan\d/],
  [/(?:^|[\s"'=/])(?:gfortran(?:-\d+)?\s|-lgfortran\b)/, /^libgfortran\d/],
];

/** Build files whose flags reach the compiler. */
const BUILD_FILES = /^(?:GNUmakefile|[Mm]akefile|.*\.mk|CMakeLists\.txt|meson\.build)$/;

export interface GccRuntime {
  /** The library packages the runtime installs; null when the release's names are not known. */
  readonly packages: readonly string[] | null;
  /** The flags that show them (`-fopenmp`), for the note. */
  readonly flags: readonly string[];
}

/**
 * The gcc run-time library packages that the build's flags show, from its RUN and ENV lines and the build files
 * of the given context folders.
 */
export function gccRuntime(
  texts: readonly string[],
  context: BuildContext,
  folders: readonly string[],
  release: string | null,
  installed: readonly string[],
): GccRuntime {
  const files = folders.flatMap((dir) =>
    context
      .list(dir)
      .filter((name) => BUILD_FILES.test(name))
      .map((name) => context.read(dir === "." ? name : `${dir}/${name}`) ?? ""),
  );
  const all = [...texts, ...files].join("\n");
  const needed = FLAG_LIBRARIES.map(([flag, library]) => ({ flag: flag.exec(all)?.[0].trim(), library })).filter((n) => n.flag);
  if (needed.length === 0) return { packages: [], flags: [] };
  // A versioned compiler the build installs (`gcc-11`) brings that version's libraries.
  const versioned = installed.map((p) => /^(?:gcc|g\+\+|gfortran)-(\d+)$/.exec(packageName(p))?.[1]).find(Boolean);
  const flags = needed.map((n) => `\`${n.flag?.replace(/^['"=]/, "")}\``);
  if (release === null || !Object.hasOwn(DEFAULT_GCC, release)) return { packages: null, flags };
  // An older gcc's libgcc-N-dev lists only its own libraries; the ones all versions share come with the default's.
  const known = [versioned, DEFAULT_GCC[release]]
    .filter((major) => major !== undefined)
    .flatMap((major) => [...(libsOfDev(`libgcc-${major}-dev`, release) ?? []), ...(libsOfDev(`libgfortran-${major}-dev`, release) ?? [])]);
  const packages = needed.map((n) => known.find((k) => n.library.test(k)));
  if (packages.some((p) => p === undefined)) return { packages: null, flags };
  return { packages: [...new Set(packages as string[])], flags };
}
