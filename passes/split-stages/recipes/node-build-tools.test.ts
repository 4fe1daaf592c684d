import { describe, expect, test } from "vitest";
import { formatMessage } from "../../../src/core/pass.js";
import splitStages from "../index.js";
import { toolOutputs, tsconfigEmit } from "./node-build-tools.js";

const files = (map: Record<string, string>) =>
  Object.assign((f: string) => map[f] ?? null, {
    list: (dir: string) => [
      ...new Set(
        Object.keys(map)
          .filter((k) => dir === "." || k.startsWith(`${dir}/`))
          .map((k) => (dir === "." ? k : k.slice(dir.length + 1)).split("/")[0]),
      ),
    ],
  });
const none = files({});
const out = (tool: string, args: string[], read = none) => {
  const r = toolOutputs(tool, args, read);
  return r.ok ? r.paths : `unknown: ${formatMessage(splitStages.messages[r.why.id], r.why.data)}`;
};

describe("tsc", () => {
  const tsconfig = files({
    "tsconfig.json": '{\n  // comment\n  "compilerOptions": { "outDir": "./build/", "rootDir": "src", },\n}',
    "tsconfig.base.json": '{ "compilerOptions": { "outDir": "dist" } }',
    "tsconfig.child.json": '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
    "tsconfig.pkg.json": '{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "outDir": "lib" } }',
    "tsconfig.pkgonly.json": '{ "extends": "@tsconfig/node20/tsconfig.json" }',
    "tsconfig.noemit.json": '{ "extends": "./tsconfig.base.json", "compilerOptions": { "noEmit": true } }',
    "server/tsconfig.json": '{ "compilerOptions": { "outDir": "../out/server" } }',
  });
  test("outDir of tsconfig.json (JSON with comments and trailing commas)", () => expect(out("tsc", [], tsconfig)).toEqual(["build"]));
  test("-p names a config file or a folder", () => {
    expect(out("tsc", ["-p", "tsconfig.child.json"], tsconfig)).toEqual(["dist"]);
    expect(out("tsc", ["-p", "."], tsconfig)).toEqual(["build"]);
  });
  test("relative extends is followed; a package extends keeps the local outDir", () => {
    expect(out("tsc", ["--project", "tsconfig.pkg.json"], tsconfig)).toEqual(["lib"]);
    expect(out("tsc", ["-p", "tsconfig.pkgonly.json"], tsconfig)).toMatch(/sets no `outDir`/);
  });
  test("noEmit writes nothing", () => {
    expect(out("tsc", ["-p", "tsconfig.noemit.json"], tsconfig)).toEqual([]);
    expect(out("tsc", ["--noEmit"], none)).toEqual([]);
  });
  test("--outDir wins over the config", () => expect(out("tsc", ["--outDir", "x"], tsconfig)).toEqual(["x"]));
  test("a config's outDir is relative to the config, also when it leaves the working folder (placed by the caller)", () => {
    expect(out("tsc", ["-p", "server"], tsconfig)).toEqual(["out/server"]);
    expect(out("tsc", ["-p", "up"], files({ "up/tsconfig.json": '{ "compilerOptions": { "outDir": "../../x" } }' }))).toEqual(["../x"]);
  });
  test("source files on the command line without --outDir, --build, a missing config: unknown", () => {
    expect(out("tsc", ["src/index.ts"], tsconfig)).toMatch(/source files/);
    expect(out("tsc", ["src/index.ts", "--outDir", "dist"], tsconfig)).toEqual(["dist"]);
    expect(out("tsc", ["-b"], tsconfig)).toMatch(/--build/);
    expect(out("tsc", [], none)).toMatch(/cannot be read/);
  });
  test("tsconfigEmit reads declarationDir and outFile", () => {
    const read = files({ "tsconfig.json": '{ "compilerOptions": { "declarationDir": "types", "outFile": "app.js" } }' });
    expect(tsconfigEmit(read, "tsconfig.json")).toEqual({ noEmit: false, outDir: null, outFile: "app.js", declarationDir: "types" });
    expect(out("tsc", [], read)).toEqual(["app.js", "types"]);
  });
});

describe("framework builds", () => {
  test("SvelteKit: svelte-kit sync writes .svelte-kit; vite build with adapter-node writes its out folder too", () => {
    const vite = 'import { sveltekit } from "@sveltejs/kit/vite";\nexport default { plugins: [sveltekit()] };\n';
    const kit = (config: string) => files({ "vite.config.js": vite, "svelte.config.js": config });
    const node = 'import adapter from "@sveltejs/adapter-node";\nexport default { kit: { adapter: adapter() } };\n';
    expect(out("svelte-kit", ["sync"])).toEqual([".svelte-kit"]);
    expect(out("vite", ["build"], kit(node))).toEqual([".svelte-kit", "build"]);
    expect(out("vite", ["build"], kit(node.replace("adapter()", 'adapter({ out: "server" })')))).toEqual([".svelte-kit", "server"]);
    expect(out("vite", ["build"], kit(node.replace("adapter()", "adapter({ out: dir })")))).toMatch(/kit.adapter/);
    expect(out("vite", ["build"], kit(node.replace("adapter-node", "adapter-static")))).toMatch(/kit.adapter/);
    expect(out("svelte-kit", ["package"])).toMatch(/not a build/);
  });
  test("nest build: tsconfig.build.json first, its extends followed", () => {
    const read = files({
      "tsconfig.json": '{ "compilerOptions": { "outDir": "./dist" } }',
      "tsconfig.build.json": '{ "extends": "./tsconfig.json", "exclude": ["test"] }',
    });
    expect(out("nest", ["build"], read)).toEqual(["dist"]);
    expect(out("nest", ["build"], files({ "nest-cli.json": '{ "monorepo": true }' }))).toMatch(/monorepo/);
    expect(out("nest", ["start"], read)).toMatch(/not a build/);
  });
  test("nest build: the other settings file names, webpack builds and another settings file are followed or unknown", () => {
    const tsconfig = { "tsconfig.json": '{ "compilerOptions": { "outDir": "./build" } }' };
    expect(out("nest", ["build"], files({ ...tsconfig, ".nestcli.json": '{ "monorepo": true }' }))).toMatch(
      /`.nestcli.json` sets `monorepo`/,
    );
    expect(out("nest", ["build"], files({ ...tsconfig, "nest-cli.json": '{ "compilerOptions": { "webpack": true } }' }))).toMatch(
      /webpack/,
    );
    expect(out("nest", ["build"], files({ ...tsconfig, "nest-cli.json": '{ "compilerOptions": { "builder": "swc" } }' }))).toEqual([
      "build",
    ]);
    expect(
      out("nest", ["build"], files({ ...tsconfig, "nest-cli.json": '{ "compilerOptions": { "builder": { "type": "webpack" } } }' })),
    ).toMatch(/sets `compilerOptions.builder`/);
    expect(out("nest", ["build", "--webpack"], files(tsconfig))).toMatch(/given `--webpack`/);
    expect(out("nest", ["build", "-b", "webpack"], files(tsconfig))).toMatch(/given `--builder`/);
    expect(out("nest", ["build", "-c", "other-cli.json"], files(tsconfig))).toMatch(/given `--config`/);
  });
  test("vue-cli-service: outputDir from vue.config.js, else the package.json `vue` field", () => {
    expect(out("vue-cli-service", ["build"], files({ "vue.config.js": "module.exports = { outputDir: 'www' }" }))).toEqual(["www"]);
    expect(out("vue-cli-service", ["build"], files({ "package.json": '{ "vue": { "outputDir": "public-build" } }' }))).toEqual([
      "public-build",
    ]);
    expect(out("vue-cli-service", ["build"], files({ "package.json": '{ "vue": { "lintOnSave": false } }' }))).toEqual(["dist"]);
  });
  test("ng build: angular.json or .angular.json, neither is unknown", () => {
    expect(out("ng", ["build"], files({ ".angular.json": '{"options":{"outputPath":"www"}}' }))).toMatch(/outside `dist`/);
    expect(out("ng", ["build"])).toMatch(/no `angular.json`/);
  });
  test("vite: default dist, --outDir, a literal outDir, a computed one", () => {
    expect(out("vite", ["build"])).toEqual(["dist"]);
    expect(out("vite", ["build", "--outDir", "public"])).toEqual(["public"]);
    expect(out("vite", ["build"], files({ "vite.config.ts": "export default { build: { outDir: 'www' } }" }))).toEqual(["www"]);
    expect(out("vite", ["build"], files({ "vite.config.js": "export default { plugins: [] }" }))).toEqual(["dist"]);
    expect(out("vite", ["build"], files({ "vite.config.js": "export default { build: { outDir: dir } }" }))).toMatch(/computes/);
    expect(out("vite", ["build"], files({ "vite.config.js": "export default { root: 'web' }" }))).toMatch(/root/);
    expect(out("vite", ["build", "client"])).toMatch(/given `client`/);
    expect(out("vite", [])).toMatch(/not a build/);
  });
  test("webpack: default dist, -o, literal output.path forms, computed", () => {
    expect(out("webpack", [])).toEqual(["dist"]);
    expect(out("webpack", ["--mode", "production", "-o", "bundle"])).toEqual(["bundle"]);
    const cfg = (text: string) => files({ "webpack.config.js": text });
    expect(out("webpack", [], cfg("module.exports = { output: { path: path.resolve(__dirname, 'public/js') } }"))).toEqual(["public/js"]);
    expect(out("webpack", [], cfg("module.exports = { output: { path: __dirname + '/build' } }"))).toEqual(["build"]);
    expect(out("webpack", [], cfg("module.exports = { output: { path: OUT } }"))).toMatch(/computes/);
    expect(out("webpack", [], cfg("module.exports = { output: makeOutput() }"))).toMatch(/sets `output`/);
    expect(out("webpack", [], cfg("module.exports = { entry: './src' }"))).toEqual(["dist"]);
  });
  test("defaults of the other tools", () => {
    expect(out("react-scripts", ["build"])).toEqual(["build"]);
    expect(out("react-scripts", ["build"], files({ ".env": "BUILD_PATH=out" }))).toMatch(/BUILD_PATH/);
    expect(out("next", ["build"])).toEqual([".next"]);
    expect(out("next", ["build"], files({ "next.config.js": "module.exports = { output: 'export' }" }))).toMatch(/output/);
    expect(out("vue-cli-service", ["build"])).toEqual(["dist"]);
    expect(out("vue-cli-service", ["build", "--dest", "www"])).toEqual(["www"]);
    expect(out("ng", ["build"], files({ "angular.json": '{"options":{"outputPath":"dist/app"}}' }))).toEqual(["dist"]);
    expect(out("ng", ["build"], files({ "angular.json": '{"options":{"outputPath":"www"}}' }))).toMatch(/outside `dist`/);
    expect(out("babel", ["src", "-d", "lib"])).toEqual(["lib"]);
    expect(out("babel", ["src"])).toMatch(/standard output/);
    expect(out("esbuild", ["src/index.ts", "--bundle", "--outfile=out/app.js"])).toEqual(["out/app.js"]);
    expect(out("tsup", ["src/index.ts"])).toEqual(["dist"]);
    expect(out("tsup", ["--out-dir", "lib"])).toEqual(["lib"]);
    expect(out("parcel", ["build", "index.html"])).toEqual(["dist"]);
    expect(out("rollup", ["-c"])).toMatch(/not given its output/);
    expect(out("rollup", ["-c", "--dir", "bundle"])).toEqual(["bundle"]);
    expect(out("docusaurus", ["build"])).toEqual(["build"]);
    expect(out("astro", ["build"])).toEqual(["dist"]);
    expect(out("gatsby", ["build"])).toEqual(["public", ".cache"]);
    expect(out("ncc", ["build", "index.js", "-o", "out"])).toEqual(["out"]);
  });
});

test("docusaurus build: a site folder, --out-dir relative to the working folder, unread options", () => {
  expect(out("docusaurus", ["build", "website"])).toEqual(["website/build"]);
  expect(out("docusaurus", ["build", "--out-dir", "site", "--locale", "fr"])).toEqual(["site"]);
  expect(out("docusaurus", ["build", "website", "--out-dir=public"])).toEqual(["public"]);
  expect(out("docusaurus", ["build", "--no-minify"])).toEqual(["build"]);
  expect(out("docusaurus", ["build", "--purge"])).toMatch(/^unknown/);
  expect(out("docusaurus", ["build", "a", "b"])).toMatch(/^unknown/);
});

test("astro build: --outDir, the config's literal outDir, another root or config unknown", () => {
  const config = files({ "astro.config.mjs": 'export default defineConfig({ outDir: "./public-site" });' });
  expect(out("astro", ["build", "--outDir", "out"], config)).toEqual(["out"]);
  expect(out("astro", ["build"], config)).toEqual(["public-site"]);
  expect(out("astro", ["build", "--silent"])).toEqual(["dist"]);
  expect(out("astro", ["build", "--root", "site"])).toMatch(/^unknown/);
  expect(out("astro", ["build", "--config", "site/astro.config.mjs"])).toMatch(/^unknown/);
  expect(out("astro", ["build", "site"])).toMatch(/^unknown/);
});

test("unknown tools, computed arguments, the working folder itself and node_modules are unknown; absolute paths are kept", () => {
  expect(out("gulp", ["build"])).toMatch(/not a build tool/);
  expect(out("tsc", ["--outDir", "$OUT"])).toMatch(/computed/);
  const tsconfig = files({ "tsconfig.json": "{}" });
  expect(out("tsc", ["--outDir", "/opt/out"], tsconfig)).toEqual(["/opt/out"]);
  expect(out("tsc", ["--outDir", "."], tsconfig)).toMatch(/outside/);
  expect(out("vite", ["build", "--outDir", "node_modules"])).toMatch(/outside/);
});

describe("red team 19: configs and settings that move the output", () => {
  test("vite: a framework plugin or another config file loaded is unknown; known plugins and builtins keep dist", () => {
    const vite = (text: string) => out("vite", ["build"], files({ "vite.config.ts": text }));
    expect(vite('import { reactRouter } from "@react-router/dev/vite";\nexport default { plugins: [reactRouter()] };')).toMatch(
      /loads `@react-router\/dev\/vite`/,
    );
    expect(vite('import { mergeConfig } from "vite";\nimport base from "./vite.base.js";\nexport default mergeConfig(base, {});')).toMatch(
      /loads `.\/vite.base.js`/,
    );
    expect(vite('const nitro = require("nitropack/vite");\nmodule.exports = { plugins: [nitro()] };')).toMatch(/nitropack/);
    expect(vite("export default { plugins: [(await import(name)).default()] };")).toMatch(/computed/);
    const known = 'import { defineConfig } from "vite";\nimport react from "@vitejs/plugin-react";\nimport path from "node:path";\n';
    expect(vite(`${known}export default defineConfig({ plugins: [react()] });`)).toEqual(["dist"]);
    expect(vite(`${known}// import x from "./other";\nexport default { build: { outDir: "www" } };`)).toEqual(["www"]);
  });
  test("webpack: a config that loads another local file (webpack-merge) is unknown", () => {
    const cfg = (text: string) => files({ "webpack.prod.js": text });
    const merged =
      'const { merge } = require("webpack-merge");\nmodule.exports = merge(require("./webpack.common.js"), { mode: "production" });';
    expect(out("webpack", ["--config", "webpack.prod.js"], cfg(merged))).toMatch(/loads `.\/webpack.common.js`/);
    expect(out("webpack", ["--config", "webpack.prod.js"], cfg('const webpack = require("webpack");\nmodule.exports = {};'))).toEqual([
      "dist",
    ]);
  });
  test("tsup: tsup.config.json and package.json's tsup field are read", () => {
    expect(out("tsup", [], files({ "package.json": '{ "tsup": { "entry": ["src/a.ts"], "outDir": "build" } }' }))).toEqual(["build"]);
    expect(out("tsup", [], files({ "package.json": '{ "tsup": { "entry": ["src/a.ts"] } }' }))).toEqual(["dist"]);
    expect(out("tsup", [], files({ "package.json": '{ "tsup": [{ "outDir": "a" }] }' }))).toMatch(/computes `outDir`/);
    expect(out("tsup", [], files({ "tsup.config.json": '{ "outDir": "lib" }', "package.json": '{ "tsup": { "outDir": "x" } }' }))).toEqual([
      "lib",
    ]);
    expect(out("tsup", ["--config", "build/tsup.ts"])).toMatch(/given `--config`/);
  });
  test("react-scripts: BUILD_PATH from the environment or any env file CRA loads", () => {
    expect(toolOutputs("react-scripts", ["build"], none, (n) => n === "BUILD_PATH").ok).toBe(false);
    expect(out("react-scripts", ["build"], files({ ".env.local": "BUILD_PATH=server/public" }))).toMatch(/`.env.local` sets `BUILD_PATH`/);
    expect(out("react-scripts", ["build"], files({ ".env.production.local": "BUILD_PATH=x" }))).toMatch(/BUILD_PATH/);
    expect(out("react-scripts", ["build"], files({ ".env": "PORT=3000" }))).toEqual(["build"]);
  });
  test("tsc: ${configDir} is the folder of the config tsc was pointed at; another $ never reaches a path", () => {
    const read = files({
      "tsconfig.base.json": '{ "compilerOptions": { "outDir": "${configDir}/build" } }',
      "server/tsconfig.json": '{ "extends": "../tsconfig.base.json" }',
      "tsconfig.json": '{ "extends": "./tsconfig.base.json" }',
      "odd/tsconfig.json": '{ "compilerOptions": { "outDir": "${HOME}/out" } }',
    });
    expect(out("tsc", ["-p", "server"], read)).toEqual(["server/build"]);
    expect(out("tsc", [], read)).toEqual(["build"]);
    expect(out("tsc", ["-p", "odd"], read)).toMatch(/a path with a `\$`/);
  });
});

test("nest build: an asset with its own outDir is an output too; a computed one is unknown", () => {
  const nest = (assets: string) =>
    out(
      "nest",
      ["build"],
      files({
        "tsconfig.json": '{ "compilerOptions": { "outDir": "./dist" } }',
        "nest-cli.json": `{ "compilerOptions": { "assets": ${assets} } }`,
      }),
    );
  expect(nest('["**/*.hbs"]')).toEqual(["dist"]);
  expect(nest('[{ "include": "../mail/templates/**/*.hbs", "outDir": "templates" }]')).toEqual(["dist", "templates"]);
  expect(nest('[{ "include": "i18n/**/*", "watchAssets": true }]')).toEqual(["dist"]);
  expect(nest('[{ "include": "x", "outDir": 3 }]')).toMatch(/computes `compilerOptions.assets`/);
});

test("next build: a config plugin or a source that writes files makes the outputs unknown", () => {
  expect(out("next", ["build"], files({ "next.config.js": "module.exports = { reactStrictMode: true }", "pages/index.js": "x" }))).toEqual([
    ".next",
  ]);
  const pwa = 'const withPWA = require("next-pwa")({ dest: "public" });\nmodule.exports = withPWA({});';
  expect(out("next", ["build"], files({ "next.config.js": pwa }))).toMatch(/loads `next-pwa`/);
  const rss = 'import fs from "fs";\nexport function rss(xml) { fs.writeFileSync("public/rss.xml", xml); }';
  expect(out("next", ["build"], files({ "pages/index.js": "import { rss } from '../lib/rss';", "lib/rss.js": rss }))).toMatch(
    /`lib\/rss.js` writes files, which may land outside `.next`/,
  );
  expect(out("next", ["build"], files({ "pages/index.test.js": rss, "node_modules/x/index.js": rss }))).toEqual([".next"]);
  expect(toolOutputs("next", ["build"], (f: string) => (f === "x" ? "" : null)).ok).toBe(false);
});
