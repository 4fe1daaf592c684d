// Bundle the CLI and the library into dist/ with esbuild, and put the two wasm files beside them.
// The shipped entry never loads TypeScript at run time.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { basename, sep } from "node:path";

const require = createRequire(import.meta.url);
// Our JSON tables as one string given to JSON.parse: V8 scans a string literal and JSON.parse reads it many
// times faster than it compiles the same data as a JavaScript object literal, which every start of the CLI
// paid. A large table (the Debian library table is 570 KB, 40% of the CLI) stays out of the bundle: it is
// written beside it and read and parsed on the first read of one of its keys, so a run that needs none
// neither reads nor parses it. The imported value is the same plain data.
const TABLE_OUTSIDE_BYTES = 100_000;
const jsonAsString = {
  name: "json-as-string",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      // Parsed here first: a broken table fails the build, and the string holds no indentation.
      const data = JSON.parse(readFileSync(args.path, "utf8"));
      const text = JSON.stringify(data);
      if (text.length < TABLE_OUTSIDE_BYTES || data === null || typeof data !== "object" || Array.isArray(data))
        return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
      const name = `table-${basename(args.path)}`;
      if (existsSync(`dist/${name}`) && readFileSync(`dist/${name}`, "utf8") !== text) throw new Error(`two tables named ${name}`);
      writeFileSync(`dist/${name}`, text);
      const getters = Object.keys(data).map((k) => `get ${JSON.stringify(k)}() { return table()[${JSON.stringify(k)}]; }`);
      const url = `new URL(${JSON.stringify(`./${name}`)}, import.meta.url)`;
      return {
        contents: [
          `import { readFileSync } from "node:fs";`,
          `let value;`,
          `const table = () => (value ??= JSON.parse(readFileSync(${url}, "utf8")));`,
          `export default { ${getters.join(", ")} };`,
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

// dockerfile-ast (CommonJS) requires vscode-languageserver-types from a dozen modules. esbuild's "module"
// condition would give it the ES module build, which each require() then wraps in a fresh object with a getter
// per export (80 of them, 12 times at every start); Node itself gives require() the CommonJS build, one object.
const requireGetsCommonJs = {
  name: "require-gets-commonjs",
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-types$/ }, (args) =>
      args.kind === "require-call" ? { path: createRequire(args.importer).resolve(args.path) } : undefined,
    );
  },
};

// semver builds ~150 regular expressions and parses its range presets when it loads: 5 ms of every start of
// the CLI, for a compare that a run may never make. Our modules import its default export only (a named import
// fails the build: the stand-in has no other export), and get an object that loads semver on its first read.
// yaml's 80 modules build its schemas and tags when they load (half a millisecond of every start), for the
// pnpm workspace file or batch config that few runs read: our modules import the functions named here only
// (another import fails the build), each a function that loads yaml on its first call.
const LAZY_DEFAULT_IMPORTS = new Set(["semver"]);
const LAZY_FUNCTION_IMPORTS = new Map([["yaml", ["parse"]]]);
const lazyDefaultImports = {
  name: "lazy-default-imports",
  setup(b) {
    b.onResolve({ filter: /^[a-z][\w.-]*$/ }, (args) =>
      (LAZY_DEFAULT_IMPORTS.has(args.path) || LAZY_FUNCTION_IMPORTS.has(args.path)) &&
      args.namespace === "file" &&
      !args.importer.includes(`${sep}node_modules${sep}`)
        ? { path: args.path, namespace: "lazy-default" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-default" }, (args) => ({
      contents: [
        `let real;`,
        `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        ...(LAZY_FUNCTION_IMPORTS.get(args.path)?.map((f) => `export function ${f}(...args) { return load().${f}(...args); }`) ?? [
          `export default new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });`,
        ]),
      ].join("\n"),
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

// A fresh dist/: chunk names change with the code, and old chunks must not pile up in the image.
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: { index: "src/index.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: !process.env.MSB_NO_MINIFY,
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [jsonAsString, requireGetsCommonJs, lazyDefaultImports],
  // commander and dockerfile-ast are CommonJS: give the ESM bundle a require().
  banner: { js: "import { createRequire as __msbRequire } from 'node:module'; const require = __msbRequire(import.meta.url);" },
});
await buildScript("cli", "src/cli/main.ts");
await buildScript("frontend", "src/entry-image.ts");
await buildScript("batch-worker", "src/batch/worker.ts");
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), "dist/web-tree-sitter.wasm");
copyFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"), "dist/tree-sitter-bash.wasm");

// `--bundle-only` (msb-opt's own image): the bundle and the wasm files are all it needs.
if (process.argv.includes("--bundle-only")) process.exit(0);

// The config schema is the settings table's: read it (and the pass ids) from the fresh bundle.
const { writeSchema } = await import("./write-schema.mjs");
const { PASSES, SETTINGS } = await import(`${new URL("../dist/index.js", import.meta.url).href}?t=${Date.now()}`);
writeSchema(
  SETTINGS,
  PASSES.map((p) => p.id),
);

// `msb-opt --explain ID` shows one before/after example per pass, taken from its golden cases: the first
// case (by name) whose expected diff is not empty.
const examples = {};
for (const { id } of PASSES) {
  const dir = `testdata/${id}`;
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const diff = `${dir}/${name}/expected.diff`;
    if (name.startsWith("unchanged-") || !existsSync(diff) || readFileSync(diff, "utf8") === "") continue;
    const notes = existsSync(`${dir}/${name}/expected.notes`) ? readFileSync(`${dir}/${name}/expected.notes`, "utf8") : "";
    examples[id] = { case: `${dir}/${name}`, diff: readFileSync(diff, "utf8"), notes };
    break;
  }
}
writeFileSync("dist/examples.json", `${JSON.stringify(examples, null, 1)}\n`);

// Typed declarations for the library API (`import { optimize } from "msb-opt"`).
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.types.json"], { stdio: "inherit" });

// The CLI (dist/cli.cjs) and the image's entry (dist/frontend.cjs) as one CommonJS function each, which
// bin/code-cache.js compiles through node:vm with a V8 code cache (Node 20 caches no module code): a run
// after the first deserializes the compiled code instead of parsing and compiling the bundle. The first
// line names the bundle and its hash, the cache's key. Everything is inside: no import() at run time (a
// vm.Script cannot import on Node 20), web-tree-sitter as its CommonJS build, and import.meta.url as the
// bundle's own file URL (the wasm files, tables, examples.json and batch-worker.cjs lie beside it).
async function buildScript(name, entry) {
  const fromCjs = {
    name: "web-tree-sitter-cjs",
    setup(b) {
      b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve("web-tree-sitter") }));
    },
  };
  const params = "exports, require, module, __filename, __dirname, __msbImportMetaUrl";
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: !process.env.MSB_NO_MINIFY,
    logLevel: "warning",
    plugins: [jsonAsString, fromCjs, requireGetsCommonJs, lazyDefaultImports],
    supported: { "dynamic-import": false },
    // The loader reads it as latin1 (one byte per character, no UTF-8 decoding): code and strings in ASCII
    // escapes; only comments of an unminified build may keep other characters.
    charset: "ascii",
    define: { "import.meta.url": "__msbImportMetaUrl" },
  });
  const code = out.outputFiles[0].text;
  const key = createHash("sha256").update(code).digest("hex").slice(0, 16);
  writeFileSync(`dist/${name}.cjs`, `//msb-opt-bundle ${name} ${key}\n(function (${params}) {${code}\n})\n`);
}
