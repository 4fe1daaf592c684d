// Bundle the CLI and the library into dist/ with esbuild, and put the two wasm files beside them.
// The shipped entry never loads TypeScript at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: { cli: "src/cli.ts", index: "src/index.ts", "batch-worker": "src/batch/worker.ts", frontend: "src/frontend/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: "linked",
  logLevel: "warning",
  // commander and dockerfile-ast are CommonJS: give the ESM bundle a require().
  banner: { js: "import { createRequire as __msbRequire } from 'node:module'; const require = __msbRequire(import.meta.url);" },
});
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), "dist/web-tree-sitter.wasm");
copyFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"), "dist/tree-sitter-bash.wasm");
