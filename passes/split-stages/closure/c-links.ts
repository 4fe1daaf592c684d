// What a C or C++ build links, read from its compiler commands (RUN), Makefiles and CMakeLists.txt: the
// libraries named with `-l` or in `target_link_libraries`, whether it builds C++ (libstdc++), and the flags of
// gcc's own run-time libraries. A build whose libraries are decided where this cannot read them (pkg-config,
// `*-config --libs`, a CMake package or variable it does not know, another build system) is reported as unread.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import { sourceFiles } from "../source-files.js";

export interface LinkedLibrary {
  /** The name as `-l` takes it (`ssl`, `stdc++`). */
  readonly name: string;
  /** Where it was seen (`-lssl` in the RUN on line 4, `target_link_libraries` in CMakeLists.txt). */
  readonly evidence: string;
}

export interface CLinks {
  /** The build compiles C++ (g++, C++ sources, CMake's CXX): the program links libstdc++ and libgcc_s. */
  readonly cxx: string | null;
  readonly libraries: readonly LinkedLibrary[];
  /** Flags that link gcc's own run-time libraries other than by `-l` (`-fopenmp`, `-fsanitize=address`). */
  readonly gccFlags: ReadonlyArray<{ readonly flag: string; readonly library: string | null }>;
  /** Something decides the libraries where they cannot be read; null when everything was read. */
  readonly unread: string | null;
}

/** C and C++ compiler drivers (and versioned ones: `gcc-14`, `g++-14`). */
const COMPILER = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+)?$/;
const CXX_COMPILER = /^(?:g\+\+|c\+\+|clang\+\+)(?:-\d+)?$/;
/** Build drivers whose files this reads. */
const READ_DRIVERS = new Set(["make", "cmake"]);
/** Build systems whose files this does not read: what they link is unknown. */
const UNREAD_DRIVERS = /^(?:meson|ninja|scons|bazel|bazelisk|qmake|autoreconf|autoconf|xmake|premake\d*|b2|bjam|gfortran|gccgo)$/;
/** Makefiles by name: `Makefile`, `Makefile.linux`, `build.mk`, `config.mak` (over-reading one costs a package at most). */
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile(?:\..+)?|.*\.mk|.*\.mak)$/;
/** Whether a file by this name is read as a Makefile (`COPY Makefile.docker Makefile`: the destination's name counts). */
export const isMakefileName = (name: string): boolean => MAKEFILE.test(name);
const CMAKE_FILE = /^(?:CMakeLists\.txt|.*\.cmake)$/;
const CXX_SOURCE = /\.(?:cpp|cc|cxx|c\+\+|C|hpp|hh|hxx)$/;
const SKIP_DIRS = /^(?:\.|node_modules$|build$|cmake-build-|_deps$|CMakeFiles$)/;
/** `-lfoo` in a command or a Makefile line (not `ls -la`: see makeLibraries). */
const DASH_L = /(?:^|[\s"'=(])-l([A-Za-z0-9_][\w+.-]*)/g;
/** `-l$(NAME)`, `-l${NAME}`, `-l$NAME`: a library named by a variable. */
const DASH_L_COMPUTED = /(?:^|[\s"'=(])-l\s*\$/;
/** pkg-config and the `*-config --libs` scripts name libraries only when they run. */
const CONFIG_TOOL =
  /\bpkg-config\b|\bpkgconf\b|\b[\w.+-]+[-_]config\s+(?:--[\w-]+\s+)*--(?:libs|ldflags)\b|\bpkg_check_modules\s*\(|\bpkg_search_module\s*\(/;

/** gcc's run-time libraries that flags (not `-l`) link; library null: one the caller does not provide. */
const GCC_FLAGS: ReadonlyArray<readonly [RegExp, string | null]> = [
  [/(?:^|[\s"'=])-fopenmp\b/, "gomp"],
  [/(?:^|[\s"'=])-fsanitize=[\w,]+/, null],
  [/(?:^|[\s"'=])-(?:fgnu-tm)\b/, null],
];

/**
 * CMake packages whose libraries are known by name: `find_package(OpenSSL)` then `OpenSSL::SSL` or `${OPENSSL_LIBRARIES}`.
 * The names are the `-l` names of the libraries they stand for.
 */
const CMAKE_PACKAGES: Readonly<
  Record<
    string,
    { readonly prefix: string; readonly targets: Readonly<Record<string, readonly string[]>>; readonly libs: readonly string[] }
  >
> = {
  Threads: { prefix: "CMAKE_THREAD_LIBS_INIT", targets: { "Threads::Threads": ["pthread"] }, libs: ["pthread"] },
  OpenMP: { prefix: "OpenMP_", targets: { "OpenMP::OpenMP_C": ["gomp"], "OpenMP::OpenMP_CXX": ["gomp"] }, libs: ["gomp"] },
  OpenSSL: { prefix: "OPENSSL_", targets: { "OpenSSL::SSL": ["ssl", "crypto"], "OpenSSL::Crypto": ["crypto"] }, libs: ["ssl", "crypto"] },
  CURL: { prefix: "CURL_", targets: { "CURL::libcurl": ["curl"] }, libs: ["curl"] },
  ZLIB: { prefix: "ZLIB_", targets: { "ZLIB::ZLIB": ["z"] }, libs: ["z"] },
  SQLite3: { prefix: "SQLite3_", targets: { "SQLite::SQLite3": ["sqlite3"] }, libs: ["sqlite3"] },
  PostgreSQL: { prefix: "PostgreSQL_", targets: { "PostgreSQL::PostgreSQL": ["pq"] }, libs: ["pq"] },
  BZip2: { prefix: "BZIP2_", targets: { "BZip2::BZip2": ["bz2"] }, libs: ["bz2"] },
  LibLZMA: { prefix: "LIBLZMA_", targets: { "LibLZMA::LibLZMA": ["lzma"] }, libs: ["lzma"] },
  LibXml2: { prefix: "LIBXML2_", targets: { "LibXml2::LibXml2": ["xml2"] }, libs: ["xml2"] },
  PNG: { prefix: "PNG_", targets: { "PNG::PNG": ["png16"] }, libs: ["png16"] },
  JPEG: { prefix: "JPEG_", targets: { "JPEG::JPEG": ["jpeg"] }, libs: ["jpeg"] },
};
/** CMake variables that name libraries every glibc system has. */
const CMAKE_BASE_VARIABLES = new Set(["CMAKE_DL_LIBS", "CMAKE_THREAD_LIBS_INIT"]);
/** Words of `target_link_libraries` that are not libraries. */
const CMAKE_KEYWORDS = new Set([
  "PRIVATE",
  "PUBLIC",
  "INTERFACE",
  "LINK_PRIVATE",
  "LINK_PUBLIC",
  "LINK_INTERFACE_LIBRARIES",
  "debug",
  "optimized",
  "general",
]);
/** CMake commands that fetch or build other projects, whose targets this cannot read. */
const CMAKE_FOREIGN = /\b(?:FetchContent_MakeAvailable|FetchContent_Populate|ExternalProject_Add|CPMAddPackage|conan_cmake_run)\s*\(/;

/**
 * The links of the build's RUNs (`runs`: each RUN's text and line) and the build files under the context folders it
 * copies (`folders`, relative to the context: `.` for all of it; `files`: single build files it copies).
 */
export function cLinks(
  runs: ReadonlyArray<{ readonly text: string; readonly line: number; readonly env?: boolean }>,
  context: BuildContext,
  folders: readonly string[],
  files: readonly string[],
  /** Context files the build copies under a Makefile's name (`COPY Makefile.docker Makefile`). */
  makefileCopies: readonly string[] = [],
): CLinks {
  const libraries: LinkedLibrary[] = [];
  const add = (name: string, evidence: string) => {
    if (!libraries.some((l) => l.name === name)) libraries.push({ name, evidence });
  };
  let cxx: string | null = null;
  let unread: string | null = null;
  const unreadAs = (why: string) => {
    unread ??= why;
  };
  let drivers = false;
  const texts: string[] = [];
  /** `-l` values of ENV lines, by variable. */
  const envLinks: Array<{ variable: string; name: string; evidence: string }> = [];
  /** Makefiles named on make's command line (`make -f Makefile.linux`, `--file=…`). */
  const named: Array<{ name: string; line: number }> = [];
  /** Variables the stage's ENV lines set, whose values were read. */
  const envNames = new Set<string>();
  for (const run of runs) {
    const text = joinContinuations(run.text);
    texts.push(text);
    // `ENV LDLIBS=-lssl`: make and the compilers read these variables; one of another name (`ENV DEPS=-lcurl`)
    // counts when the build refers to it (below).
    if (run.env) {
      for (const m of text.matchAll(/(?:^|\s)([A-Za-z_]\w*)(?:=|\s)/g)) envNames.add(m[1]);
      const settings = /^[A-Za-z_]\w*=/.test(text)
        ? [...text.matchAll(/(?:^|\s)([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)/g)].map((m) => [m[1], m[2]] as const)
        : [[/^\S+/.exec(text)?.[0] ?? "", text.replace(/^\S+\s*/, "")] as const];
      for (const [variable, value] of settings)
        for (const m of ` ${value}`.matchAll(DASH_L))
          envLinks.push({ variable, name: m[1], evidence: `\`-l${m[1]}\` in the ENV on line ${run.line}` });
      continue;
    }
    // `export LIBS=-lssl` (a declaration, not a simple command): make and the compilers read it, under any name.
    for (const m of text.matchAll(/\b(?:export|declare|typeset|readonly|local)\s+([^;&|\n]*)/g))
      for (const l of m[1].matchAll(DASH_L)) add(l[1], `\`-l${l[1]}\` in the RUN on line ${run.line}`);
    if (CONFIG_TOOL.test(text)) unreadAs(`the RUN on line ${run.line} runs \`${CONFIG_TOOL.exec(text)?.[0].trim()}\``);
    for (const cmd of simpleCommands(parseShell(text))) {
      const name = posix.basename(cmd.name ?? "");
      if (UNREAD_DRIVERS.test(name) || name === "configure") unreadAs(`the RUN on line ${run.line} runs \`${name}\``);
      // A script of the project (`./build.sh`, `sh build.sh`) may compile and link what this cannot see.
      const path = cmd.name ?? "";
      if ((path.includes("/") && !/^\/(?:usr\/(?:local\/)?)?s?bin\//.test(path)) || /^(?:ba|da)?sh$/.test(name))
        unreadAs(`the RUN on line ${run.line} runs \`${cmd.node.text.split(/\s+/).slice(0, 2).join(" ")}\`, whose commands are not read`);
      if (READ_DRIVERS.has(name)) drivers = true;
      const words = cmd.args.map((w) => w.value ?? w.text);
      // Variables set for a command (`LDLIBS=-lcurl make app`) or exported (`export LDLIBS=-lcurl`): make and the
      // compilers read them, under any name.
      const assignments = cmd.node.namedChildren.filter((c) => c?.type === "variable_assignment").map((c) => c?.text ?? "");
      if (/^(?:export|declare|typeset|readonly|local|env)$/.test(name)) assignments.push(...cmd.args.map((w) => w.text));
      for (const assignment of assignments) {
        for (const m of assignment.matchAll(DASH_L)) add(m[1], `\`-l${m[1]}\` in the RUN on line ${run.line}`);
        if (DASH_L_COMPUTED.test(assignment)) unreadAs(`the RUN on line ${run.line} links a library its name computes (\`${assignment}\`)`);
      }
      const driven = COMPILER.test(name) || READ_DRIVERS.has(name);
      // `LDLIBS="$(mysql_config --libs)" make`, `make LIBS=\`…\``: what the shell expands for the build is unknown.
      const expandedSetting = driven
        ? [...assignments, ...cmd.args.filter((w) => w.value === null && /^[A-Za-z_]\w*\+?=/.test(w.text)).map((w) => w.text)].find(
            (t) => /\$\(|`/.test(t) || [...t.matchAll(/\$(?:\{(\w+)|(\w+))/g)].some((m) => !envNames.has(m[1] ?? m[2])),
          )
        : undefined;
      if (expandedSetting) unreadAs(`the RUN on line ${run.line} sets \`${expandedSetting}\` for the build, which the shell expands`);
      if (name === "make") {
        words.forEach((w, i) => {
          const file = /^(?:-f|--file|--makefile)$/.test(w)
            ? words[i + 1]
            : /^(?:-f(.+)|--(?:file|makefile)=(.+))$/.exec(w)?.slice(1).find(Boolean);
          if (file !== undefined) named.push({ name: file, line: run.line });
        });
      }
      if (driven) {
        if (CXX_COMPILER.test(name)) cxx ??= `the RUN on line ${run.line} runs \`${name}\``;
        if (COMPILER.test(name) && words.some((w) => CXX_SOURCE.test(w))) cxx ??= `the RUN on line ${run.line} compiles C++ sources`;
        const computed = words.find((w, i) => DASH_L_COMPUTED.test(w) || (w === "-l" && (words[i + 1] ?? "").startsWith("$")));
        if (computed !== undefined) unreadAs(`the RUN on line ${run.line} links a library its name computes (\`${computed}\`)`);
        // `gcc -o app main.c $LIBS`: a word the shell expands may hold flags, unless an ENV line (read above) sets it.
        const expanded = COMPILER.test(name)
          ? cmd.args.find(
              (w) => w.value === null && [...w.text.matchAll(/\$(?:\{(\w+)|(\w+)|(\())/g)].some((m) => m[3] || !envNames.has(m[1] ?? m[2])),
            )
          : undefined;
        if (expanded) unreadAs(`the RUN on line ${run.line} passes the compiler \`${expanded.text}\`, which the shell expands`);
        words.forEach((w, i) => {
          // (make's own `-l N` is its load limit.)
          if (w === "-l" && words[i + 1] && COMPILER.test(name)) add(words[i + 1], `\`-l ${words[i + 1]}\` in the RUN on line ${run.line}`);
          for (const m of w.matchAll(DASH_L)) add(m[1], `\`-l${m[1]}\` in the RUN on line ${run.line}`);
        });
      }
    }
  }
  // The build files the image holds: in the copied folders (walked) and the single files copied.
  const found = folders.flatMap((root) =>
    sourceFiles(context, { read: new RegExp(`${MAKEFILE.source}|${CMAKE_FILE.source}`), skipDirs: SKIP_DIRS, root }),
  );
  for (const file of files) {
    const name = posix.basename(file);
    const text = MAKEFILE.test(name) || CMAKE_FILE.test(name) || makefileCopies.includes(file) ? context.read(file) : null;
    if (text !== null && !found.some((f) => f.path === file)) found.push({ path: file, name, text });
  }
  const makefiles = found.filter((f) => MAKEFILE.test(f.name) || makefileCopies.includes(f.path));
  const inContext = (path: string) => {
    const clean = posix.normalize(path).replace(/^\.\//, "");
    return [
      ...folders.map((root) => (root === "." ? clean : posix.join(root, clean))),
      ...files.filter((f) => f.endsWith(`/${clean}`) || f === clean),
    ];
  };
  const runTexts = [...texts];
  // `make -f FILE`: the file among those the build copies (by its name), or the links are unknown.
  for (const { name, line } of named) {
    if (/[$`*?]/.test(name)) {
      unreadAs(`the RUN on line ${line} runs make with the Makefile \`${name}\`, which the shell names`);
      continue;
    }
    const base = posix.basename(name);
    if (makefiles.some((f) => f.path === name || f.path.endsWith(`/${name}`) || f.name === base)) continue;
    const path = inContext(name).find((p) => context.read(p) !== null) ?? found.find((f) => f.name === base)?.path;
    const text = path === undefined ? null : context.read(path);
    if (path === undefined || text === null)
      unreadAs(`the RUN on line ${line} runs make with \`${name}\`, which the build context does not hold`);
    else makefiles.push({ path, name: base, text });
  }
  // `include config.mak`: what make reads besides (a missing `-include` file is skipped by make, as here).
  for (let i = 0; i < makefiles.length && drivers; i++) {
    const f = makefiles[i];
    for (const m of f.text.matchAll(/^[ ]*(-|s)?include[ \t]+([^#\n]+)/gm)) {
      for (const word of m[2].trim().split(/\s+/)) {
        if (/[$*?[]/.test(word)) {
          if (!m[1]) unreadAs(`\`${f.path}\` includes \`${word}\`, which make names when it runs`);
          continue;
        }
        const path = posix.join(posix.dirname(f.path), word);
        if (makefiles.some((g) => g.path === path)) continue;
        const text = context.read(path);
        if (text !== null) makefiles.push({ path, name: posix.basename(path), text });
        // A missing file make would skip, unless a RUN names it (it may write it before make runs).
        else if (!m[1] || runTexts.some((t) => t.includes(posix.basename(word))))
          unreadAs(`\`${f.path}\` includes \`${word}\`, which the build context does not hold`);
      }
    }
  }
  const cmakeFiles = found.filter((f) => CMAKE_FILE.test(f.name));
  if (drivers) {
    for (const f of makefiles) {
      texts.push(f.text);
      if (CONFIG_TOOL.test(f.text)) unreadAs(`\`${f.path}\` runs \`${CONFIG_TOOL.exec(f.text)?.[0].trim()}\``);
      const libs = makeLibraries(f.text);
      if (libs.unread) unreadAs(`\`${f.path}\` ${libs.unread}`);
      for (const name of libs.names) add(name, `\`-l${name}\` in \`${f.path}\``);
      if (/\$[({]CXX\b|\bg\+\+|\bclang\+\+/.test(f.text)) cxx ??= `\`${f.path}\` compiles C++`;
    }
    for (const f of cmakeFiles) if (CONFIG_TOOL.test(f.text)) unreadAs(`\`${f.path}\` runs \`${CONFIG_TOOL.exec(f.text)?.[0].trim()}\``);
    const cmake = cmakeLinks(cmakeFiles);
    for (const l of cmake.libraries) add(l.name, l.evidence);
    if (cmake.unread) unreadAs(cmake.unread);
    if (cmake.cxx) cxx ??= cmake.cxx;
  }
  // C++ sources in the copied folders: a make or cmake build (or a compiler command with a glob) may compile them.
  if (!cxx) {
    const sources = folders.flatMap((root) => sourceFiles(context, { read: CXX_SOURCE, skipDirs: SKIP_DIRS, root }).map((f) => f.path));
    const cxxSource = [...sources, ...files.filter((f) => CXX_SOURCE.test(f))][0];
    if (cxxSource) cxx = `the build copies the C++ source \`${cxxSource}\``;
  }
  if (drivers) texts.push(...cmakeFiles.map((f) => f.text));
  const all = texts.join("\n");
  for (const l of envLinks) {
    const named = /(?:LIB|LD|FLAGS|LINK)/i.test(l.variable);
    if (named || new RegExp(`\\$(?:[({]${l.variable}[)}:]|${l.variable}\\b)`).test(all)) add(l.name, l.evidence);
  }
  const gccFlags = GCC_FLAGS.flatMap(([flag, library]) => {
    const m = flag.exec(all);
    return m ? [{ flag: m[0].trim().replace(/^['"=]/, ""), library }] : [];
  });
  if (libraries.some((l) => l.name === "stdc++")) cxx ??= libraries.find((l) => l.name === "stdc++")?.evidence ?? null;
  return { cxx, libraries, gccFlags, unread };
}

/** `$(shell …)` commands that print no libraries (file lists, versions, the machine, `$(CC) -dumpmachine`). */
const HARMLESS_SHELL =
  /^\s*(?:\$[({](?:CC|CXX)\b|find|ls|git|date|uname|pwd|basename|dirname|nproc|getconf|whoami|hostname|id|realpath|mkdir|test|which|command|wc)\b/;

/**
 * The `-l` libraries of a Makefile: every `-l` on a line outside recipes (a variable of any name, `export`,
 * `override`, a target-specific `app: LDLIBS += -lcurl`: over-counting costs a package, missing one breaks the
 * image), and on a recipe line that runs a compiler or sets a variable (`$(MAKE) LDLIBS=-lcurl`); other recipe
 * lines (`ls -la`) are not links. A library named by a variable (`-l$(NAME)`) or a variable set by a command
 * (`$(shell mysql_config --libs)`, backticks, `!=`) is unread.
 */
function makeLibraries(text: string): { names: string[]; unread: string | null } {
  const names: string[] = [];
  let unread: string | null = null;
  for (const raw of text.replace(/\\\r?\n/g, " ").split(/\r?\n/)) {
    const line = raw.replace(/(^|[^\\$])#.*$/, "$1");
    const recipe = /^\t/.test(line);
    const compiler = /\$[({](?:CC|CXX|LD|LINK\.\w+)\b|\b(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+)?\s/.test(line);
    if (recipe && !compiler && !/[\w)}]\+?=/.test(line)) continue;
    const shell =
      [...line.matchAll(/\$[({]shell\s+([^)}]*)/g)].find((m) => !HARMLESS_SHELL.test(m[1]))?.[0] ??
      (recipe ? undefined : /^[^=]*!=\s*(.*)$/.exec(line)?.[1]?.trim()) ??
      /`[^`]*`/.exec(line)?.[0];
    if (shell !== undefined && !HARMLESS_SHELL.test(shell.replace(/^\$[({]shell\s+|^`/, "")))
      unread ??= `sets flags with \`${shell.trim().slice(0, 60)}\`, whose output is known only when it runs`;
    if (DASH_L_COMPUTED.test(line)) unread ??= "links a library named by a variable (`-l$(…)`)";
    for (const m of line.matchAll(DASH_L)) {
      // On a recipe line without a compiler, only a variable's value (`LDLIBS=-lcurl`) is a link.
      if (recipe && !compiler && !m[0].startsWith("=")) continue;
      if (!names.includes(m[1])) names.push(m[1]);
    }
  }
  return { names, unread };
}

/** What the CMakeLists link: target_link_libraries / link_libraries items, resolved against find_package and own targets. */
function cmakeLinks(files: ReadonlyArray<{ readonly path: string; readonly text: string }>): {
  libraries: LinkedLibrary[];
  unread: string | null;
  cxx: string | null;
} {
  const libraries: LinkedLibrary[] = [];
  let unread: string | null = null;
  let cxx: string | null = null;
  const strip = (t: string) => t.replace(/#.*$/gm, "");
  const texts = files.map((f) => ({ path: f.path, text: strip(f.text) }));
  const calls = (text: string, command: string) =>
    [...text.matchAll(new RegExp(`\\b${command}\\s*\\(([^)]*)\\)`, "gi"))].map((m) => m[1].split(/\s+/).filter(Boolean));
  // Targets the project defines itself are built into its build folder (or linked statically into the program).
  const own = new Set(
    texts.flatMap((f) => [...calls(f.text, "add_library"), ...calls(f.text, "add_executable")].map((args) => args[0]).filter(Boolean)),
  );
  const packages = new Set<string>();
  for (const f of texts) {
    if (CMAKE_FOREIGN.test(f.text))
      unread ??= `\`${f.path}\` builds another project (\`${CMAKE_FOREIGN.exec(f.text)?.[0].replace(/\s*\($/, "")}\`)`;
    for (const args of calls(f.text, "find_package")) {
      const name = args[0];
      if (!name) continue;
      if (Object.hasOwn(CMAKE_PACKAGES, name)) packages.add(name);
      else unread ??= `\`${f.path}\` looks up the package \`${name}\` with \`find_package\``;
    }
    for (const args of calls(f.text, "find_library")) {
      const names = args.slice(1).filter((a) => !/^[A-Z_]+$/.test(a) || a === "NAMES");
      const name = names.find((n) => n !== "NAMES");
      if (name && /^[\w+.-]+$/.test(name))
        libraries.push({
          name: name.replace(/^lib(?=.)/, "").replace(/\.(?:so[\d.]*|a)$/, ""),
          evidence: `\`find_library\` in \`${f.path}\``,
        });
      else unread ??= `\`${f.path}\` looks up a library with \`find_library\``;
    }
    if (/\bproject\s*\([^)]*\bCXX\b/i.test(f.text) || /\benable_language\s*\(\s*CXX\b/i.test(f.text)) cxx ??= `\`${f.path}\` enables C++`;
    for (const args of [...calls(f.text, "target_link_libraries").map((a) => a.slice(1)), ...calls(f.text, "link_libraries")]) {
      for (const raw of args) {
        const item = raw.replace(/^"|"$/g, "");
        if (CMAKE_KEYWORDS.has(item) || own.has(item)) continue;
        const evidence = `\`${item}\` in \`target_link_libraries\` of \`${f.path}\``;
        const variable = /^\$\{(\w+)\}$/.exec(item)?.[1];
        const pkg = Object.entries(CMAKE_PACKAGES).find(
          ([name, p]) => packages.has(name) && (Object.hasOwn(p.targets, item) || variable?.startsWith(p.prefix) === true),
        );
        if (pkg) {
          const libs = Object.hasOwn(pkg[1].targets, item) ? pkg[1].targets[item] : pkg[1].libs;
          for (const lib of libs) libraries.push({ name: lib, evidence });
          continue;
        }
        if (variable !== undefined && CMAKE_BASE_VARIABLES.has(variable)) continue;
        const name = /^-l([\w+.-]+)$/.exec(item)?.[1] ?? (/^[A-Za-z0-9_][\w+.-]*$/.test(item) ? item : null);
        if (name === null || item.includes("::")) {
          unread ??= `\`${f.path}\` links \`${item}\`, which this cannot resolve to a library`;
          continue;
        }
        libraries.push({ name, evidence });
      }
    }
  }
  return { libraries, unread, cxx };
}
