// Runs one of msb-opt's bundles (dist/*.cjs, one function each) through node:vm with a V8 code cache: a
// run after the first deserializes compiled code instead of parsing and compiling the bundle again (Node
// 20 has no compile cache for modules). Any problem with the cache is silent: the bundle then compiles
// from source. bin/msb-opt.js runs the CLI with it, bin/msb-opt-image.js the image's frontend.
"use strict";
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { basename, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

/**
 * Run the bundle at `bundle` (an absolute path) as the main program, or with `{ worker: true }` as a batch worker
 * thread (src/batch/run.ts), which writes the cache once it has done its first job (a worker is terminated, it
 * sees no exit event).
 */
function runBundle(bundle, { worker = false } = {}) {
  let source;
  try {
    source = readFileSync(bundle, "latin1"); // ASCII (esbuild's charset option): no UTF-8 decoding
  } catch {
    process.stderr.write(`msb-opt: ${bundle} is missing: run \`node scripts/build.mjs\` (npm install does)\n`);
    process.exit(3);
  }
  // V8 accepts a code cache only under the flags it was made with. The CLI's bundle compiles under Node's own
  // flags, and its cache is made under them (cachedDataUnderNodeFlags), also after src/core/shell.ts set
  // --liftoff-only for the shell grammar; node:v8 itself (and the stream modules it loads) is loaded only then.
  // A batch worker sets that flag first: flags are the process's, and one worker loading the grammar would
  // otherwise make the others' caches be rejected, or be made under another flag than the next run reads it.
  if (worker) require("node:v8").setFlagsFromString("--liftoff-only");
  // The first line names the bundle and its hash (V8 itself only checks the length of the source).
  const [, name, hash] = /^\/\/msb-opt-bundle ([a-z-]+) ([0-9a-f]+)\n/.exec(source.slice(0, 80)) ?? [];
  const cacheFile = name && cachePath(`${name}-${hash}-${process.version}-${process.arch}.v8`);
  const cachedData = cacheFile ? readOrNull(cacheFile) : null;
  const script = new Script(source, { filename: bundle, cachedData: cachedData ?? undefined });
  if (process.env.MSB_OPT_DEBUG_CACHE)
    process.stderr.write(`msb-opt: code cache ${cacheFile} ${!cachedData ? "missing" : script.cachedDataRejected ? "rejected" : "used"}\n`);
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    const compiled = { script, source, bundle, worker };
    // One worker writes (the others would write the same).
    if (worker && require("node:worker_threads").threadId === 1)
      process.once("msb-opt:warm", () => writeCache(compiled, cacheFile, `${name}-`));
    else process.once("exit", (code) => saveCache(compiled, cacheFile, `${name}-`, code));
  }

  const main = script.runInThisContext();
  const bundleModule = { exports: {} };
  main(bundleModule.exports, lazyRequire(createRequire(bundle)), bundleModule, bundle, join(bundle, ".."), pathToFileURL(bundle).href);
}

module.exports = { runBundle, pruneCaches };

/**
 * Node 20's defaults of the flags a batch sets (src/batch/run.ts). Under another Node whose default interrupt
 * budget differs, the check below rejects the cache and it is not written: a later plain run writes it.
 */
const BATCH_FLAGS_RESET = "--turbo-inlining --interrupt-budget=67584";

/** $MSB_OPT_CACHE_DIR, else msb-opt/ in the user's cache folder ($XDG_CACHE_HOME or ~/.cache). */
function cachePath(name) {
  const env = process.env;
  if (env.MSB_OPT_CACHE_DIR === "") return null; // caching off
  const dir = env.MSB_OPT_CACHE_DIR ?? join(env.XDG_CACHE_HOME || join(homeDir(), ".cache"), "msb-opt");
  return join(dir, name);
}

/** os.homedir(), which reads $HOME first on POSIX: node:os is loaded only when it has to look further. */
function homeDir() {
  return (process.platform !== "win32" && process.env.HOME) || require("node:os").homedir();
}

function readOrNull(file) {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/**
 * After a run that optimized a file (not --help or an error), so the cache holds the functions such a run
 * compiles. Written under a temporary name and renamed: a reader never sees half a file. Other caches are
 * pruned by version (pruneCaches): two installs of different versions that share the folder (a global one and a
 * project's, two checkouts, CI jobs) keep each other's caches, where a cap on the count across versions made them
 * delete each other's at every write, and every other run compiled from source (issue 19).
 */
function saveCache(compiled, file, prefix, code) {
  const argv = process.argv.slice(2);
  if (code > 1 || argv.some((a) => /^(-h|--help|--version|--list-passes|--explain|--print-config)$/.test(a))) return;
  writeCache(compiled, file, prefix);
}

function writeCache({ script, source, bundle, worker }, file, prefix) {
  try {
    const dir = join(file, "..");
    mkdirSync(dir, { recursive: true });
    const data = cachedDataUnderNodeFlags(script, source, bundle, worker);
    if (!data) return;
    const tmp = `${file}.${process.pid}-${require("node:worker_threads").threadId}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    pruneCaches(dir, prefix, file);
  } catch {
    // an unwritable or full cache folder: the next run compiles from source again
  }
}

/** Another version's cache is old, and removed, once it has not been written for this long. */
const OLD_MS = 14 * 24 * 60 * 60 * 1000;
/** At most this many caches of other versions stay, the newest (a cache is about 1 MB; each build is a version). */
const KEEP_OTHER_VERSIONS = 16;

/**
 * Prune the caches of the bundle named `prefix`… around `file`, the one just written. A version is the bundle's
 * hash (its file name is `name-hash-nodeVersion-arch.v8`): the current version's caches all stay (other Node
 * versions' and architectures'); another version's are removed when old by modification time (OLD_MS), or beyond
 * the KEEP_OTHER_VERSIONS newest. `now` is for tests.
 */
function pruneCaches(dir, prefix, file, now = Date.now()) {
  const version = (name) => name.slice(prefix.length).split("-")[0];
  const current = version(basename(file));
  const others = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // (`prefix` + a hash: not another bundle whose name goes on from it.)
    if (!name.startsWith(prefix) || !/^[0-9a-f]+-.*\.v8$/.test(name.slice(prefix.length))) continue;
    if (path === file || version(name) === current) continue;
    try {
      others.push({ path, mtime: statSync(path).mtimeMs });
    } catch {
      // removed by another process meanwhile
    }
  }
  others.sort((a, b) => b.mtime - a.mtime);
  others.forEach(({ path, mtime }, i) => {
    if (i >= KEEP_OTHER_VERSIONS || now - mtime > OLD_MS) rmSync(path, { force: true });
  });
}

/**
 * The CLI's code cache as if no flag had been set since the start: --liftoff-only (set when the shell grammar
 * loads) and the two flags it turns off, and batch's flags (src/batch/run.ts), are back at Node's defaults
 * while the cache is made. A worker's is
 * made under --liftoff-only, which it set before compiling. Null when V8 rejects the result under those flags
 * (another V8 whose Liftoff flag implies more): writing it would only make every later run compile from
 * source after all.
 */
function cachedDataUnderNodeFlags(script, source, bundle, worker) {
  const v8 = require("node:v8");
  if (!worker) v8.setFlagsFromString(`--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering ${BATCH_FLAGS_RESET}`);
  const data = script.createCachedData();
  // Another file name: V8 would answer the same name from its in-memory cache without reading `data`.
  const check = new Script(source, { filename: `${bundle} (cache check)`, cachedData: data });
  return check.cachedDataRejected ? null : data;
}

/**
 * Node modules that one file's run never uses but the bundle imports at its top (commander's child_process,
 * the registry client's http/https/crypto, batch's and verify's os) cost more to load than the rest of the
 * start-up: each is loaded on its first property read. Enumerating one before that sees no keys; esbuild's interop then reads each
 * import through `default` or the prototype, both of which load it.
 */
function lazyRequire(realRequire) {
  const lazy = new Set(["node:child_process", "node:crypto", "node:http", "node:https", "node:os", "node:v8"]);
  return Object.assign((id) => (lazy.has(id) ? lazyModule(() => realRequire(id)) : realRequire(id)), realRequire);
}

function lazyModule(load) {
  let loaded;
  const real = () => {
    loaded ??= load();
    return loaded;
  };
  const forward = { get: (_, k) => Reflect.get(real(), k), has: (_, k) => Reflect.has(real(), k) };
  const proto = new Proxy({}, forward);
  return new Proxy({}, { ...forward, getPrototypeOf: () => proto });
}
