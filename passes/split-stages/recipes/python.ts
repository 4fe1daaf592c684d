// Python: the same version on its `-slim` variant; the virtualenv and the app folder are copied, and what
// pip installed outside a virtualenv (python-site.ts).
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import type { ImageRef } from "../../../src/core/ir.js";
import { aptInstallRun } from "../apt-run.js";
import { debianRelease } from "../closure/debian-release.js";
import { isBuildOnlyPackage, libsOfDev, packageName } from "../closure/debian-libs.js";
import { pipInstalls, pipLibraries } from "../closure/python-native.js";
import { pipPrograms } from "../closure/python-programs.js";
import { DEJAVU_CORE_FONTS, systemFonts } from "../closure/python-fonts.js";
import { withContextReplay } from "../context-replay.js";
import { copyDestination } from "../contract.js";
import { searchedSources } from "../mentions.js";
import { tkProject, tkUse } from "../closure/python-tk.js";
import { outermost } from "../paths.js";
import { devPackageFor } from "./go-source.js";
import { compiledLibraries, extensionLibraries, pipCommands, sitePaths } from "./python-site.js";
import { imageDevOf, isGlibcLink } from "./gcc.js";
import { isOfficial, splitCodename, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

/**
 * `X.Y` of the image's Python, from the tag only: a tag without it (`latest`, `3`) moves to the next Python
 * release, and the copied `/usr/local/lib/pythonX.Y` paths would then name a folder the build no longer has.
 */
function pythonVersion(base: ImageRef): string | null {
  return /^(\d+\.\d+)(?:[.-]|$)/.exec(base.tag ?? "latest")?.[1] ?? null;
}

/** The official image's versioned commands (`python3.8`, `pip3.8`), the same in its slim variant. */
const versionedTools = (base: ImageRef): string[] => {
  const version = pythonVersion(base);
  return version === null ? [] : [`python${version}`, `pip${version}`];
};

export const pythonRecipe: Recipe = {
  id: "python",
  matches: (base) => isOfficial(base, "python"),
  tools: ["python", "python3", "pip", "pip3"],
  systemPip: true,
  // `python:X` and `python:X-slim` both run `python3` with no ENTRYPOINT: a stage that sets none inherits the same.
  sameInheritedEntry: true,
  // The official image sets no WORKDIR.
  baseWorkdir: "/",
  plan(base, a, context, runtimePackages): PlanResult {
    // The runtime is the same Python release, so a byte-compiling RUN gives the same files there.
    const replay = { compileRuns: true, context };
    const tag = base.tag ?? "latest";
    // A slim image that installs a compiler or headers to build packages: the runtime is the same image without them.
    const buildOnly = a.apt.some((i) => i.packages.some((p) => isBuildOnlyPackage(packageName(p))));
    if (/alpine/.test(tag) || (/slim/.test(tag) && !buildOnly)) return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    const { version, codename } = splitCodename(tag);
    // Official tags put the codename after `slim`: 3.11-slim-bookworm.
    const slim = tag === "latest" ? "slim" : `${version ? `${version}-` : ""}slim${codename ? `-${codename}` : ""}`;
    const sameImage = /slim/.test(tag);
    const image = sameImage ? base.raw : `${base.name}:${slim}`;
    // Code that compiles C when it runs needs the build image's compiler and headers, which the runtime lacks.
    const compiles = runtimeCompile(context);
    if (compiles) return { ok: false, id: "pythonRuntimeCompile", data: { ...compiles, image } };
    // A local extension (setup.py's `libraries=[…]`, or a compiler RUN's `-l`) links a library: an installed -dev
    // tells its run-time package, which the runtime installs already; one the full image has preinstalled
    // (buildpack-deps: libxml2-dev, libssl-dev, …) needs its run-time package installed here (red team 22 F4).
    const installed = a.apt.flatMap((i) => i.packages);
    const compiled = compiledLibraries(a);
    if (compiled.unread) return { ok: false, id: "compiledLinksUnread", data: { evidence: compiled.unread } };
    const extensionRelease = debianRelease(base);
    const extension: { packages: string[]; libraries: string[]; devs: string[]; evidence: string[] } = {
      packages: [],
      libraries: [],
      devs: [],
      evidence: [],
    };
    const linked: Array<{ library: string; evidence: string; where: string; file: string | null }> = [
      ...extensionLibraries(context).map((x) => ({ ...x, evidence: "", where: `\`${x.file}\`'s extension` })),
      ...compiled.libraries.map((x) => ({ ...x, file: null })),
    ];
    for (const e of linked) {
      // glibc's, gcc's (libstdc++ and libgcc_s are in every Debian image: apt needs them) and Python's own.
      if (isGlibcLink(e.library) || /^(stdc\+\+|gcc_s|python\d[\d.]*m?)$/.test(e.library)) continue;
      if (devPackageFor(e.library, installed) !== null) continue;
      const dev = sameImage ? null : imageDevOf(e.library);
      const libs = dev === null || extensionRelease === null ? null : libsOfDev(dev, extensionRelease);
      if (dev === null || libs === null || libs.length === 0)
        return e.file !== null
          ? { ok: false, id: "extensionLibrary", data: { library: e.library, file: e.file } }
          : { ok: false, id: "compiledLibrary", data: { library: e.library, evidence: e.evidence } };
      extension.libraries.push(`-l${e.library}`);
      if (!extension.evidence.includes(e.where)) extension.evidence.push(e.where);
      if (!extension.devs.includes(dev)) extension.devs.push(dev);
      for (const l of libs) if (!extension.packages.includes(l)) extension.packages.push(l);
    }
    // Libraries of the full image that pip packages build against or load.
    // On its own image the runtime has what the original had: the libraries of the headers the stage installs.
    const libs = sameImage
      ? { packages: [], needs: [], absent: [], unknown: null, unread: null }
      : pipLibraries(context, debianRelease(base), a);
    if (libs.unread) return { ok: false, id: "pipSourceUnread", data: { line: String(libs.unread.line), source: libs.unread.source } };
    if (libs.unknown) return { ok: false, id: "pipLibraryRelease", data: { package: libs.unknown, image: base.raw } };
    // And the programs (git, gpg) pip packages run.
    const installs = pipInstalls(context, a);
    const runs = sameImage
      ? { packages: [], needs: [], unknown: null }
      : pipPrograms(installs.names, debianRelease(base), installs.fromSource);
    if (runs.unknown) return { ok: false, id: "pipLibraryRelease", data: { package: runs.unknown, image: base.raw } };
    // Fonts the code loads from the system's font folders: the full image's fonts-dejavu-core, or unknown.
    const tk = sameImage ? null : tkUse(searchedSources(context));
    if (tk) return { ok: false, id: "pythonTk", data: { ...tk, image } };
    const tkPip = sameImage ? null : tkProject(installs.names);
    if (tkPip) return { ok: false, id: "pythonTkProject", data: { project: tkPip, image } };
    const fonts = sameImage ? [] : systemFonts(searchedSources(context), context);
    const release = debianRelease(base);
    const dejavu = (release !== null && Object.hasOwn(DEJAVU_CORE_FONTS, release) && DEJAVU_CORE_FONTS[release]) || [];
    const unplaced = fonts.find((f) => !dejavu.includes(f.font));
    if (unplaced) return { ok: false, id: "pythonSystemFont", data: { file: unplaced.file, font: unplaced.font, image } };
    const pip = {
      packages: [
        ...new Set([...libs.packages, ...runs.packages, ...extension.packages, ...(fonts.length > 0 ? ["fonts-dejavu-core"] : [])]),
      ],
      needs: [...libs.needs, ...runs.needs],
      absent: libs.absent,
    };
    const line = a.stage.body[a.lastBuild].line;
    const kept = new Set(runtimePackages.map((p) => p.replace(/[=:].*$/, "")));
    const libraries = pip.packages.filter((p) => !kept.has(p));
    const runtimePrelude = libraries.length > 0 ? [aptInstallRun(["-y", "--no-install-recommends"], libraries, line)] : [];
    const fontNotes: RecipeNote[] =
      fonts.length > 0 && libraries.includes("fonts-dejavu-core")
        ? [{ line, id: "pythonFontPackage", data: { file: fonts[0].file, fonts: fonts.map((f) => `\`${f.font}\``).join(", ") } }]
        : [];
    const libraryNotes: RecipeNote[] = pip.needs
      .filter((n) => n.packages.some((p) => libraries.includes(p)))
      .map(
        (n): RecipeNote => ({
          line,
          id: "osNeeds",
          data: { package: n.pkg, why: n.why, packages: n.packages.map((p) => `\`${p}\``).join(", ") },
        }),
      )
      .concat(
        // What the full image lacks too: the runtime has it as the original did, from the stage's own install.
        pip.absent
          .filter((n) => n.packages.some((p) => !kept.has(p)))
          .map(
            (n): RecipeNote => ({
              line,
              id: "pipAbsentBoth",
              data: { package: n.pkg, why: n.why, packages: n.packages.map((p) => `\`${p}\``).join(", ") },
            }),
          ),
      )
      .concat(
        extension.packages.some((p) => libraries.includes(p))
          ? [
              {
                line,
                id: "extensionImageLibraries",
                data: {
                  packages: extension.packages.map((p) => `\`${p}\``).join(", "),
                  evidence: extension.evidence.join(", "),
                  libraries: extension.libraries.map((l) => `\`${l}\``).join(", "),
                  headers: extension.devs.map((d) => `\`${d}\``).join(", "),
                  image: base.raw,
                  release: extensionRelease ?? "",
                },
              },
            ]
          : [],
      )
      .concat(fontNotes)
      .concat(stdlibCompiles(a));
    if (a.systemPip.length === 0)
      return {
        ok: true,
        plan: withContextReplay(
          a,
          // The virtualenvs the runtime copies hold the console scripts of what pip put there.
          {
            image,
            shellless: false,
            builderInserts: [],
            runtimePrelude,
            notes: libraryNotes,
            commands: [...versionedTools(base), ...(a.venvs.length > 0 ? pipCommands(context, a) : [])],
          },
          copyDestination,
          replay,
        ),
      };
    const python = pythonVersion(base);
    if (python === null) return { ok: false, id: "pythonVersion", data: { image: base.raw } };
    const site = sitePaths(a, python, "official");
    const notes: RecipeNote[] = [
      ...libraryNotes,
      {
        line: a.systemPip[0].line,
        id: site.some((p) => p.includes("[")) ? "sitePackagesEither" : "sitePackages",
        data: { paths: site.join("`, `"), version: python },
      },
    ];
    const copyPaths = outermost([...a.copyPaths, ...site]);
    const plan = {
      image,
      shellless: false,
      builderInserts: [],
      runtimePrelude,
      notes,
      copyPaths,
      commands: [...versionedTools(base), ...pipCommands(context, a)],
    };
    return { ok: true, plan: withContextReplay(a, plan, copyDestination, replay) };
  },
};

/**
 * Python code that compiles C at run time: pyximport builds each imported `.pyx` with gcc on first import, cffi's
 * `ffi.compile()`/`ffi.verify()` and distutils' `new_compiler()` call the compiler, numba's `pycc` too.
 */
// torch.compile's default backend (Inductor) writes C++ and builds it with g++ on CPU, Triton its launcher with gcc
// (pytorch/pytorch#116696: "No working C++ compiler found" in the runtime images) (red team 22 F2).
const RUNTIME_COMPILE =
  /\b(?:import\s+pyximport|pyximport\.install\s*\(|ffi\.(?:compile|verify)\s*\(|new_compiler\s*\(|from\s+numba\.pycc\s+import|numba\.pycc\b|torch\.compile\b|torch\._dynamo\.optimize\s*\(|triton\.jit\b|from\s+torch\s+import\s+compile\b)/;

/** The first context Python file that compiles C at run time, with the call. */
function runtimeCompile(context: BuildContext): { file: string; call: string } | null {
  for (const f of searchedSources(context)) {
    if (!f.name.endsWith(".py") || /(^|\/)(setup|\w*build\w*)\.py$|(^|\/)tests?\//.test(f.path)) continue;
    const m = RUNTIME_COMPILE.exec(f.text);
    if (m) return { file: f.path, call: m[0].replace(/\s*\($/, "()") };
  }
  return null;
}

/**
 * RUNs that byte-compile the interpreter's standard library (`python -m compileall /usr/local/lib/python3.11`):
 * the runtime copies the packages pip installed, not the library's `__pycache__`, so its modules compile at
 * first import instead (start-up time only: the official images ship the library without them).
 */
function stdlibCompiles(a: Analysis): RecipeNote[] {
  return a.stage.body.flatMap((instr): RecipeNote[] => {
    if (instr.keyword !== "RUN") return [];
    const m = /\bpython[\d.]*\s+(?:-\S+\s+)*-m\s+compileall\b([^&;|]*)/.exec(instr.args);
    const folders = (m?.[1] ?? "").split(/\s+/).filter((w) => /^\/usr\/local\/lib\/python[\d.]+\/?$/.test(w));
    return folders.length > 0 ? [{ line: instr.line, id: "pythonStdlibCompile", data: { path: folders[0].replace(/\/$/, "") } }] : [];
  });
}
