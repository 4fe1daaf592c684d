// What production npm packages need from the OS at run time: the shared libraries their native code links
// and the programs they run. Packages the lockfile marks as building (an install script) must be in the
// table; one that is not leaves the split undone, naming it.
import type { LockedPackage } from "./node-project.js";

export interface OsNeeds {
  /** Debian run-time packages (bookworm names). */
  readonly debian: readonly string[];
  /** Why: the evidence a note can cite. */
  readonly why: string;
  /** The packages bring a program it runs (not a library it links). */
  readonly program?: boolean;
  /** The programs it runs (RUNS entries). */
  readonly runs?: readonly string[];
  /** Other Debian packages that bring the program (`libreoffice` for `libreoffice-core`): one installed meets it. */
  readonly providers?: readonly string[];
  /** Only the full image has them: a runtime on the original's own image needs no more than the original had. */
  readonly fullImage?: boolean;
}

/**
 * npm package → Debian packages it needs at run time. Sources: each package's binding.gyp / install docs.
 * An empty list: the addon links only libc/libstdc++ (in every node image) or bundles its libraries.
 */
const NATIVE: Readonly<Record<string, OsNeeds>> = {
  // node-libpq binding.gyp links `-lpq` found by pg_config (pg-native depends on it).
  libpq: { debian: ["libpq5"], why: "links libpq" },
  // bcrypt, argon2: C sources compiled in, no system library (their binding.gyp has no `libraries`).
  bcrypt: { debian: [], why: "links no system library" },
  argon2: { debian: [], why: "links no system library" },
  // sharp ≥0.33 ships libvips in @img/sharp-libvips-* packages from npm.
  sharp: { debian: [], why: "bundles libvips" },
  // canvas binding.gyp: cairo, pango, pangocairo, jpeg, gif, rsvg (pkg-config names of the -dev packages).
  canvas: {
    debian: ["libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "libjpeg62-turbo", "libgif7", "librsvg2-2"],
    why: "links cairo, pango, libjpeg, giflib and librsvg",
  },
  // Prisma's query and schema engines (downloaded into node_modules at install, copied into the generated
  // client) link OpenSSL's libssl, and the CLI runs `openssl version` to choose them (Prisma's Docker guide:
  // install `openssl` on slim images). The generated client itself comes from the build (layeredPlan).
  "@prisma/client": { debian: ["openssl"], why: "loads a query engine that links OpenSSL", fullImage: true },
  "@prisma/engines": { debian: ["openssl"], why: "downloads engines that link OpenSSL", fullImage: true },
  prisma: { debian: ["openssl"], why: "runs engines that link OpenSSL", fullImage: true },
  // sqlite3 and better-sqlite3 compile the SQLite amalgamation they ship.
  sqlite3: { debian: [], why: "bundles SQLite" },
  "better-sqlite3": { debian: [], why: "bundles SQLite" },
  // node-rdkafka links librdkafka (docs: "uses the system librdkafka when BUILD_LIBRDKAFKA=0").
  "node-rdkafka": { debian: ["librdkafka1"], why: "links librdkafka" },
  // ws's optional helpers and common addons with self-contained C/C++ sources.
  bufferutil: { debian: [], why: "links no system library" },
  "utf-8-validate": { debian: [], why: "links no system library" },
  microtime: { debian: [], why: "links no system library" },
  re2: { debian: [], why: "bundles RE2" },
  // kerberos binding.gyp links `-lkrb5 -lgssapi_krb5`.
  kerberos: { debian: ["libkrb5-3", "libgssapi-krb5-2"], why: "links Kerberos" },
  // odbc binding.gyp links `-lodbc`.
  odbc: { debian: ["libodbc2"], why: "links unixODBC" },
  // Install scripts that build nothing: binary checks and messages.
  esbuild: { debian: [], why: "installs a prebuilt binary from npm" },
  "core-js": { debian: [], why: "prints a message only" },
  "core-js-pure": { debian: [], why: "prints a message only" },
  protobufjs: { debian: [], why: "runs a version check only" },
  // Apollo's fork of protobufjs 6 keeps its postinstall version check.
  "@apollo/protobufjs": { debian: [], why: "runs a version check only" },
  // es5-ext's postinstall prints a message (package.json `postinstall`: `_postinstall.js`).
  "es5-ext": { debian: [], why: "prints a message only" },
  "@swc/core": { debian: [], why: "installs a prebuilt binary from npm" },
  "@parcel/watcher": { debian: [], why: "ships prebuilt binaries" },
  // Its install script prints a message; nodemon/lib/monitor/run.js runs `kill`, its dependency pstree.remy
  // runs `ps` (both procps in Debian).
  nodemon: { debian: ["procps"], why: "runs `ps` and `kill` to stop the app it restarts", program: true },
  husky: { debian: [], why: "sets up git hooks only" },
  // @nestjs/core's postinstall runs opencollective (a message).
  "@nestjs/core": { debian: [], why: "prints a message only" },
  fsevents: { debian: [], why: "builds on macOS only" },
  // Install scripts that print a message, report the install, or fetch a prebuilt program from npm or the vendor
  // (package.json `postinstall`/`preinstall`/`install` of each).
  "styled-components": { debian: [], why: "prints a message only" },
  ejs: { debian: [], why: "prints a message only" },
  "highlight.js": { debian: [], why: "prints a message only" },
  "@scarf/scarf": { debian: [], why: "reports the install only" },
  node: { debian: [], why: "installs the prebuilt Node.js binary package for the platform from npm" },
  "@sentry/cli": { debian: [], why: "downloads the prebuilt, static sentry-cli binary" },
  nx: { debian: [], why: "checks its prebuilt native package from npm" },
  // deasync binding.gyp: one C++ source against nan, no `libraries`.
  deasync: { debian: [], why: "links no system library" },
  // @discordjs/opus binding.gyp depends on `deps/binding.gyp:libopus`, the Opus sources it ships.
  "@discordjs/opus": { debian: [], why: "bundles libopus" },
  // @sveltejs/kit's postinstall.js runs `svelte-kit sync` (generated types under .svelte-kit): no native code.
  "@sveltejs/kit": { debian: [], why: "writes generated types only" },
  // vue-demi's postinstall switches its own files to the installed Vue's major version.
  "vue-demi": { debian: [], why: "picks its own files for the Vue version only" },
  // msgpackr-extract loads a prebuilt @msgpackr-extract/* package (node-gyp-build-optional-packages), else builds its own C++.
  "msgpackr-extract": { debian: [], why: "ships prebuilt binaries" },
  // cpu-features builds the cpu_features sources it ships (deps/cpu_features).
  "cpu-features": { debian: [], why: "bundles cpu_features" },
  // sodium-native builds the libsodium sources it ships (deps/libsodium, deps/libsodium.gyp) or loads its prebuilds.
  "sodium-native": { debian: [], why: "bundles libsodium" },
  // ssh2's install.js builds an optional crypto binding against Node's own OpenSSL headers and symbols.
  ssh2: { debian: [], why: "links Node's own OpenSSL" },
  // Read in each package's npm tarball (npm pack, 2026-12-05): its install script and binding.gyp. A Node runtime
  // is the build's own release on its slim (or the same) image, so the addon finds the same libc and libstdc++.
  // bigint-buffer 1.1.5: `install` runs `node-gyp rebuild` (else its pure-JS fallback); binding.gyp: one C source.
  "bigint-buffer": { debian: [], why: "links no system library" },
  // farmhash 3.3.1: `prebuild-install || node-gyp rebuild`; binding.gyp: the farmhash sources it ships, against
  // node-addon-api, no `libraries` (built: the addon links libstdc++, libgcc_s, libm and libc only).
  farmhash: { debian: [], why: "links no system library" },
  // ffmpeg-static 5.2.0 install.js: downloads one statically linked `ffmpeg` (README: John Van Sickle's Linux
  // builds) to index.js's path, the package's own folder; its download cache in the home folder is read at install only.
  "ffmpeg-static": { debian: [], why: "downloads a statically linked `ffmpeg` into its own folder" },
  // duckdb 0.9.2: `node-pre-gyp install --fallback-to-build` fetches lib/binding/duckdb.node or builds the DuckDB
  // sources it ships (src/duckdb); binding.gyp `libraries: []`.
  duckdb: { debian: [], why: "bundles DuckDB" },
  // dtrace-provider 0.8.8 binding.gyp builds its addon on macOS, Solaris and FreeBSD only; elsewhere a stub.
  "dtrace-provider": { debian: [], why: "builds nothing on Linux" },
  // leveldown 6.1.1, classic-level 3.0.0: `node-gyp-build` (prebuilds/linux-x64, else binding.gyp over the LevelDB
  // and Snappy sources in deps/).
  leveldown: { debian: [], why: "bundles LevelDB" },
  "classic-level": { debian: [], why: "bundles LevelDB" },
  // @serialport/bindings-cpp 13.0.1: `node-gyp-build`; binding.gyp: its own sources on Linux, no `libraries`.
  "@serialport/bindings-cpp": { debian: [], why: "links no system library" },
  // unix-dgram 2.0.7: binding.gyp (npm builds it) over one C++ source against nan, no `libraries`.
  "unix-dgram": { debian: [], why: "links no system library" },
  // keccak 3.0.4, secp256k1 4.0.4 (ethers' and hardhat's): `node-gyp-build || exit 0` (prebuilds/linux-x64, else
  // binding.gyp over the libkeccak and libsecp256k1 sources in src/, else their pure-JS fallback).
  keccak: { debian: [], why: "bundles the Keccak sources" },
  secp256k1: { debian: [], why: "bundles libsecp256k1" },
};

/** npm packages that run a program of the OS (source: each package's README). */
const RUNS: Readonly<Record<string, OsNeeds>> = {
  "simple-git": { debian: ["git"], why: "runs `git`", runs: ["git"] },
  gm: { debian: ["graphicsmagick"], why: "runs `gm` (GraphicsMagick)", runs: ["gm"] },
  imagemagick: { debian: ["imagemagick"], why: "runs `convert` and `identify`", runs: ["convert", "identify"] },
  "fluent-ffmpeg": { debian: ["ffmpeg"], why: "runs `ffmpeg`", runs: ["ffmpeg"] },
  "pdf-poppler": { debian: ["poppler-utils"], why: "runs `pdftocairo`", runs: ["pdftocairo"] },
  // next/dist/client/components/react-dev-overlay/internal/helpers/launchEditor.js runs `ps`.
  next: { debian: ["procps"], why: "runs `ps` (its editor launcher, used by `next dev`)", runs: ["ps"] },
  // launch-editor/guess.js and react-dev-utils/launchEditor.js run `ps` to find the editor an error overlay opens
  // (react-scripts start, vite's dev server).
  "launch-editor": { debian: ["procps"], why: "runs `ps` to find the editor to open", runs: ["ps"] },
  "react-dev-utils": { debian: ["procps"], why: "runs `ps` to find the editor to open", runs: ["ps"] },
  // Process-tree helpers spawn `ps` on Linux (tree-kill: `ps -o pid --no-headers --ppid`; ps-tree, pidtree and
  // find-process: `ps -A`/`ps ax`); concurrently and ts-node-dev kill their children through tree-kill.
  "tree-kill": { debian: ["procps"], why: "runs `ps` to find the processes it kills", runs: ["ps"] },
  // pm2's lib/TreeKill.js runs `ps -o pid --no-headers --ppid PID` to stop an app's children; forever-monitor uses ps-tree.
  pm2: { debian: ["procps"], why: "runs `ps` to find the child processes of the apps it stops", runs: ["ps"] },
  forever: { debian: ["procps"], why: "runs `ps` to find the child processes of the app it stops", runs: ["ps"] },
  "ps-tree": { debian: ["procps"], why: "runs `ps` to list child processes", runs: ["ps"] },
  pidtree: { debian: ["procps"], why: "runs `ps` to list child processes", runs: ["ps"] },
  "find-process": { debian: ["procps"], why: "runs `ps` to find processes", runs: ["ps"] },
  // git-rev-sync runs `git rev-parse` and `git log` when the app asks for its commit.
  "git-rev-sync": { debian: ["git"], why: "runs `git`", runs: ["git"] },
  // Read in each package's source (npm pack, 2026-12): the program it spawns by default.
  // git-last-commit 1.0.1 source/index.js: exec("git log -1 … && git rev-parse --abbrev-ref HEAD").
  "git-last-commit": { debian: ["git"], why: "runs `git`", runs: ["git"] },
  // node-7z 3.0.0 src/references.js: BIN_DEFAULT = '7z' (README: Debian's p7zip-full).
  "node-7z": { debian: ["p7zip-full"], why: "runs `7z`", runs: ["7z"] },
  // node-qpdf 1.0.3 index.js: Qpdf.command = 'qpdf'.
  "node-qpdf": { debian: ["qpdf"], why: "runs `qpdf`", runs: ["qpdf"] },
  // node-tesseract-ocr 2.2.1 src/index.js: exec of config.binary || "tesseract".
  "node-tesseract-ocr": { debian: ["tesseract-ocr"], why: "runs `tesseract`", runs: ["tesseract"] },
  // wkhtmltopdf 0.4.0 index.js: wkhtmltopdf.command = 'wkhtmltopdf', spawned.
  wkhtmltopdf: { debian: ["wkhtmltopdf"], why: "runs `wkhtmltopdf`", runs: ["wkhtmltopdf"] },
  // unoconv-promise 1.0.8 src/util.js: bin = 'unoconv', spawned (Debian's unoconv brings LibreOffice).
  "unoconv-promise": { debian: ["unoconv"], why: "runs `unoconv`", runs: ["unoconv"] },
  // pdf-image 2.0.0 index.js: exec of `pdfinfo` and `convert` (README: imagemagick, ghostscript, poppler-utils).
  "pdf-image": {
    debian: ["poppler-utils", "imagemagick", "ghostscript"],
    why: "runs `pdfinfo` and `convert`, which reads PDFs with `gs`",
    runs: ["pdfinfo", "convert", "gs"],
  },
  // pdf2pic 3.2.0 dist/index.js: gm's GraphicsMagick (not ImageMagick) on PDF pages, which it reads with `gs`.
  pdf2pic: { debian: ["graphicsmagick", "ghostscript"], why: "runs `gm` on PDF pages, which reads them with `gs`", runs: ["gm", "gs"] },
  // python-shell 5.0.0 index.js: PythonShell.defaultPythonPath = "python3" off Windows, spawned for every script.
  "python-shell": { debian: ["python3"], why: "runs `python3` (its default pythonPath)", runs: ["python3"] },
  // systeminformation 5.33.31 lib/processes.js (processes(), processLoad()) and lib/network.js (networkConnections())
  // exec `ps -axo …`/`ps -Ao …` on Linux.
  systeminformation: { debian: ["procps"], why: "runs `ps` (processes(), networkConnections())", runs: ["ps"] },
  // ps-list 9.0.0 index.js: execFile('ps', …) off Windows.
  "ps-list": { debian: ["procps"], why: "runs `ps` to list processes", runs: ["ps"] },
  // ps-node 0.1.6 lib/index.js: spawn('ps', args) off Windows.
  "ps-node": { debian: ["procps"], why: "runs `ps` to list processes", runs: ["ps"] },
  // node-os-utils 1.3.7 lib/osCmd.js, lib/proc.js: `ps -eo …`, `ps -A`, `top -bn1`; 2.0.5
  // dist/src/adapters/linux-adapter.js: `ps -eo …`.
  "node-os-utils": { debian: ["procps"], why: "runs `ps` and `top`", runs: ["ps", "top"] },
  // youtube-dl-exec 3.1.15 src/constants.js + scripts/postinstall.js: runs the `yt-dlp` its install downloads into
  // node_modules, a Python zipapp (`#!/usr/bin/env python3`; scripts/preinstall.mjs checks python3 >= 3.9).
  "youtube-dl-exec": { debian: ["python3"], why: "runs `yt-dlp`, a Python program (`python3`)", runs: ["python3"] },
  // yt-dlp-wrap 2.3.12 dist/index.js: spawns `yt-dlp` (binaryPath default), a Python zipapp (`#!/usr/bin/env python3`)
  // whether installed by hand or by its downloadFromGithub().
  "yt-dlp-wrap": { debian: ["python3"], why: "runs `yt-dlp`, a Python program (`python3`)", runs: ["python3"] },
  // libreoffice-convert 1.8.2 index.js: execFile of /usr/bin/libreoffice or /usr/bin/soffice on Linux.
  "libreoffice-convert": {
    debian: ["libreoffice-core"],
    why: "runs LibreOffice (`soffice`)",
    runs: ["soffice"],
    providers: ["libreoffice", "libreoffice-nogui", "libreoffice-writer", "libreoffice-calc", "libreoffice-impress", "libreoffice-draw"],
  },
  // clamscan 2.4.0 index.js: runs /usr/bin/clamdscan by default, else /usr/bin/clamscan (ClamAV).
  clamscan: {
    debian: ["clamav"],
    why: "runs ClamAV's `clamdscan` or `clamscan`",
    runs: ["clamscan"],
    providers: ["clamdscan", "clamav-daemon"],
  },
};

/**
 * Packages whose install or run needs what neither a production install apart nor a smaller image keeps, on
 * whatever lockfile (yarn classic and pnpm 9 record no install scripts). Sources: each package's install docs.
 */
const OUTSIDE: Readonly<Record<string, string>> = {
  puppeteer:
    "downloads Chrome into the home folder (`~/.cache/puppeteer`) at install, outside node_modules (install Debian's `chromium` and set `PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium` to launch that one instead)",
  cypress: "downloads its app into the home folder (`~/.cache/Cypress`) at install, outside node_modules",
  "playwright-chromium": "downloads a browser into the home folder (`~/.cache/ms-playwright`) at install, outside node_modules",
  "playwright-firefox": "downloads a browser into the home folder (`~/.cache/ms-playwright`) at install, outside node_modules",
  "playwright-webkit": "downloads a browser into the home folder (`~/.cache/ms-playwright`) at install, outside node_modules",
  electron: "downloads Electron at install, which links GTK and NSS libraries",
};

/**
 * Platform packages that ship a prebuilt binary and run nothing at install (the registry's manifest of each has no
 * `scripts` and no `gypfile`: `npm view <name> scripts`, checked 2026-12-05 on the linux-x64 variants). Their
 * binaries link only the C and C++ run-time libraries node itself needs (ldd), or the libraries of a sibling
 * prebuilt package (`@img/sharp-libvips-*`). pnpm 7–8 mark them `requiresBuild` without looking, as every optional package.
 */
const PREBUILT: readonly RegExp[] = [
  /^@next\/swc-/,
  /^@esbuild\//,
  /^esbuild-(linux|darwin|windows|freebsd|netbsd|openbsd|sunos|android)-/,
  /^@rollup\/rollup-/,
  /^@swc\/core-/,
  /^lightningcss-/,
  /^@tailwindcss\/oxide-/,
  /^@img\/sharp-/,
  /^@parcel\/watcher-/,
  /^@biomejs\/cli-/,
  /^turbo-(linux|darwin|windows)-/,
  /^@rspack\/binding-/,
];

export type NativeNeeds =
  | { readonly ok: true; readonly needs: ReadonlyArray<{ readonly pkg: string } & OsNeeds> }
  | { readonly ok: false; readonly pkg: string; readonly id: "nativeUnknown" | "nativeOptionalUnknown" }
  | { readonly ok: false; readonly pkg: string; readonly id: "nativeOutside"; readonly why: string };

/**
 * The OS needs of the production packages, or the first building package the table does not know. A package
 * the table does not know needs nothing more when the runtime is the image it was installed on (`sameImage`: it
 * finds the libraries it found at install, since the runtime keeps the run-time part of every OS package the
 * build added, and every Alpine one); elsewhere it is unknown.
 */
/**
 * Addons that link a system library instead of the one they bundle when an npm config key names it (sqlite3's
 * documented external SQLite build: `npm_config_sqlite=/usr`, `.npmrc` `sqlite=/usr`).
 */
const SYSTEM_LINKED: Readonly<Record<string, { readonly key: string } & OsNeeds>> = {
  sqlite3: { key: "sqlite", debian: ["libsqlite3-0"], why: "links the system's SQLite, which the npm config `sqlite` names" },
};

export function osNeeds(
  packages: readonly LockedPackage[],
  local: ReadonlySet<string> = new Set(),
  sameImage = false,
  /** Packages whose outside need the Dockerfile meets itself (puppeteer told to launch an OS package's browser). */
  met: ReadonlySet<string> = new Set(),
  /** The npm config keys the stage sets (`npm_config_sqlite`, `.npmrc`), lowercase with `_` for `-`. */
  npmConfig: ReadonlySet<string> = new Set(),
): NativeNeeds {
  const needs: Array<{ pkg: string } & OsNeeds> = [];
  const seen = new Set<string>();
  for (const p of packages) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    // Its install script only downloads what the Dockerfile's own package replaces.
    if (met.has(p.name)) continue;
    if (Object.hasOwn(OUTSIDE, p.name)) return { ok: false, pkg: p.name, id: "nativeOutside", why: OUTSIDE[p.name] };
    const linked = SYSTEM_LINKED[p.name];
    const known =
      (linked && npmConfig.has(linked.key) ? { debian: linked.debian, why: linked.why } : undefined) ??
      NATIVE[p.name] ??
      (RUNS[p.name] && { ...RUNS[p.name], program: true });
    if (known) needs.push({ pkg: p.name, ...known });
    else if (sameImage || local.has(p.name)) continue;
    else if (p.builds === true) return { ok: false, pkg: p.name, id: "nativeUnknown" };
    else if (p.builds === null && !PREBUILT.some((re) => re.test(p.name))) return { ok: false, pkg: p.name, id: "nativeOptionalUnknown" };
  }
  return { ok: true, needs };
}

/** Is the package one of the table's addons (its install may compile against OS headers)? */
export function knownAddon(name: string): boolean {
  return Object.hasOwn(NATIVE, name);
}

/**
 * The end-of-life Debian release a tag names (`20-buster`, `10-stretch-slim`), whose packages deb.debian.org no
 * longer serves (they moved to archive.debian.org): an `apt-get update` there fails. Null for any other tag.
 */
export function eolDebian(tag: string | null): string | null {
  return /(?:^|-)(jessie|stretch|buster)(?:-|$)/.exec(tag ?? "")?.[1] ?? null;
}
