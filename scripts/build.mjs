// Bundle the CLI and the library into dist/ with esbuild, and put the two wasm files beside them.
// The shipped entry never loads TypeScript at run time.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { sep } from "node:path";

const require = createRequire(import.meta.url);
// Our JSON tables (the Debian library table alone is 680 KB) as one string given to JSON.parse: V8 scans a
// string literal and JSON.parse reads it many times faster than it compiles the same data as a JavaScript
// object literal, which every start of the CLI paid. The imported value is the same plain data.
const jsonAsString = {
  name: "json-as-string",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      // Parsed here first: a broken table fails the build, and the string holds no indentation.
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, "utf8")));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: "js" };
    });
  },
};

// A fresh dist/: chunk names change with the code, and old chunks must not pile up in the image.
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts", "batch-worker": "src/batch/worker.ts", frontend: "src/entry-image.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: !process.env.MSB_NO_MINIFY,
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [jsonAsString],
  // commander and dockerfile-ast are CommonJS: give the ESM bundle a require().
  banner: { js: "import { createRequire as __msbRequire } from 'node:module'; const require = __msbRequire(import.meta.url);" },
});
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
