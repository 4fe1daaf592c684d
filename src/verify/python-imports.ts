// The Python modules a Python entry imports, checked on an image's file system: the entry (`python app.py`,
// `python -m pkg`, `gunicorn module:app`) and the app's own modules it imports, followed; each other module
// must resolve on the image's own module path (the script's folder or the working folder, the standard
// library, lib-dynload, site-packages and dist-packages, virtual environments, PYTHONPATH). Only top-level
// imports count (an indented import may sit in `try: … except ImportError`, or run only when called):
// conservative, so no false alarm; a finding counts only when the original image resolves the module.
import { posix } from "node:path";
import type { ImageFs } from "./image-fs.js";

export interface PythonEntry {
  /** The file the interpreter starts, or null when only the module is known (`-m`, `module:app`). */
  readonly file: string | null;
  /** Modules the entry names (`-m pkg`, `gunicorn module:app`, and `gunicorn` itself for `-m gunicorn`). */
  readonly modules: readonly string[];
  /** The folder the app's own modules are imported from. */
  readonly home: string;
}

const PYTHON = /^python(\d(\.\d+)?)?$/;
const SERVERS = /^(gunicorn|uvicorn|hypercorn|daphne|waitress-serve)$/;
/** Interpreter options that take a value (`-W ignore`, `-X dev`). */
const WITH_VALUE = new Set(["-W", "-X", "-c", "--check-hash-based-pycs"]);
/**
 * Modules that may be built into the interpreter (no file on the module path): CPython's own, and those
 * Debian's python3 links in (skipping more is conservative: never a false alarm).
 */
const BUILTIN = new Set(
  [
    "sys builtins time itertools errno posix pwd gc marshal atexit faulthandler xxsubtype",
    "_abc _ast _codecs _collections _functools _imp _io _locale _operator _signal _sre _stat _string _symtable",
    "_thread _tokenize _tracemalloc _typing _warnings _weakref _bisect _blake2 _csv _datetime _elementtree",
    "_heapq _md5 _opcode _pickle _posixsubprocess _random _sha1 _sha256 _sha3 _sha512 _socket _statistics",
    "_struct array binascii cmath fcntl grp math pyexpat select spwd syslog unicodedata zlib",
  ]
    .join(" ")
    .split(" "),
);

/** The Python entry of an argv (ENTRYPOINT + CMD), run in `workdir`; null when it is not one. */
export function pythonEntry(argv: readonly string[], workdir: string): PythonEntry | null {
  let words = [...argv];
  // `sh -c "python app.py"`: the shell string's first command.
  if (/(^|\/)(ba|da)?sh$/.test(words[0] ?? "") && words[1] === "-c" && words[2] !== undefined)
    words = (words[2].split(/&&|\|\||[;|\n]/)[0] ?? "").trim().split(/\s+/);
  while (words[0] === "exec" || words[0] === "env" || /^[A-Za-z_]\w*=/.test(words[0] ?? "")) words.shift();
  const name = posix.basename(words[0] ?? "");
  if (PYTHON.test(name)) {
    for (let i = 1; i < words.length; i++) {
      const w = words[i];
      if (w === "-m") {
        const module = words[i + 1];
        if (!module) return null;
        const server = SERVERS.test(module) ? serverEntry(words.slice(i + 2), workdir) : null;
        return { file: null, modules: [module, ...(server?.modules ?? [])], home: server?.home ?? workdir };
      }
      if (w === "-c") return null;
      if (WITH_VALUE.has(w)) i++;
      else if (!w.startsWith("-")) {
        const file = posix.resolve(workdir, w);
        return { file, modules: [], home: posix.dirname(file) };
      }
    }
    return null;
  }
  return SERVERS.test(name) ? serverEntry(words.slice(1), workdir) : null;
}

function serverEntry(args: readonly string[], workdir: string): PythonEntry | null {
  let home = workdir;
  let app: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--chdir" || a === "--app-dir") home = posix.resolve(workdir, args[++i] ?? ".");
    else if (/^--(chdir|app-dir)=/.test(a)) home = posix.resolve(workdir, a.slice(a.indexOf("=") + 1));
    else if (!a.startsWith("-") && /^[A-Za-z_][\w.]*:[\w.()]+$/.test(a)) app ??= a.slice(0, a.indexOf(":"));
  }
  return app ? { file: null, modules: [app], home } : null;
}

/** The modules a file imports at its top level: `import a.b, c as d` → a.b, c; `from x.y import z` → x.y (+ x.y.z). */
export function topLevelImports(text: string): { module: string; names: string[] }[] {
  const out: { module: string; names: string[] }[] = [];
  let inString: string | null = null;
  for (const line of text.split("\n")) {
    // Skip the lines inside a triple-quoted string (a docstring may say "import x" at column 0).
    const quotes: string[] = line.match(/"""|'''/g) ?? [];
    if (inString) {
      if (quotes.includes(inString) && quotes.length % 2 === 1) inString = null;
      continue;
    }
    if (quotes.length % 2 === 1) {
      inString = quotes[0] ?? null;
      continue;
    }
    const plain = /^import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)\s*(#.*)?$/.exec(line);
    if (plain) {
      for (const part of plain[1].split(",")) out.push({ module: part.trim().split(/\s+/)[0], names: [] });
      continue;
    }
    const from = /^from\s+(\w[\w.]*)\s+import\s+\(?\s*([\w\s,]*)/.exec(line);
    if (from && from[1] !== "__future__")
      out.push({
        module: from[1],
        names: from[2]
          .split(",")
          .map((n) => n.trim().split(/\s+/)[0])
          .filter((n) => /^\w+$/.test(n)),
      });
  }
  return out;
}

/** The folders of the image's module path, after the app's own folder. */
export function pythonPath(fs: ImageFs, env: ReadonlyMap<string, string>): string[] {
  const dirs = (env.get("PYTHONPATH") ?? "").split(":").filter((d) => d.startsWith("/"));
  const versions = (lib: string) => fs.children(lib).filter((n) => /^python3(\.\d+)?$/.test(n));
  for (const prefix of ["/usr/local", "/usr"]) {
    for (const v of versions(`${prefix}/lib`)) {
      const base = `${prefix}/lib/${v}`;
      dirs.push(base, `${base}/lib-dynload`, `${base}/site-packages`, `${base}/dist-packages`);
    }
  }
  // Virtual environments on PATH, and user installs (`pip install --user`).
  const homes = ["/root", ...fs.children("/home").map((h) => `/home/${h}`), env.get("HOME") ?? "/root"];
  const roots = (env.get("PATH") ?? "")
    .split(":")
    .filter((d) => d.endsWith("/bin"))
    .map((d) => posix.dirname(d))
    .filter((d) => fs.resolve(`${d}/pyvenv.cfg`));
  for (const root of [...roots, ...homes.map((h) => `${h}/.local`)])
    for (const v of versions(`${root}/lib`)) dirs.push(`${root}/lib/${v}/site-packages`);
  return [...new Set(dirs)];
}

/** The file or folder that `module` (dotted) names in `dir`, or null. */
function locate(fs: ImageFs, dir: string, module: string): string | null {
  const parts = module.split(".");
  const folder = (p: string) => {
    const r = fs.resolve(p);
    return r ? (r.entry.type === "dir" ? r.path : null) : fs.has(p) ? posix.normalize(p) : null;
  };
  let at = folder(dir);
  for (let i = 0; at && i < parts.length; i++) {
    const names = fs.children(at);
    const last = i === parts.length - 1;
    const pkg = names.includes(parts[i]) ? folder(posix.join(at, parts[i])) : null;
    if (pkg) {
      at = pkg;
      continue;
    }
    if (!last) return null;
    const file = names.find((n) => n.startsWith(`${parts[i]}.`) && /\.(py|pyc|so)$/.test(n));
    return file ? posix.join(at, file) : null;
  }
  return at ?? null;
}

export interface MissingModule {
  readonly module: string;
  readonly file: string;
}

/** Modules the entry and the app's own modules import that resolve nowhere on the image's module path. */
export function missingPythonModules(fs: ImageFs, entry: PythonEntry, env: ReadonlyMap<string, string>): MissingModule[] {
  const path = pythonPath(fs, env);
  const missing = new Map<string, MissingModule>();
  const scanned = new Set<string>();
  const queue: string[] = [];
  const own = (module: string): string | null => {
    const hit = locate(fs, entry.home, module);
    if (!hit) return null;
    return hit.endsWith(".py") ? hit : /\.(pyc|so)$/.test(hit) ? null : posix.join(hit, "__init__.py");
  };
  const check = (module: string, by: string) => {
    const top = module.split(".")[0];
    if (!top || BUILTIN.has(top)) return;
    if (locate(fs, entry.home, top)) {
      const file = own(module) ?? own(top);
      if (file && !scanned.has(file)) queue.push(file);
      return;
    }
    if (!path.some((d) => locate(fs, d, top)) && !missing.has(top)) missing.set(top, { module: top, file: by });
  };
  for (const m of entry.modules) {
    check(m, entry.file ?? "the ENTRYPOINT/CMD");
    const file = own(m) ?? own(`${m}.__main__`);
    if (file) queue.push(file);
  }
  if (entry.file) queue.push(entry.file);
  while (queue.length > 0 && scanned.size < 500) {
    const file = queue.shift()!;
    if (scanned.has(file)) continue;
    scanned.add(file);
    const text = fs.text(file);
    if (text === null) continue;
    for (const { module, names } of topLevelImports(text)) {
      check(module, file);
      // `from pkg import sub`: a submodule of the app's own package is scanned too.
      for (const n of names) {
        const sub = own(`${module}.${n}`);
        if (sub && !scanned.has(sub)) queue.push(sub);
      }
    }
  }
  return [...missing.values()];
}
