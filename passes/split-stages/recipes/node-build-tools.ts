// Where each Node build tool writes, from its flags and its config file: the table behind copying a build's
// outputs one by one instead of the whole working folder. A tool not in the table, or a config the table
// cannot read for its output folder, is `unknown` (the caller then copies everything): never a guess.
import { posix } from "node:path";
import { astro, docusaurus, nest, ng, svelteKit, svelteKitBuild, vueCliService } from "./node-framework-builds.js";
import { prismaClientFolders } from "./prisma-client.js";
import {
  type ConfigReader,
  configNames,
  configured,
  firstFile,
  flagValue,
  folderFlag,
  literalKey,
  outputs,
  parseJsonc,
  type ToolOutputs,
  tscFromConfig,
  unknown,
} from "./node-tool-config.js";

export type { ConfigReader, ToolOutputs } from "./node-tool-config.js";

/** Whether the build's environment sets a variable (a prefix `VAR=x`, cross-env, the Dockerfile's ENV or ARG). */
export type EnvSet = (name: string) => boolean;
export { flagValue, parseJsonc, tsconfigEmit } from "./node-tool-config.js";

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
  if (args.includes("-b") || args.includes("--build")) return unknown("outputsToolOption", { tool: "tsc", option: "--build" });
  if (args.includes("--noEmit")) return outputs();
  const outDir = flagValue(args, ["--outDir"]);
  const named = [outDir, flagValue(args, ["--outFile"]), flagValue(args, ["--declarationDir"])].filter((p): p is string => p !== null);
  const project = flagValue(args, ["-p", "--project"]);
  const files = args.filter((a, i) => !a.startsWith("-") && !a.includes("=") && !TSC_VALUE_FLAGS.has(args[i - 1] ?? ""));
  if (files.length > 0) {
    // Files on the command line: tsc ignores tsconfig.json.
    return project === null && outDir ? outputs(...named) : unknown("outputsTscSources");
  }
  const config = project === null ? "tsconfig.json" : project.endsWith(".json") ? project : posix.join(project, "tsconfig.json");
  const fromConfig = tscFromConfig(read, posix.normalize(config), outDir);
  return fromConfig.ok ? outputs(...new Set([...fromConfig.paths, ...named])) : fromConfig;
}

function vite(args: readonly string[], read: ConfigReader): ToolOutputs {
  const operands = args.filter((a, i) => !a.startsWith("-") && !/^--?(c|config|m|mode|outDir|base|l|logLevel)$/.test(args[i - 1] ?? ""));
  if (operands[0] !== "build") return unknown("outputsNotABuild", { command: `vite ${operands[0] ?? ""}`.trim() });
  if (operands.length > 1) return unknown("outputsToolOption", { tool: "vite build", option: operands[1] });
  const flag = flagValue(args, ["--outDir"]);
  if (flag) return outputs(flag);
  const named = flagValue(args, ["-c", "--config"]);
  const config = named ? { name: named, text: read(named) } : firstFile(read, configNames("vite.config"));
  if (config === null) return outputs("dist");
  if (config.text === null) return unknown("outputsConfigUnreadable", { file: config.name });
  const kit = svelteKitBuild(config.text, read);
  if (kit) return kit;
  // A framework plugin (React Router, Remix, Nitro) or another config file (`mergeConfig(base, …)`) may set outDir.
  const loaded = configLoads(config.text).find((m) => !VITE_KNOWN.has(m) && !NODE_BUILTIN.test(m));
  if (loaded) return unknown("outputsConfigLoads", { file: config.name, module: loaded });
  if (literalKey(config.text, "root") !== "absent") return unknown("outputsConfigSets", { file: config.name, key: "root" });
  const out = literalKey(config.text, "outDir");
  return out === "absent"
    ? outputs("dist")
    : out === null
      ? unknown("outputsConfigComputes", { file: config.name, key: "outDir" })
      : outputs(out);
}

function webpack(args: readonly string[], read: ConfigReader): ToolOutputs {
  const flag = flagValue(args, ["-o", "--output-path"]);
  if (flag) return outputs(flag);
  const named = flagValue(args, ["-c", "--config"]);
  const config = named ? { name: named, text: read(named) } : firstFile(read, configNames("webpack.config"));
  if (config === null) return outputs("dist");
  if (config.text === null) return unknown("outputsConfigUnreadable", { file: config.name });
  const code = config.text;
  // `merge(require("./webpack.common.js"), …)`: the output may be set in the other file.
  const local = configLoads(code).find((m) => m.startsWith(".") || m.startsWith("/"));
  if (local) return unknown("outputsConfigLoads", { file: config.name, module: local });
  const uses = [...code.matchAll(/\bpath\s*:\s*/g)].map((m) => code.slice((m.index ?? 0) + m[0].length));
  if (uses.length === 0)
    return /\boutput\b/.test(code) ? unknown("outputsConfigSets", { file: config.name, key: "output" }) : outputs("dist");
  const found: string[] = [];
  for (const rest of uses) {
    const m =
      /^(?:path\.)?(?:resolve|join)\(\s*__dirname\s*,\s*(['"])([^'"$]+)\1\s*\)/.exec(rest) ??
      /^__dirname\s*\+\s*(['"])\/([^'"$]+)\1\s*[,}\n]/.exec(rest) ??
      /^(['"])([^'"$]+)\1\s*[,}\n]/.exec(rest);
    if (!m) return unknown("outputsConfigComputes", { file: config.name, key: "output.path" });
    found.push(m[2]);
  }
  return outputs(...found);
}

/** The modules a JS/TS config file imports or requires, by the name it gives them. */
export function configLoads(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found = [
    ...code.matchAll(/\bfrom\s*(['"])([^'"]+)\1/g),
    ...code.matchAll(/^\s*import\s*(['"])([^'"]+)\1/gm),
    ...code.matchAll(/\b(?:require|import)\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g),
  ].map((m) => m[2]);
  // A computed `require(x)` or `import(x)` loads something unknown.
  if (/\b(?:require|import)\s*\(\s*[^'"`\s)]/.test(code)) found.push("(computed)");
  return [...new Set(found)];
}

const NODE_BUILTIN = /^(node:.*|path|url|fs|os|process|module)$/;
/** vite itself and plugins that leave `build.outDir` alone (they transform sources or add files inside it). */
const VITE_KNOWN = new Set([
  "vite",
  "vitest/config",
  "@vitejs/plugin-react",
  "@vitejs/plugin-react-swc",
  "@vitejs/plugin-vue",
  "@vitejs/plugin-vue-jsx",
  "@vitejs/plugin-legacy",
  "@vitejs/plugin-basic-ssl",
  "@sveltejs/vite-plugin-svelte",
  "@preact/preset-vite",
  "vite-plugin-solid",
  "vite-tsconfig-paths",
  "@tailwindcss/vite",
  "tailwindcss",
  "autoprefixer",
  "vite-plugin-svgr",
  "vite-plugin-checker",
  "vite-plugin-pwa",
]);

/** next itself and plugins that write only inside `.next` (webpack loaders, the bundle report). */
const NEXT_KNOWN = new Set(["next", "@next/bundle-analyzer", "@next/mdx", "@zeit/next-css", "@zeit/next-sass"]);

/** Folders of a project that hold no code a build runs: dependencies, outputs, tests. */
const NOT_BUILD_CODE = new Set([
  "node_modules",
  ".git",
  ".next",
  "public",
  "out",
  "dist",
  "build",
  "coverage",
  "__tests__",
  "test",
  "tests",
  "e2e",
  "cypress",
  "playwright",
]);
const FILE_WRITE =
  /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|cp|cpSync|mkdir|mkdirSync|rename|renameSync|outputFile|outputFileSync|outputJson|outputJsonSync|writeJson|writeJsonSync)\s*\(/;

/**
 * The first source file of the project that writes files (a build that runs the project's code may run it),
 * "(unlisted)" when the folder cannot be listed, or null when none does.
 */
function fileWriter(read: ConfigReader): string | null {
  const list = read.list;
  if (!list) return "(unlisted)";
  const walk = (dir: string, depth: number): string | null => {
    for (const name of list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (/\.(c|m)?(j|t)sx?$/.test(name)) {
        if (/\.(test|spec)\.\w+$/.test(name) || /\.d\.(c|m)?ts$/.test(name)) continue;
        if (FILE_WRITE.test(read(path) ?? "")) return path;
      } else if (!NOT_BUILD_CODE.has(name) && !name.includes(".") && depth < 12) {
        const found = walk(path, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(".", 0);
}

/** CRA's env files, read for BUILD_PATH (react-scripts config/env.js, for `build`). */
const CRA_ENV_FILES = [".env.production.local", ".env.local", ".env.production", ".env"];

/** tsup: a flag, else the first config it loads (tsup.config.*, tsup.config.json, package.json's `tsup`). */
function tsup(args: readonly string[], read: ConfigReader): ToolOutputs {
  const flag = flagValue(args, ["-d", "--out-dir"]);
  if (flag) return outputs(flag);
  if (flagValue(args, ["--config"])) return unknown("outputsToolOption", { tool: "tsup", option: "--config" });
  if (firstFile(read, configNames("tsup.config")) !== null) return configured(read, ["tsup.config"], "outDir", "dist");
  const json = read("tsup.config.json");
  const pkg = json === null ? parseJsonc(read("package.json") ?? "{}")?.tsup : undefined;
  const [file, conf] = json !== null ? ["tsup.config.json", parseJsonc(json)] : ["package.json", pkg];
  if (conf === undefined) return outputs("dist");
  if (conf === null || typeof conf !== "object" || Array.isArray(conf)) return unknown("outputsConfigComputes", { file, key: "outDir" });
  const outDir = (conf as Record<string, unknown>).outDir;
  return outDir === undefined
    ? outputs("dist")
    : typeof outDir === "string"
      ? outputs(outDir)
      : unknown("outputsConfigComputes", { file, key: "outDir" });
}

/** Build commands by program name: the folders they write, relative to the working folder. */
const TOOLS: Readonly<Record<string, (args: readonly string[], read: ConfigReader, env: EnvSet) => ToolOutputs>> = {
  tsc,
  // The client `prisma generate` writes (node_modules/.prisma by default): the runtime lays it over its own node_modules.
  prisma: (args, read) =>
    args[0] === "generate"
      ? prismaClientFolders(args.slice(1), read)
      : unknown("outputsNotABuild", { command: `prisma ${args[0] ?? ""}`.trim() }),
  nest,
  vite,
  webpack: (args, read) => webpack(args[0] === "build" ? args.slice(1) : args, read),
  "webpack-cli": (args, read) => webpack(args[0] === "build" ? args.slice(1) : args, read),
  "react-scripts": (args, read, env) => {
    if (args[0] !== "build") return unknown("outputsNotABuild", { command: `react-scripts ${args[0] ?? ""}`.trim() });
    // The environment (a `BUILD_PATH=x` prefix, the Dockerfile's ENV or ARG) wins over every env file.
    if (env("BUILD_PATH")) return unknown("outputsEnvSets", { name: "BUILD_PATH", tool: "react-scripts build" });
    const file = CRA_ENV_FILES.find((f) => /BUILD_PATH/.test(read(f) ?? ""));
    return file ? unknown("outputsConfigSets", { file, key: "BUILD_PATH" }) : outputs("build");
  },
  next: (args, read) => {
    if (args[0] !== "build") return unknown("outputsNotABuild", { command: `next ${args[0] ?? ""}`.trim() });
    const config = firstFile(read, configNames("next.config"));
    const key = config ? /\b(distDir|output)\b/.exec(config.text)?.[1] : undefined;
    if (config && key) return unknown("outputsConfigSets", { file: config.name, key });
    // The config's plugins (next-pwa writes `public/sw.js`) and the pages' build-time code run during the build.
    const loaded = config && configLoads(config.text).find((m) => !NEXT_KNOWN.has(m) && !NODE_BUILTIN.test(m));
    if (config && loaded) return unknown("outputsConfigLoads", { file: config.name, module: loaded });
    const writer = fileWriter(read);
    if (writer) return unknown("outputsBuildRunsWriter", { tool: "next build", file: writer, out: ".next" });
    return outputs(".next");
  },
  "vue-cli-service": vueCliService,
  "svelte-kit": svelteKit,
  ng,
  babel: (args) => {
    const out = flagValue(args, ["-d", "--out-dir", "-o", "--out-file"]);
    return out ? outputs(out) : unknown("outputsStdout", { tool: "babel" });
  },
  esbuild: (args) => {
    const out = [flagValue(args, ["--outdir"]), flagValue(args, ["--outfile"]), flagValue(args, ["--metafile"])].filter(
      (p): p is string => p !== null,
    );
    return out.length > 0 ? outputs(...out) : unknown("outputsStdout", { tool: "esbuild" });
  },
  tsup,
  parcel: (args, read) => {
    if (args[0] !== "build") return unknown("outputsNotABuild", { command: `parcel ${args[0] ?? ""}`.trim() });
    if (/"targets"\s*:/.test(read("package.json") ?? "")) return unknown("outputsConfigSets", { file: "package.json", key: "targets" });
    return folderFlag(args, ["--dist-dir"], "dist", "parcel");
  },
  rollup: (args) => folderFlag(args, ["-o", "--file", "-d", "--dir"], null, "rollup"),
  ncc: (args) =>
    args[0] !== "build"
      ? unknown("outputsNotABuild", { command: `ncc ${args[0] ?? ""}`.trim() })
      : folderFlag(args, ["-o", "--out"], "dist", "ncc"),
  docusaurus,
  astro,
  // `gatsby serve` and server-rendered pages read `.cache` as well as `public`.
  gatsby: (args) =>
    args[0] !== "build" ? unknown("outputsNotABuild", { command: `gatsby ${args[0] ?? ""}`.trim() }) : outputs("public", ".cache"),
};

/**
 * The outputs of one build command run in the working folder, relative to it or absolute. The folder itself
 * and its node_modules are unknown (the runtime could not copy them apart).
 */
export function toolOutputs(tool: string, args: readonly string[], read: ConfigReader, env: EnvSet = () => false): ToolOutputs {
  const rule = TOOLS[tool];
  if (!rule) return unknown("outputsUnknownTool", { tool });
  if (args.some((a) => a.includes("$"))) return unknown("outputsComputedArg", { tool });
  const result = rule(args, read, env);
  if (!result.ok) return result;
  const paths: string[] = [];
  for (const p of result.paths) {
    // A value from a config that holds `$` (`${configDir}`) would be expanded by the Dockerfile line it lands in.
    if (p.includes("$")) return unknown("outputsComputedPath", { tool, path: p });
    const clean = posix.normalize(p).replace(/\/+$/, "");
    // The folder itself or node_modules cannot be copied apart; a path outside it is placed by the caller.
    if (clean === "." || clean === "" || clean === "node_modules") return unknown("outputsToolOutside", { tool, path: p });
    paths.push(clean.replace(/^\.\//, ""));
  }
  return outputs(...paths);
}

export const KNOWN_BUILD_TOOLS: readonly string[] = Object.keys(TOOLS);
