// Where each Node build tool writes, from its flags and its config file: the table behind copying a build's
// outputs one by one instead of the whole working folder. A tool not in the table, or a config the table
// cannot read for its output folder, is `unknown` (the caller then copies everything): never a guess.
import { posix } from "node:path";

/** Reads a file of the working folder (path relative to it) from the build context; null when absent. */
export type ConfigReader = (file: string) => string | null;

/** Output folders or files, relative to the working folder; or why they are not known. */
export type ToolOutputs = { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly why: string };

const outputs = (...paths: string[]): ToolOutputs => ({ ok: true, paths });
const unknown = (why: string): ToolOutputs => ({ ok: false, why });

/** The value of the first of `flags` (`--out x`, `--out=x`), or null. */
export function flagValue(args: readonly string[], flags: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (flags.includes(args[i]) && args[i + 1] !== undefined) return args[i + 1];
    const eq = args[i].indexOf("=");
    if (eq > 0 && flags.includes(args[i].slice(0, eq))) return args[i].slice(eq + 1);
  }
  return null;
}

/** The first existing one of `names`, with its text. */
function firstFile(read: ConfigReader, names: readonly string[]): { name: string; text: string } | null {
  for (const name of names) {
    const text = read(name);
    if (text !== null) return { name, text };
  }
  return null;
}

const configNames = (stem: string) => ["js", "cjs", "mjs", "ts", "mts", "cts"].map((e) => `${stem}.${e}`);

/**
 * One literal string given to `key` in a JS/TS config (`outDir: 'build'`), `absent` when the key does not
 * occur, or null when it occurs in any other form (computed, or several different values).
 */
function literalKey(text: string, key: string): string | "absent" | null {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const uses = [...code.matchAll(new RegExp(`\\b${key}\\b`, "g"))].length;
  if (uses === 0) return "absent";
  const literals = [...code.matchAll(new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`$]+)\\1`, "g"))].map((m) => m[2]);
  return literals.length === uses && new Set(literals).size === 1 ? literals[0] : null;
}

/** A JSON-with-comments file (tsconfig), or null when it does not parse. */
export function parseJsonc(text: string): Record<string, unknown> | null {
  try {
    const stripped = text.replace(/("(?:[^"\\]|\\.)*")|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (_m, str) => str ?? "").replace(/,(\s*[}\]])/g, "$1");
    const value = JSON.parse(stripped);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

interface TsEmit {
  readonly noEmit: boolean;
  readonly outDir: string | null;
  readonly outFile: string | null;
  readonly declarationDir: string | null;
}

/** What a tsconfig (following relative `extends`) says about emitting, paths relative to the working folder. */
export function tsconfigEmit(read: ConfigReader, file: string, depth = 0): TsEmit | null {
  const text = read(file);
  const json = text === null ? null : parseJsonc(text);
  if (json === null || depth > 5) return null;
  const dir = posix.dirname(file);
  const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
  const path = (key: string) => (typeof options[key] === "string" ? posix.join(dir, options[key] as string) : null);
  let base: TsEmit = { noEmit: false, outDir: null, outFile: null, declarationDir: null };
  if (json.extends !== undefined) {
    const ext = json.extends;
    // A shared config from a package (`@tsconfig/node20`) sets no output paths; a relative one may.
    if (typeof ext !== "string") return null;
    if (ext.startsWith(".")) {
      const target = posix.join(dir, ext.endsWith(".json") ? ext : `${ext}.json`);
      const inherited = tsconfigEmit(read, target, depth + 1);
      if (inherited === null) return null;
      base = inherited;
    }
  }
  return {
    noEmit: typeof options.noEmit === "boolean" ? options.noEmit : base.noEmit,
    outDir: path("outDir") ?? base.outDir,
    outFile: path("outFile") ?? path("out") ?? base.outFile,
    declarationDir: path("declarationDir") ?? base.declarationDir,
  };
}

/** tsc's outputs for this config file: its outDir (and declarationDir / outFile); sources compiled in place are unknown. */
function tscFromConfig(read: ConfigReader, config: string, outDirFlag: string | null): ToolOutputs {
  const emit = tsconfigEmit(read, config);
  if (emit === null) return unknown(`\`${config}\` cannot be read`);
  if (emit.noEmit) return outputs();
  const outDir = outDirFlag ?? emit.outDir;
  if (outDir === null && emit.outFile === null) return unknown(`\`${config}\` sets no \`outDir\`, so tsc writes next to the sources`);
  return outputs(...[outDir, emit.outFile, emit.declarationDir].filter((p): p is string => p !== null));
}

/** tsc flags that take a value; any other operand is a source file (compiled in place unless told where). */
const TSC_VALUE_FLAGS = new Set([
  "-p",
  "--project",
  "--outDir",
  "--outFile",
  "--declarationDir",
  "--target",
  "-t",
  "--module",
  "-m",
  "--lib",
  "--jsx",
  "--moduleResolution",
  "--rootDir",
]);

function tsc(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args.includes("-b") || args.includes("--build")) return unknown("`tsc --build` follows project references");
  if (args.includes("--noEmit")) return outputs();
  const outDir = flagValue(args, ["--outDir"]);
  const named = [outDir, flagValue(args, ["--outFile"]), flagValue(args, ["--declarationDir"])].filter((p): p is string => p !== null);
  const project = flagValue(args, ["-p", "--project"]);
  const files = args.filter((a, i) => !a.startsWith("-") && !a.includes("=") && !TSC_VALUE_FLAGS.has(args[i - 1] ?? ""));
  if (files.length > 0) {
    // Files on the command line: tsc ignores tsconfig.json.
    return project === null && outDir ? outputs(...named) : unknown("`tsc` is given source files and no `--outDir`");
  }
  const config = project === null ? "tsconfig.json" : project.endsWith(".json") ? project : posix.join(project, "tsconfig.json");
  const fromConfig = tscFromConfig(read, posix.normalize(config), outDir);
  return fromConfig.ok ? outputs(...new Set([...fromConfig.paths, ...named])) : fromConfig;
}

/** The files the Nest CLI reads its settings from, first found wins. */
const NEST_CONFIGS = ["nest-cli.json", ".nest-cli.json", ".nestcli.json", "nest.json"];

function nest(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown(`\`nest ${args[0] ?? ""}\` is not a build`);
  if (flagValue(args, ["-c", "--config"])) return unknown("`nest build` is given another settings file");
  // webpack writes to its own `output.path`, not the tsconfig's outDir.
  if (args.includes("--webpack") || /^(webpack|rspack)$/.test(flagValue(args, ["-b", "--builder"]) ?? ""))
    return unknown("`nest build` bundles with webpack");
  const cli = firstFile(read, NEST_CONFIGS);
  const conf = cli === null ? {} : parseJsonc(cli.text);
  if (conf === null) return unknown(`\`${cli?.name}\` cannot be read`);
  const compiler = (conf.compilerOptions ?? {}) as Record<string, unknown>;
  if (conf.monorepo || compiler.webpackConfigPath) return unknown(`\`${cli?.name}\` sets a monorepo or its own webpack config`);
  const builder = typeof compiler.builder === "object" ? (compiler.builder as Record<string, unknown>).type : compiler.builder;
  if (compiler.webpack === true || builder === "webpack" || builder === "rspack") return unknown(`\`${cli?.name}\` bundles with webpack`);
  const named = flagValue(args, ["-p", "--path"]) ?? (typeof compiler.tsConfigPath === "string" ? compiler.tsConfigPath : null);
  const config = named ?? (read("tsconfig.build.json") !== null ? "tsconfig.build.json" : "tsconfig.json");
  return tscFromConfig(read, posix.normalize(config), null);
}

function vite(args: readonly string[], read: ConfigReader): ToolOutputs {
  const operands = args.filter((a, i) => !a.startsWith("-") && !/^--?(c|config|m|mode|outDir|base|l|logLevel)$/.test(args[i - 1] ?? ""));
  if (operands[0] !== "build") return unknown(`\`vite ${operands[0] ?? ""}\` is not a build`);
  if (operands.length > 1) return unknown("`vite build` is given another root folder");
  const flag = flagValue(args, ["--outDir"]);
  if (flag) return outputs(flag);
  const named = flagValue(args, ["-c", "--config"]);
  const config = named ? { name: named, text: read(named) } : firstFile(read, configNames("vite.config"));
  if (config === null) return outputs("dist");
  if (config.text === null) return unknown(`\`${config.name}\` cannot be read`);
  if (literalKey(config.text, "root") !== "absent") return unknown(`\`${config.name}\` sets another root folder`);
  const out = literalKey(config.text, "outDir");
  return out === "absent" ? outputs("dist") : out === null ? unknown(`\`${config.name}\` computes \`outDir\``) : outputs(out);
}

function webpack(args: readonly string[], read: ConfigReader): ToolOutputs {
  const flag = flagValue(args, ["-o", "--output-path"]);
  if (flag) return outputs(flag);
  const named = flagValue(args, ["-c", "--config"]);
  const config = named ? { name: named, text: read(named) } : firstFile(read, configNames("webpack.config"));
  if (config === null) return outputs("dist");
  if (config.text === null) return unknown(`\`${config.name}\` cannot be read`);
  const code = config.text;
  const uses = [...code.matchAll(/\bpath\s*:\s*/g)].map((m) => code.slice((m.index ?? 0) + m[0].length));
  if (uses.length === 0)
    return /\boutput\b/.test(code) ? unknown(`\`${config.name}\` sets \`output\` in a way the table cannot read`) : outputs("dist");
  const found: string[] = [];
  for (const rest of uses) {
    const m =
      /^(?:path\.)?(?:resolve|join)\(\s*__dirname\s*,\s*(['"])([^'"$]+)\1\s*\)/.exec(rest) ??
      /^__dirname\s*\+\s*(['"])\/([^'"$]+)\1\s*[,}\n]/.exec(rest) ??
      /^(['"])([^'"$]+)\1\s*[,}\n]/.exec(rest);
    if (!m) return unknown(`\`${config.name}\` computes \`output.path\``);
    found.push(m[2]);
  }
  return outputs(...found);
}

function folderFlag(args: readonly string[], flags: readonly string[], fallback: string | null, tool: string): ToolOutputs {
  const flag = flagValue(args, flags);
  if (flag) return outputs(flag);
  return fallback === null ? unknown(`\`${tool}\` is not given its output with ${flags.join(" or ")}`) : outputs(fallback);
}

/** A config file whose `key` may move the output: absent → the default, a literal → it, else unknown. */
function configured(read: ConfigReader, stems: readonly string[], key: string, fallback: string): ToolOutputs {
  const config = firstFile(read, stems.flatMap(configNames));
  if (config === null) return outputs(fallback);
  const value = literalKey(config.text, key);
  return value === "absent" ? outputs(fallback) : value === null ? unknown(`\`${config.name}\` computes \`${key}\``) : outputs(value);
}

/** The operands of `args` (not flags, not the value of a flag in `valued`), or null when a flag is not in `known`. */
function operandsOf(args: readonly string[], valued: readonly string[], known: readonly string[]): string[] | null {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].replace(/=.*$/, "");
    if (!args[i].startsWith("-")) operands.push(args[i]);
    else if (valued.includes(flag)) i += args[i].includes("=") ? 0 : 1;
    else if (!known.includes(flag)) return null;
  }
  return operands;
}

/** `docusaurus build [siteDir]`: `<siteDir>/build`, or `--out-dir` (relative to the working folder, not the site). */
function docusaurus(args: readonly string[]): ToolOutputs {
  if (args[0] !== "build") return unknown(`\`docusaurus ${args[0] ?? ""}\` is not a build`);
  const operands = operandsOf(args.slice(1), ["--out-dir", "--config", "--locale"], ["--bundle-analyzer", "--no-minify", "--dev"]);
  if (operands === null || operands.length > 1) return unknown("`docusaurus build` is given an option or operand the table does not read");
  return outputs(flagValue(args, ["--out-dir"]) ?? posix.join(operands[0] ?? ".", "build"));
}

/** `astro build`: `--outDir`, else the config's literal `outDir`, else `dist`; another root or config is unknown. */
function astro(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown(`\`astro ${args[0] ?? ""}\` is not a build`);
  const operands = operandsOf(args.slice(1), ["--outDir", "--site", "--base", "--mode"], ["--force", "--verbose", "--silent"]);
  if (operands === null || operands.length > 0)
    return unknown("`astro build` is given another root, config or an option the table does not read");
  const flag = flagValue(args, ["--outDir"]);
  return flag ? outputs(flag) : configured(read, ["astro.config"], "outDir", "dist");
}

/** Vue CLI's `outputDir`: from vue.config.*, else from the `vue` field of package.json, else `dist`. */
function vueConfigured(read: ConfigReader): ToolOutputs {
  if (firstFile(read, configNames("vue.config")) !== null) return configured(read, ["vue.config"], "outputDir", "dist");
  const pkg = parseJsonc(read("package.json") ?? "{}");
  const field = pkg?.vue as Record<string, unknown> | undefined;
  if (pkg === null || (field !== undefined && typeof field !== "object")) return unknown("`package.json` cannot be read");
  if (field?.outputDir === undefined) return outputs("dist");
  return typeof field.outputDir === "string" ? outputs(field.outputDir) : unknown("`package.json` sets `vue.outputDir` to a non-string");
}

/** Build commands by program name: the folders they write, relative to the working folder. */
const TOOLS: Readonly<Record<string, (args: readonly string[], read: ConfigReader) => ToolOutputs>> = {
  tsc,
  nest,
  vite,
  webpack: (args, read) => webpack(args[0] === "build" ? args.slice(1) : args, read),
  "webpack-cli": (args, read) => webpack(args[0] === "build" ? args.slice(1) : args, read),
  "react-scripts": (args, read) =>
    args[0] !== "build"
      ? unknown(`\`react-scripts ${args[0] ?? ""}\` is not a build`)
      : /BUILD_PATH/.test(read(".env") ?? "") || /BUILD_PATH/.test(read(".env.production") ?? "")
        ? unknown("a `.env` file sets `BUILD_PATH`")
        : outputs("build"),
  next: (args, read) => {
    if (args[0] !== "build") return unknown(`\`next ${args[0] ?? ""}\` is not a build`);
    const config = firstFile(read, configNames("next.config"));
    if (config && /\b(distDir|output)\b/.test(config.text)) return unknown(`\`${config.name}\` sets \`distDir\` or \`output\``);
    return outputs(".next");
  },
  "vue-cli-service": (args, read) =>
    args[0] !== "build"
      ? unknown(`\`vue-cli-service ${args[0] ?? ""}\` is not a build`)
      : flagValue(args, ["--dest"])
        ? outputs(flagValue(args, ["--dest"]) as string)
        : vueConfigured(read),
  ng: (args, read) => {
    if (args[0] !== "build") return unknown(`\`ng ${args[0] ?? ""}\` is not a build`);
    const flag = flagValue(args, ["--output-path"]);
    if (flag) return outputs(flag);
    const config = firstFile(read, ["angular.json", ".angular.json"]);
    if (config === null) return unknown("there is no `angular.json` to read the output path from");
    const text = config.text;
    const named = [...text.matchAll(/"(outputPath|base)"\s*:\s*"([^"]*)"/g)].map((m) => posix.normalize(m[2]));
    if (named.some((p) => p !== "dist" && !p.startsWith("dist/"))) return unknown("`angular.json` names an output path outside `dist`");
    return /"outputPath"\s*:\s*\{/.test(text) && named.length === 0
      ? unknown("`angular.json` sets `outputPath` as an object")
      : outputs("dist");
  },
  babel: (args) => {
    const out = flagValue(args, ["-d", "--out-dir", "-o", "--out-file"]);
    return out ? outputs(out) : unknown("`babel` writes to its standard output");
  },
  esbuild: (args) => {
    const out = [flagValue(args, ["--outdir"]), flagValue(args, ["--outfile"]), flagValue(args, ["--metafile"])].filter(
      (p): p is string => p !== null,
    );
    return out.length > 0 ? outputs(...out) : unknown("`esbuild` writes to its standard output");
  },
  tsup: (args, read) => {
    const flag = flagValue(args, ["-d", "--out-dir"]);
    return flag ? outputs(flag) : configured(read, ["tsup.config"], "outDir", "dist");
  },
  parcel: (args, read) => {
    if (args[0] !== "build") return unknown(`\`parcel ${args[0] ?? ""}\` is not a build`);
    if (/"targets"\s*:/.test(read("package.json") ?? "")) return unknown("`package.json` sets parcel `targets`");
    return folderFlag(args, ["--dist-dir"], "dist", "parcel");
  },
  rollup: (args) => folderFlag(args, ["-o", "--file", "-d", "--dir"], null, "rollup"),
  ncc: (args) =>
    args[0] !== "build" ? unknown(`\`ncc ${args[0] ?? ""}\` is not a build`) : folderFlag(args, ["-o", "--out"], "dist", "ncc"),
  docusaurus,
  astro,
  // `gatsby serve` and server-rendered pages read `.cache` as well as `public`.
  gatsby: (args) => (args[0] !== "build" ? unknown(`\`gatsby ${args[0] ?? ""}\` is not a build`) : outputs("public", ".cache")),
};

/**
 * The outputs of one build command run in the working folder, relative to it. Paths that leave the
 * working folder, or are the folder itself, are unknown (the runtime could not copy them one by one).
 */
export function toolOutputs(tool: string, args: readonly string[], read: ConfigReader): ToolOutputs {
  const rule = TOOLS[tool];
  if (!rule) return unknown(`\`${tool}\` is not a build tool whose outputs msb-opt knows`);
  if (args.some((a) => a.includes("$"))) return unknown(`\`${tool}\` is given a computed argument`);
  const result = rule(args, read);
  if (!result.ok) return result;
  const paths: string[] = [];
  for (const p of result.paths) {
    const clean = posix.normalize(p).replace(/\/+$/, "");
    if (clean.startsWith("/") || clean === "." || clean === ".." || clean.startsWith("../") || clean === "node_modules")
      return unknown(`\`${tool}\` writes \`${p}\`, outside the working folder's own outputs`);
    paths.push(clean.replace(/^\.\//, ""));
  }
  return outputs(...paths);
}

export const KNOWN_BUILD_TOOLS: readonly string[] = Object.keys(TOOLS);
