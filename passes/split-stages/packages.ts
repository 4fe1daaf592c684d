// Which OS packages a build installs only to build (compilers, headers, VCS) and which the program still
// needs when it runs. Unknown packages count as run-time: keeping one too many is safe, dropping one is not.
// Headers (`libpq-dev`) are build-only too: the runtime gets the library packages Debian says they stand for.
import { headersOnly, isBuildOnlyPackage, isHeaders, libsOfDev } from "./closure/debian-libs.js";

/** Commands of packages that are not (only) the package's name, for "is it named in the entry?". */
const PROVIDES: Readonly<Record<string, readonly string[]>> = {
  "build-essential": ["gcc", "g++", "cc", "c++", "make", "cpp"],
  "ninja-build": ["ninja"],
  pkgconf: ["pkg-config"],
  "python3-pip": ["pip", "pip3"],
  "xz-utils": ["xz", "unxz", "xzcat", "lzma", "unlzma", "lzcat"],
  bzip2: ["bzip2", "bunzip2", "bzcat"],
  zstd: ["zstd", "unzstd", "zstdcat"],
  ncompress: ["compress", "uncompress"],
  cron: ["cron", "crontab"],
  supervisor: ["supervisord", "supervisorctl", "pidproxy", "echo_supervisord_conf"],
  // Programs whose package has another name (Debian's file lists: imagemagick-6.q16, openssh-client, procps, gpg).
  imagemagick: ["convert", "identify", "compare", "composite", "montage", "mogrify", "conjure", "animate", "display", "import", "stream"],
  "openssh-client": ["ssh", "scp", "sftp", "ssh-keygen", "ssh-keyscan", "ssh-add", "ssh-agent", "ssh-copy-id"],
  procps: ["ps", "pgrep", "pkill", "pmap", "vmstat", "top", "free", "watch", "uptime", "w", "sysctl", "slabtop", "tload", "pwdx"],
  gnupg: ["gpg", "gpg-agent", "gpgconf", "gpgsm", "dirmngr"],
};

/** The commands a package provides (its own name unless listed). */
export function providedCommands(spec: string): readonly string[] {
  const name = spec.replace(/[=:].*$/, "");
  return PROVIDES[name] ?? [name];
}

/** The Debian package that provides `command`, by the table above or else by its name. */
export function providingPackage(command: string): string {
  return Object.entries(PROVIDES).find(([, commands]) => commands.includes(command))?.[0] ?? command;
}

/**
 * Debian's Python headers (`python3-dev`, `python3.11-dev`, `libpython3.11-dev`): on the official python images
 * the interpreter and its headers are the image's own, in /usr/local, so an extension built there links no
 * Debian libpython, and the runtime needs none (Debian's `libpython3.13` would be dead weight, or a package
 * the runtime's release lacks).
 */
export function isDebianPythonHeaders(name: string): boolean {
  return /^(lib)?python(\d(\.\d+)?)?(-all)?-dev$/.test(name);
}

/**
 * `listed`: only the packages known to be build-only are dropped. `unlessNamed`: the runtime runs a program of
 * its base image (nginx serving files), so a package it does not name is build-only when the table says so or a
 * build step runs it (`curl` fetching the site, `npm` building it); one nothing in the build uses (`inotify-tools`
 * for a script the image ships, `jq` for a `/docker-entrypoint.d` hook) is the image's, and stays.
 */
export type PackagePolicy = "listed" | "unlessNamed";

/** Commands that compile or link C and C++: the image that runs one needs the headers installed with it. */
const COMPILER_COMMANDS = new Set(["gcc", "g++", "cc", "c++", "cpp", "clang", "clang++", "tcc", "gfortran", "ld", "make"]);

/** Package managers whose runs run the interpreter a package brings (`npm ci` runs node). */
const RUNS_ON: Readonly<Record<string, string>> = { npm: "nodejs", npx: "nodejs", yarnpkg: "nodejs", pip: "python3", pip3: "python3" };

export interface PackageSplit {
  readonly buildOnly: readonly string[];
  readonly runtime: readonly string[];
  /** Headers whose run-time library is not known for the release: the split must not drop them blindly. */
  readonly unknownHeaders: readonly string[];
}

/**
 * Split installed packages into build-only and run-time ones. A build-only package stays run-time when a
 * command it provides is named by what the image runs (`usedCommands`). A headers package (`-dev`) is
 * replaced by its run-time libraries for the Debian `release` (null: not Debian, none known).
 */
export function splitPackages(
  packages: readonly string[],
  usedCommands: ReadonlySet<string>,
  policy: PackagePolicy = "listed",
  release: string | null = null,
  ownPython = false,
  /** Commands the build's RUNs call (`unlessNamed`: the evidence that a package is the build's). */
  buildCommands: ReadonlySet<string> = new Set(),
  /** Packages the recipe has shown build-only for this image (node-gyp's Python on a Node image nothing runs Python in). */
  alsoBuildOnly: ReadonlySet<string> = new Set(),
): PackageSplit {
  const byBuild = new Set([...buildCommands, ...[...buildCommands].flatMap((c) => (RUNS_ON[c] ? [RUNS_ON[c]] : []))]);
  const buildOnly: string[] = [];
  const runtime: string[] = [];
  const libraries: string[] = [];
  const unknownHeaders: string[] = [];
  // A compiler the image runs (a code runner calling gcc) needs the headers and C library files it was given.
  const compilesAtRunTime = packages.some((spec) => providedCommands(spec).some((c) => COMPILER_COMMANDS.has(c) && usedCommands.has(c)));
  for (const spec of packages) {
    const name = spec.replace(/[=:].*$/, "");
    const provides = providedCommands(name);
    const candidate =
      isBuildOnlyPackage(name) ||
      alsoBuildOnly.has(name) ||
      (policy === "unlessNamed" && !/nginx/.test(name) && [name, ...provides].some((c) => byBuild.has(c)));
    if (!candidate || provides.some((c) => usedCommands.has(c)) || (compilesAtRunTime && isHeaders(name))) {
      runtime.push(spec);
      continue;
    }
    buildOnly.push(spec);
    if (policy === "unlessNamed" || !isHeaders(name) || (ownPython && isDebianPythonHeaders(name))) continue;
    // A headers-only package needs nothing at run time on any release, Ubuntu's too (debian-libs.ts headersOnly).
    const libs = (release === null ? null : libsOfDev(name, release)) ?? (headersOnly(name) ? [] : null);
    if (libs === null) unknownHeaders.push(spec);
    else libraries.push(...libs);
  }
  const names = new Set(runtime.map((p) => p.replace(/[=:].*$/, "")));
  for (const lib of libraries) {
    if (!names.has(lib)) runtime.push(lib);
    names.add(lib);
  }
  return { buildOnly, runtime, unknownHeaders };
}
