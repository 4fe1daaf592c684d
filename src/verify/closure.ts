// Closure probes on an image's file system, read on the host: every ELF file under the copied paths finds its
// loader and shared libraries, and every program the image runs (ENTRYPOINT/CMD, HEALTHCHECK, the npm start
// script, programs the app's code spawns) exists and is executable. A finding counts only when the original
// image does not have it too (see `newFindings`), so what was already broken is no false alarm.
import { builtinModules } from "node:module";
import { posix } from "node:path";
import { isTestOrToolFile } from "../core/source-roles.js";
import type { ImageConfig } from "./docker.js";
import { type ElfInfo, librarySearchPath, readElf } from "./elf.js";
import type { ImageFs, Keep } from "./image-fs.js";
import type { VerifyMessageId } from "./messages.js";
import { isShellScript, type NodeReach, nodeReach, reachStart } from "./node-reach.js";
import { missingPythonModules, pythonEntry } from "./python-imports.js";

export interface Finding {
  /** The same problem has the same key in both images. */
  readonly key: string;
  readonly id: VerifyMessageId;
  readonly data: Readonly<Record<string, string>>;
}

export interface ImageView {
  readonly fs: ImageFs;
  readonly config: ImageConfig;
  /** The paths the runtime copied and the working folder: the app. */
  readonly roots: readonly string[];
}

/** How many distinct libraries the closure follows for one image. */
const MAX_LIBRARIES = 2000;
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const SCRIPT = /\.(js|cjs|mjs|py)$/;
/** The app's own files whose imports the module graph follows (TypeScript run by ts-node or tsx too). */
const APP_CODE = /\.([cm]?js|[cm]?ts|tsx)$/;
/** Read whole too, for the module graph: the app's TypeScript, shell scripts, bin scripts without an extension. */
const GRAPH_TEXT = (path: string, mode: number) =>
  (APP_CODE.test(path) && !path.includes("/node_modules/")) ||
  path.endsWith(".sh") ||
  (/\/[^./]+$/.test(path) && ((mode & 0o111) !== 0 || /\/bin\/[^/]+$/.test(path)));
const BUILTINS = new Set(builtinModules);
/** A package manager's own code loads commands by computed names, and runs the app only through the scripts followed here. */
/** A package manager's own files: npm's, yarn's, pnpm's, and the releases corepack keeps in its cache. */
const PACKAGE_MANAGER = /\/node_modules\/(npm|yarn|pnpm|corepack)\/|^\/opt\/yarn-v[^/]*\/|^\/(root|home\/[^/]+)\/\.cache\/node\/corepack\//;

/** Which contents the probes read: ELF files and scripts under the roots, loader config, heads of programs. */
export function keepFor(roots: readonly string[]) {
  const inRoots = (p: string) => roots.some((r) => p === r || p.startsWith(r === "/" ? "/" : `${r}/`));
  return (path: string, size: number, mode: number): ReturnType<Keep> => {
    if (/^\/etc\/(ld\.so\.conf(\.d\/.*)?|ld-musl-.*\.path|passwd|group)$/.test(path)) return "whole";
    // A shell script anywhere (`docker-entrypoint.sh`): the module graph reads the commands it runs.
    if (path.endsWith(".sh") && size <= 1 << 16) return "whole";
    if (inRoots(path)) {
      if ((SCRIPT.test(path) || path.endsWith("/package.json") || GRAPH_TEXT(path, mode)) && size <= 1 << 20) return "whole";
      // The app's own bundles (a React build's main.js) may be larger: the module graph starts from them.
      if (APP_CODE.test(path) && !path.includes("/node_modules/") && size <= 1 << 23) return "whole";
      if (size <= 1 << 29) return "elf";
    }
    // A package installed elsewhere (`npm i -g serve`): the module graph follows the programs the entry runs into it.
    if (
      path.includes("/node_modules/") &&
      (SCRIPT.test(path) || path.endsWith("/package.json") || GRAPH_TEXT(path, mode)) &&
      size <= 1 << 20
    )
      return "whole";
    // A shared library elsewhere: what it needs in turn (its content is not kept).
    if (/\.so(\.[\d.]+)?$/.test(path) && size <= 1 << 26) return "elfInfo";
    return mode & 0o111 ? "head" : "no";
  };
}

export function findings(view: ImageView): Finding[] {
  const out = new Map<string, Finding>();
  const add = (f: Finding) => out.has(f.key) || out.set(f.key, f);
  const { fs, config } = view;
  const env = new Map((config.Env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const path = (env.get("PATH") ?? DEFAULT_PATH).split(":").filter(Boolean);
  const workdir = config.WorkingDir || "/";
  const system = { ldLibraryPath: (env.get("LD_LIBRARY_PATH") ?? "").split(":").filter(Boolean), ldSoConf: ldSoConf(fs) };

  // Shared libraries of every ELF file of the app, and the libraries those need in turn (a system library's
  // own DT_NEEDED), each library once, within a bound.
  const visited = new Set<string>();
  const libraries = (elf: ElfInfo, file: string, app: string, inherited: readonly string[]) => {
    const dirs = [...librarySearchPath(elf, file, system), ...inherited];
    // DT_RPATH (without DT_RUNPATH) also serves the libraries loaded on its behalf.
    const origin = posix.dirname(file);
    const rpath = elf.rpath.map((d) => posix.normalize(d.replace(/\$(ORIGIN|\{ORIGIN\})/g, origin)));
    const passOn = elf.runpath.length === 0 ? [...inherited, ...rpath] : inherited;
    for (const library of elf.needed) {
      const hit = library.includes("/") ? fs.resolve(library) : dirs.map((d) => fs.resolve(posix.join(d, library))).find(Boolean);
      if (!hit) {
        if (file === app) add({ key: `lib:${file}:${library}`, id: "missingLibrary", data: { file, library } });
        else add({ key: `lib:${file}:${library}`, id: "missingLibraryOf", data: { file: app, via: file, library } });
        continue;
      }
      if (visited.has(hit.path) || visited.size >= MAX_LIBRARIES) continue;
      visited.add(hit.path);
      const info = hit.entry.elf ?? (hit.entry.data ? readElf(hit.entry.data) : null);
      if (info) libraries(info, hit.path, app, passOn);
    }
  };
  for (const root of view.roots) {
    for (const [file, entry] of [...fs.under(root), [root, fs.entries.get(root)] as const]) {
      if (!entry?.data || entry.type !== "file") continue;
      const elf = readElf(entry.data);
      if (!elf) continue;
      if (elf.interpreter && !fs.resolve(elf.interpreter))
        add({ key: `loader:${file}`, id: "missingLoader", data: { file, loader: elf.interpreter } });
      libraries(elf, file, file, []);
    }
  }

  // Programs the image runs; those that are scripts (a bin of node_modules, a shell script) start the module graph.
  const ran: string[] = [];
  const locate = (name: string, extraPath: readonly string[] = []) => {
    const candidates = name.includes("/") ? [posix.resolve(workdir, name)] : [...extraPath, ...path].map((d) => posix.join(d, name));
    return candidates.map((c) => fs.resolve(c)).find((r) => r && r.entry.type === "file") ?? null;
  };
  /** `lost`: where the module graph lost the thread before it could tell that `by` runs. */
  const program = (name: string, by: string, extraPath: readonly string[] = [], lost: string | null = null) => {
    const hit = locate(name, extraPath);
    if (!hit && lost) return add({ key: `prog:${name}`, id: "missingProgramReachUnknown", data: { program: name, by, lost } });
    if (!hit) return add({ key: `prog:${name}`, id: "missingProgram", data: { program: name, by } });
    ran.push(hit.path);
    if ((hit.entry.mode & 0o111) === 0 && !SCRIPT.test(name))
      return add({ key: `exec:${name}`, id: "notExecutable", data: { program: name, by } });
    const head = hit.entry.data?.subarray(0, 256).toString("latin1") ?? "";
    const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(head);
    if (!shebang) return;
    const interpreter = shebang[1].endsWith("/env") && shebang[2] ? shebang[2] : shebang[1];
    const resolved = interpreter.includes("/")
      ? fs.resolve(interpreter)
      : path.map((d) => fs.resolve(posix.join(d, interpreter))).find(Boolean);
    if (!resolved) add({ key: `interp:${name}`, id: "missingInterpreter", data: { program: name, by, interpreter } });
  };
  const command = (argv: readonly string[], by: string, extraPath: readonly string[] = []) => {
    if (argv.length === 0) return;
    if (/^(\/bin\/|\/usr\/bin\/)?(ba|da)?sh$/.test(argv[0]) && argv[1] === "-c" && argv[2] !== undefined) {
      program(argv[0], by);
      for (const first of shellCommands(argv[2])) program(first, by, extraPath);
      return;
    }
    program(argv[0], by, extraPath);
  };
  const entry = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  command(entry, "the ENTRYPOINT/CMD");
  for (const arg of entry.slice(1)) if (arg.includes("/") && !arg.startsWith("-") && !/\s/.test(arg)) fileArg(arg);
  const health = (config.Healthcheck as { Test?: string[] } | null)?.Test ?? [];
  if (health[0] === "CMD") command(health.slice(1), "the HEALTHCHECK");
  if (health[0] === "CMD-SHELL" && health[1]) command(["/bin/sh", "-c", health[1]], "the HEALTHCHECK");
  const pkg = parseJson(fs.text(posix.join(workdir, "package.json")));
  // The package.json scripts the entry runs (`npm start`, `npm run start:prod`, `yarn serve`), not every one.
  const named = new Map(Object.entries((pkg?.scripts as Record<string, unknown> | undefined) ?? {}));
  const entryText = [...entry, ...health].join(" ");
  for (const name of new Set([...entryText.matchAll(/\b(?:npm|yarn|pnpm)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g)].map((m) => m[1]))) {
    const script = named.get(name);
    if (typeof script === "string") command(["/bin/sh", "-c", script], npmScriptBy(name), [posix.join(workdir, "node_modules/.bin")]);
  }
  const start = named.get("start");

  // Scripts that only an npm script other than start runs (`"build": "node build.js"`) run at build time.
  const scripts = Object.entries((pkg?.scripts as Record<string, unknown> | undefined) ?? {});
  const runtimeText = [typeof start === "string" ? start : "", ...entry].join(" ");
  const buildScripts = new Set(
    scripts
      .filter(([name, text]) => !/^(pre|post)?start$/.test(name) && typeof text === "string")
      .flatMap(([, text]) => [...(text as string).matchAll(/\bnode\s+([\w./-]+\.[cm]?js)\b/g)].map((m) => m[1]))
      .filter((f) => !runtimeText.includes(f))
      .map((f) => posix.resolve(workdir, f)),
  );

  // Python modules the Python entry and the app's own modules import.
  const python = pythonEntry(entry, workdir);
  if (python)
    for (const m of missingPythonModules(fs, python, env))
      add({ key: `pymodule:${m.module}`, id: "missingModule", data: { module: m.module, file: m.file } });

  // The files that may run: followed from the entry, the scripts it runs and the programs they run, through the
  // app's own code into node_modules; from all the app's code where that loses the thread. Built on first use.
  const runTexts = [entryText, env.get("NODE_OPTIONS") ?? ""];
  for (let i = 0; i < runTexts.length && i < 50; i++)
    for (const m of runTexts[i].matchAll(/\b(?:npm|yarn|pnpm)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g))
      for (const name of [`pre${m[1]}`, m[1], `post${m[1]}`]) {
        const script = named.get(name);
        if (typeof script === "string" && !runTexts.includes(script)) runTexts.push(script);
      }
  const appCode = (root: string, file: string) =>
    !file.includes("/node_modules/") &&
    APP_CODE.test(file) &&
    !file.endsWith(".d.ts") &&
    !buildScripts.has(file) &&
    !isTestOrToolFile(file.slice(root.length));
  let reach: NodeReach | null = null;
  const reachOf = (): NodeReach => {
    if (!reach) {
      const app = view.roots.flatMap((root) =>
        [...fs.under(root)].filter(([file, e]) => e.type === "file" && appCode(root, file)).map(([f]) => f),
      );
      const spawnedByApp = app.flatMap((f) => spawned(fs.entries.get(f)?.data?.toString("utf8") ?? "").map((n) => locate(n)?.path ?? ""));
      // A word after the program may be a program too (`docker-entrypoint.sh serve`, `tini -- pm2-runtime`).
      const named = runTexts.flatMap((t) => t.split(/[\s;&|()<>"'`=]+/)).filter((w) => /^[\w.-]+$/.test(w));
      const onPath = [...new Set(named)].map((w) => locate(w)?.path ?? "");
      const scripts = [...ran, ...spawnedByApp, ...onPath]
        .filter((p) => p.includes("/node_modules/") || isShellScript(head(fs, p)))
        .filter((p) => !PACKAGE_MANAGER.test(p));
      const nodePath = (env.get("NODE_PATH") ?? "").split(":").filter(Boolean);
      reach = nodeReach(fs, { ...reachStart(runTexts, workdir, scripts), nodePath, appFiles: app });
    }
    return reach;
  };

  // Programs and modules the app's code uses.
  for (const root of view.roots) {
    for (const [file, e] of fs.under(root)) {
      if (!e.data || e.size > 1 << 20 || !SCRIPT.test(file) || buildScripts.has(file) || isTestOrToolFile(file.slice(root.length)))
        continue;
      // A package manager the runtime copies (corepack's pnpm) runs the app's scripts; the programs its own files
      // name (git for git dependencies, node-gyp's python) serve installs.
      if (PACKAGE_MANAGER.test(file)) continue;
      // A file nothing loads spawns and imports nothing (react-scripts' eject.js, an ejected webpack config beside
      // `serve`); the app's Python files have their own graph (python-imports.ts).
      const node = file.includes("/node_modules/") || !file.endsWith(".py");
      if (node && !reachOf().runs(file)) continue;
      const lost = node ? reachOf().lostAt(file) : null;
      const text = e.data.toString("utf8");
      for (const name of spawned(text)) program(name, `\`${file}\``, [], lost);
      for (const m of text.matchAll(/\bsubprocess\.(?:run|call|Popen|check_call|check_output)\(\s*\[\s*["']([A-Za-z0-9_./-]+)/g))
        program(m[1], `\`${file}\``, [], lost);
      if (file.includes("/node_modules/") || !/\.(c|m)?js$/.test(file)) continue;
      for (const m of text.matchAll(/(?:\brequire\(\s*|\bimport\(\s*|\bfrom\s+|^import\s+)["']([^"'./][^"']*)["']/gm)) {
        const name = packageName(m[1]);
        if (!name || moduleResolves(fs, file, name)) continue;
        const key = `module:${name}`;
        if (lost) add({ key, id: "missingModuleReachUnknown", data: { module: name, file, lost } });
        else add({ key, id: "missingModule", data: { module: name, file } });
      }
    }
  }
  return [...out.values()];

  function fileArg(arg: string) {
    const abs = posix.resolve(workdir, arg);
    if (!fs.resolve(abs)) add({ key: `file:${abs}`, id: "missingProgram", data: { program: arg, by: "the ENTRYPOINT/CMD" } });
  }
}

/** The findings of the optimized image that the original image does not share. */
/** How a finding names the package.json script that runs the program. */
export function npmScriptBy(name: string): string {
  return `the npm script \`${name}\``;
}

export function newFindings(original: readonly Finding[], optimized: readonly Finding[]): Finding[] {
  const before = new Set(original.map((f) => f.key));
  return optimized.filter((f) => !before.has(f.key));
}

/**
 * Words a POSIX shell runs itself, never looked up on PATH (`|| exit 1` in a HEALTHCHECK): keywords, the special
 * built-ins and the built-ins every sh has (dash, bash, busybox ash).
 */
const SHELL_WORDS = new Set(
  [
    "if fi then else elif done for while until case esac in [ test echo true false cd",
    ": . break continue eval exit export readonly return set shift times trap unset",
    "alias unalias command getopts hash read umask wait pwd printf local kill type ulimit",
  ]
    .join(" ")
    .split(" "),
);

/** The first word of each simple command of a shell string (a light split: `;`, `&&`, `||`, `|`, `exec`). */
export function shellCommands(script: string): string[] {
  const out: string[] = [];
  for (const segment of script.split(/&&|\|\||[;|\n]/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]) || ["exec", "env", "then", "do", "else"].includes(words[0])))
      words.shift();
    const first = words[0];
    if (first && /^[A-Za-z0-9_./-]+$/.test(first) && !SHELL_WORDS.has(first)) out.push(first);
  }
  return out;
}

/** Programs a script spawns by name: `spawn("x")`, `execSync("x …")`. */
function spawned(text: string): string[] {
  return [...text.matchAll(/\b(?:spawn|spawnSync|execFile|execFileSync|execSync|exec)\(\s*["'`]([A-Za-z0-9_./-]+)/g)].map((m) => m[1]);
}

function head(fs: ImageFs, path: string): string {
  return fs.entries.get(path)?.data?.subarray(0, 256).toString("latin1") ?? "";
}

function packageName(spec: string): string | null {
  if (spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0])) return null;
  const parts = spec.split("/");
  return spec.startsWith("@") ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : parts[0];
}

/** Node's lookup: `node_modules/<name>` in the file's folder or any folder above it. */
function moduleResolves(fs: ImageFs, file: string, name: string): boolean {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (fs.has(posix.join(dir, "node_modules", name))) return true;
    if (dir === "/") return false;
  }
}

function ldSoConf(fs: ImageFs): string[] {
  const dirs: string[] = [];
  const read = (file: string, depth: number) => {
    for (const raw of (fs.text(file) ?? "").split("\n")) {
      const line = raw.replace(/#.*/, "").trim();
      if (!line) continue;
      const include = /^include\s+(.+)$/.exec(line);
      if (include && depth < 3) {
        const pattern = include[1].trim();
        const dir = posix.dirname(pattern);
        const re = new RegExp(
          `^${posix
            .basename(pattern)
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")}$`,
        );
        for (const [p] of fs.under(dir)) if (posix.dirname(p) === dir && re.test(posix.basename(p))) read(p, depth + 1);
      } else if (line.startsWith("/")) dirs.push(line);
    }
  };
  read("/etc/ld.so.conf", 0);
  for (const [p] of fs.under("/etc"))
    if (/^\/etc\/ld-musl-.*\.path$/.test(p)) dirs.push(...(fs.text(p) ?? "").split(/[:\n]/).filter(Boolean));
  return dirs;
}

function parseJson(text: string | null): Record<string, unknown> | null {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
