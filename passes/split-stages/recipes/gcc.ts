// The official gcc image: `buildpack-deps:<suite>` (Debian with many `-dev` packages preinstalled) with GCC built
// from source into /usr/local, its run-time libraries in /usr/local/lib64, which `/etc/ld.so.conf.d/000-local-lib.conf`
// puts before Debian's own (docker-library/gcc). The runtime is `debian:<suite>-slim` of the same suite (from
// the tag, by the image catalog). A plain C program needs glibc alone; one that links libstdc++ (C++), libgomp
// (`-fopenmp`) or libatomic needs those of the image's GCC, newer than the suite's: the runtime copies them
// with the loader configuration. A library linked with `-l` (or in `target_link_libraries`) needs its Debian
// run-time package, known from the `-dev` package that the image preinstalled or the Dockerfile installed.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { copyOperands } from "../../../src/core/instructions.js";
import { instruction, type Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { aptInstallRun } from "../apt-run.js";
import { cLinks, isMakefileName } from "../closure/c-links.js";
import { debianTableReleases, devDependsOf, isHeaders, libsOfDev, packageName } from "../closure/debian-libs.js";
import { debianRelease } from "../closure/debian-release.js";
import { withContextReplay } from "../context-replay.js";
import { copyDestination } from "../contract.js";
import { isUnder, resolvePath } from "../paths.js";
import { devPackageFor } from "./go-source.js";
import { isOfficial, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

/** Where the image's GCC puts its shared run-time libraries, and the loader file that puts the folder first. */
export const GCC_LIB_DIR = "/usr/local/lib64";
export const GCC_LD_CONF = "/etc/ld.so.conf.d/000-local-lib.conf";

/**
 * Where the image's GCC put its run-time libraries on the stage's platform: `lib64` on 64-bit architectures,
 * `lib` on 32-bit ones (GCC built without multilib; the loader file names both), null when the platform is not
 * written literally. A stage without `--platform` is taken as the host's 64-bit one.
 */
export function gccLibDir(platform: string | null | undefined): string | null {
  if (!platform || /^linux\/(amd64|arm64(\/v8)?|ppc64le|s390x|riscv64|mips64le)$/.test(platform)) return GCC_LIB_DIR;
  if (/^linux\/(arm(\/v[5-7])?|386)$/.test(platform)) return "/usr/local/lib";
  return null;
}

/** Libraries glibc itself provides (every Debian runtime has them), and gcc's static ones (linked into the program). */
const GLIBC = new Set(["c", "m", "pthread", "dl", "rt", "util", "crypt", "resolv", "anl", "gcc", "gcov", "stdc++fs", "stdc++exp"]);
/** gcc's run-time libraries the runtime takes from the image's GCC, by `-l` name: their files (sonames). */
const GCC_OWN: Readonly<Record<string, readonly string[]>> = {
  "stdc++": ["libstdc++.so.6", "libgcc_s.so.1"],
  gcc_s: ["libgcc_s.so.1"],
  gomp: ["libgomp.so.1"],
  atomic: ["libatomic.so.1"],
};
/** gcc's other run-time libraries: their files differ by architecture and GCC release, so none is carried. */
const GCC_OTHER = /^(?:quadmath|itm|asan|tsan|lsan|ubsan|hwasan|gfortran|go|ssp|objc|gphobos|gdruntime|m2\w+)$/;

/**
 * The `-dev` packages the image has preinstalled (buildpack-deps' full layer, the same list for bookworm and trixie),
 * by the `-l` names of the libraries they hold.
 */
const IMAGE_DEV: Readonly<Record<string, string>> = {
  ssl: "libssl-dev",
  crypto: "libssl-dev",
  curl: "libcurl4-openssl-dev",
  mariadb: "default-libmysqlclient-dev",
  mysqlclient: "default-libmysqlclient-dev",
  bz2: "libbz2-dev",
  db: "libdb-dev",
  event: "libevent-dev",
  event_core: "libevent-dev",
  event_extra: "libevent-dev",
  event_openssl: "libevent-dev",
  event_pthreads: "libevent-dev",
  ffi: "libffi-dev",
  gdbm: "libgdbm-dev",
  "glib-2.0": "libglib2.0-dev",
  "gobject-2.0": "libglib2.0-dev",
  "gio-2.0": "libglib2.0-dev",
  "gmodule-2.0": "libglib2.0-dev",
  "gthread-2.0": "libglib2.0-dev",
  gmp: "libgmp-dev",
  gmpxx: "libgmp-dev",
  jpeg: "libjpeg-dev",
  krb5: "libkrb5-dev",
  gssapi_krb5: "libkrb5-dev",
  k5crypto: "libkrb5-dev",
  lzma: "liblzma-dev",
  ncurses: "libncurses-dev",
  ncursesw: "libncurses-dev",
  tinfo: "libncurses-dev",
  panel: "libncurses-dev",
  menu: "libncurses-dev",
  form: "libncurses-dev",
  png: "libpng-dev",
  png16: "libpng-dev",
  pq: "libpq-dev",
  readline: "libreadline-dev",
  history: "libreadline-dev",
  sqlite3: "libsqlite3-dev",
  webp: "libwebp-dev",
  xml2: "libxml2-dev",
  xslt: "libxslt1-dev",
  exslt: "libxslt1-dev",
  yaml: "libyaml-dev",
  z: "zlib1g-dev",
  maxminddb: "libmaxminddb-dev",
};

/**
 * The `-dev` package of the buildpack-deps image (the full gcc, python, golang and rust images) that holds the
 * library linked as `-l<name>`, or null when the image has none preinstalled by that name.
 */
export function imageDevOf(name: string): string | null {
  return Object.hasOwn(IMAGE_DEV, name) ? IMAGE_DEV[name] : null;
}

/** Is `-l<name>` a library of glibc itself (every Debian runtime has it) or one of gcc's static ones? */
export function isGlibcLink(name: string): boolean {
  return GLIBC.has(name);
}

/**
 * Libraries that make TLS connections (or may: libcurl, libpq, the MySQL client, Kerberos), which check the
 * system's CA certificates: the gcc image has `ca-certificates` (buildpack-deps), the slim runtime does not.
 */
const TLS_LIBRARIES = new Set([
  "curl",
  "ssl",
  "crypto",
  "pq",
  "mariadb",
  "mysqlclient",
  "krb5",
  "gssapi_krb5",
  "event_openssl",
  "gnutls",
  "nghttp2",
]);

/** What ADD extracts or fetches rather than copies: an archive, or a URL or git repository. */
const ARCHIVE_OR_URL = /\.(?:tar|tgz|tbz2?|txz|tzst|tar\.(?:gz|bz2|xz|zst|lz|lzma|Z))$|^(?:https?|git|ssh):\/\/|^git@/i;

const list = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");

export const gccRecipe: Recipe = {
  id: "gcc",
  matches: (base) => isOfficial(base, "gcc"),
  tools: [],
  // The image sets no WORKDIR (nor does buildpack-deps or debian).
  baseWorkdir: "/",
  plan(base, a, context, runtimePackages, options): PlanResult {
    const tag = base.tag ?? "latest";
    const release = debianRelease(base);
    if (release === null || !debianTableReleases().includes(release))
      return { ok: false, id: "gccImageRelease", data: { image: base.raw, tag } };
    const image = `debian:${release}-slim`;
    const body = a.stage.body.slice(0, a.lastBuild + 1);
    const runs = body
      .filter((i) => i.keyword === "RUN" || i.keyword === "ENV")
      .map((i) => ({ text: i.args, line: i.line, env: i.keyword === "ENV" }));
    // The build files the image holds: the context folders and files its COPY lines bring.
    const copied = [...new Set([...a.sources.values()].map((s) => s.replace(/^\.\/(?=.)/, "").replace(/(?<=.)\/+$/, "")))];
    const folders = copied.filter((s) => s === "." || context.list(s).length > 0);
    const files = copied.filter((s) => !folders.includes(s));
    // Files from another stage or image, an archive ADD extracts or a URL: their build files cannot be read here.
    const opaque = body.find(
      (i) =>
        (i.keyword === "COPY" || i.keyword === "ADD") &&
        (i.flags.some((f) => f.name === "from") ||
          (i.keyword === "ADD" && (copyOperands(i)?.sources ?? [""]).some((src) => ARCHIVE_OR_URL.test(src)))),
    );
    if (opaque)
      return {
        ok: false,
        id: "gccLinksUnread",
        data: {
          evidence: `the ${opaque.keyword} on line ${opaque.line} brings files from an archive, a URL or another image, which are not read`,
        },
      };
    // Files copied under a Makefile's name (`COPY Makefile.docker Makefile`): make reads them as Makefiles.
    const makefileCopies = [...a.sources].filter(
      ([dest, src]) => isMakefileName(posix.basename(dest)) && files.includes(src.replace(/^\.\/(?=.)/, "")),
    );
    const links = cLinks(
      runs,
      context,
      folders,
      files,
      makefileCopies.map(([, src]) => src.replace(/^\.\/(?=.)/, "")),
    );
    if (links.unread) return { ok: false, id: "gccLinksUnread", data: { evidence: links.unread } };
    const other = links.gccFlags.find((f) => f.library === null) ?? links.libraries.find((l) => GCC_OTHER.test(l.name));
    if (other) {
      const flag = "flag" in other ? `the flag \`${other.flag}\`` : other.evidence;
      return { ok: false, id: "gccRuntimeOther", data: { flag } };
    }
    const line = a.stage.body[a.lastBuild].line;
    // gcc's own libraries, from the image's GCC.
    const own: string[] = [];
    const why: string[] = [];
    if (links.cxx) {
      own.push(...GCC_OWN["stdc++"]);
      why.push(`the program is C++ (${links.cxx})`);
    }
    for (const f of links.gccFlags) {
      for (const so of GCC_OWN[f.library ?? ""] ?? []) if (!own.includes(so)) own.push(so);
      why.push(`the build's flag \`${f.flag}\` links ${f.library === "gomp" ? "libgomp" : `lib${f.library}`}`);
    }
    // The libraries linked by name: glibc's, gcc's own, or a Debian package's.
    const installed = a.apt.flatMap((i) => i.packages).filter((p) => isHeaders(packageName(p)));
    const packages: string[] = [];
    const linked: string[] = [];
    const devs: string[] = [];
    // The `-dev` packages apt installs along with those (libspdlog-dev Depends on libfmt-dev): their libraries too.
    const brought = installed.flatMap((p) => devDependsOf(packageName(p), release));
    const broughtLinks: Array<{ link: string; dev: string; via: string; libs: readonly string[] }> = [];
    for (const lib of links.libraries) {
      if (GLIBC.has(lib.name)) continue;
      if (Object.hasOwn(GCC_OWN, lib.name)) {
        const added = GCC_OWN[lib.name].filter((so) => !own.includes(so));
        own.push(...added);
        if (added.length > 0 || lib.name === "stdc++") why.push(`the build links \`-l${lib.name}\` (${lib.evidence})`);
        continue;
      }
      // A `-dev` the Dockerfile installs: the runtime installs its library packages already (splitPackages).
      if (devPackageFor(lib.name, installed) !== null) continue;
      const along = devPackageFor(
        lib.name,
        brought.map((b) => b.dev),
      );
      const alongLibs = along === null ? null : libsOfDev(along, release);
      if (along !== null && alongLibs !== null && alongLibs.length > 0) {
        const via = brought.find((b) => b.dev === along)?.via ?? "";
        broughtLinks.push({ link: `-l${lib.name}`, dev: along, via, libs: alongLibs });
        for (const p of alongLibs) if (!packages.includes(p) && !runtimePackages.some((r) => packageName(r) === p)) packages.push(p);
        continue;
      }
      const dev = Object.hasOwn(IMAGE_DEV, lib.name) ? IMAGE_DEV[lib.name] : null;
      const libs = dev === null ? null : libsOfDev(dev, release);
      if (dev === null || libs === null)
        return { ok: false, id: "gccLibraryUnknown", data: { library: lib.name, evidence: lib.evidence, image: base.raw } };
      linked.push(`-l${lib.name}`);
      if (!devs.includes(dev)) devs.push(dev);
      for (const p of libs) if (!packages.includes(p) && !runtimePackages.some((r) => packageName(r) === p)) packages.push(p);
    }
    const notes: RecipeNote[] = [];
    const prelude: Instruction[] = [];
    const tls = links.libraries.find((l) => TLS_LIBRARIES.has(l.name));
    const caNeeded = tls !== undefined && !runtimePackages.some((r) => packageName(r) === "ca-certificates");
    if (packages.length > 0 || caNeeded) {
      prelude.push(aptInstallRun(["-y", "--no-install-recommends"], caNeeded ? [...packages, "ca-certificates"] : packages, line));
      const imageLibs = packages.filter((p) => !broughtLinks.some((b) => b.libs.includes(p)));
      if (imageLibs.length > 0)
        notes.push({
          line,
          id: "gccImageLibraries",
          data: { packages: list(imageLibs), libraries: list(linked), headers: list(devs), release },
        });
      for (const b of broughtLinks) {
        const added = b.libs.filter((p) => packages.includes(p));
        if (added.length > 0)
          notes.push({
            line,
            id: "gccDependedLibraries",
            data: { packages: list(added), library: b.link, headers: b.dev, via: b.via, release },
          });
      }
      if (tls && caNeeded)
        notes.push({ line, id: "gccCaCertificates", data: { library: `-l${tls.name}`, evidence: tls.evidence, image: base.raw } });
    }
    const libDir = gccLibDir(a.stage.platform);
    if (own.length > 0 && libDir === null)
      return { ok: false, id: "gccRuntimePlatform", data: { libs: list(own), platform: a.stage.platform ?? "" } };
    if (own.length > 0 && libDir !== null) {
      const from = [{ name: "from", value: options.builderName ?? "build" }];
      prelude.push(
        instruction("COPY", `${own.map((so) => posix.join(libDir, so)).join(" ")} ${libDir}/`, { flags: from, line }),
        instruction("COPY", `${GCC_LD_CONF} ${GCC_LD_CONF}`, { flags: from, line }),
        instruction("RUN", "ldconfig", { line }),
      );
      notes.push({
        line,
        id: "gccImageRuntime",
        data: { libs: list(own), dir: libDir, conf: GCC_LD_CONF, why: [...new Set(why)].join("; "), image: base.raw, release },
      });
    }
    // The sources' folder, when the program is written elsewhere and the code names none of its files: left behind.
    const unread = sourcesLeft(a, context);
    if (unread !== null) notes.push({ line, id: "gccSourcesLeft", data: { path: unread } });
    const copyPaths = unread === null ? undefined : a.copyPaths.filter((p) => p !== unread);
    const plan = withContextReplay(
      a,
      { image, shellless: false, builderInserts: [], runtimePrelude: prelude, notes, ...(copyPaths ? { copyPaths } : {}) },
      copyDestination,
    );
    // The prelude copies from the build stage: it stays even when the context gives every other file.
    return { ok: true, plan: own.length > 0 && plan.dropBuilder ? { ...plan, dropBuilder: false } : plan };
  },
};

const C_COMPILERS = new Set(["gcc", "cc", "g++", "c++", "clang", "clang++"]);
const PROGRAM_EDITS = new Set(["chmod", "chown", "chgrp", "strip"]);
/** A compiler option after which the output is not the linked program (`-c`, `-S`, `-E`, dependency output). */
const NOT_LINKED = /^-(c|S|E|M|MM|MD|MMD|shared|save-temps.*)$/;
/** Calls that open a file by a name given at run time: any such call may read the sources' folder. */
const COMPUTED_OPEN =
  /\b(?:fopen|freopen|open|openat|creat|opendir|scandir|stat|lstat|access|chdir|realpath|dlopen|sqlite3_open(?:_v2)?|exec[lv]p?e?|system|popen)\s*\(\s*[^"\s)]|\b(?:i|o)?fstream\b|std::filesystem|getcwd/;
const C_SOURCE = /\.(c|h|cc|cpp|cxx|hpp|hh|hxx)$/;
const MAX_SOURCE_FILES = 200;

/**
 * The working folder, when the runtime need not copy it (red team 17 m6): it holds only what COPY put there, every
 * RUN that wrote in it ran the compiler alone with `-o` to a program outside it, the entry runs that program, and
 * the C sources neither open a file by a computed name nor name any file of the folder in a string.
 */
function sourcesLeft(a: Analysis, context: BuildContext): string | null {
  const wd = a.workdir;
  if (wd === null || wd === "/" || !a.copyPaths.includes(wd) || a.copyPaths.length < 2) return null;
  if (!a.entry.every((e) => e.artifact !== null && !isUnder(e.artifact, wd) && !e.shell)) return null;
  const runs = new Set(a.runWrites.filter((w) => isUnder(w.path, wd) || isUnder(wd, w.path)).map((w) => w.index));
  for (const index of runs) {
    const instr = a.stage.body[index];
    const script = parseShell(joinContinuations(instr.exec ? instr.exec.join(" ") : instr.args));
    if (!script.ok) return null;
    for (const c of simpleCommands(script)) {
      const words = c.args.map((w) => w.value);
      const name = posix.basename(c.name ?? "");
      // A mode, owner or strip of the program (`chmod u+s /usr/local/bin/x`): outside the folder too.
      if (PROGRAM_EDITS.has(name)) {
        const operands = words.filter((w) => w === null || !w.startsWith("-"));
        const paths = name === "strip" ? operands : operands.slice(1);
        if (paths.length === 0 || paths.some((w) => w === null || isUnder(resolvePath(wd, w) ?? wd, wd))) return null;
        continue;
      }
      if (!C_COMPILERS.has(name) || words.some((w) => w === null || NOT_LINKED.test(w))) return null;
      const o = words.indexOf("-o");
      const out = o >= 0 ? resolvePath(wd, words[o + 1] ?? "") : null;
      if (out === null || isUnder(out, wd)) return null;
    }
  }
  // The files the copies laid into the folder, from the context.
  const files: string[] = [];
  const walk = (src: string, depth: number): boolean => {
    if (files.length > MAX_SOURCE_FILES || depth > 6) return false;
    if (context.read(src) !== null) return files.push(src) > 0;
    const names = context.list(src);
    if (names.length === 0) return false;
    return names.every((n) => walk(src === "." ? n : posix.join(src, n), depth + 1));
  };
  for (const [dest, src] of a.sources) if (isUnder(dest, wd) && !walk(src, 0)) return null;
  const sources = files.filter((f) => C_SOURCE.test(f));
  const others = files.filter((f) => !C_SOURCE.test(f)).map((f) => posix.basename(f));
  for (const f of sources) {
    const text = context.read(f) ?? "";
    if (COMPUTED_OPEN.test(text)) return null;
    const strings = [...text.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1]);
    if (
      strings.some(
        (s) =>
          s === "." ||
          /^\.\.?\//.test(s) ||
          others.some((o) => s.includes(o)) ||
          files.some((x) => s.includes(posix.basename(x)) && !C_SOURCE.test(s)),
      )
    )
      return null;
  }
  return sources.length > 0 ? wd : null;
}
