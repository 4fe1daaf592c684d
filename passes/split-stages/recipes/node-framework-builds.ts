// Where the framework CLIs write their build (Nest, Vue CLI, Angular, Docusaurus, Astro), from their flags
// and settings files: part of the table in node-build-tools.ts.
import { posix } from "node:path";
import {
  type ConfigReader,
  configured,
  firstFile,
  configNames,
  flagValue,
  literalKey,
  operandsOf,
  outputs,
  parseJsonc,
  type ToolOutputs,
  tscFromConfig,
  unknown,
} from "./node-tool-config.js";

/** The files the Nest CLI reads its settings from, first found wins. */
const NEST_CONFIGS = ["nest-cli.json", ".nest-cli.json", ".nestcli.json", "nest.json"];

export function nest(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown("outputsNotABuild", { command: `nest ${args[0] ?? ""}`.trim() });
  if (flagValue(args, ["-c", "--config"])) return unknown("outputsToolOption", { tool: "nest build", option: "--config" });
  // webpack writes to its own `output.path`, not the tsconfig's outDir.
  if (args.includes("--webpack") || /^(webpack|rspack)$/.test(flagValue(args, ["-b", "--builder"]) ?? ""))
    return unknown("outputsToolOption", { tool: "nest build", option: args.includes("--webpack") ? "--webpack" : "--builder" });
  const cli = firstFile(read, NEST_CONFIGS);
  const conf = cli === null ? {} : parseJsonc(cli.text);
  if (conf === null) return unknown("outputsConfigUnreadable", { file: cli?.name ?? "" });
  const compiler = (conf.compilerOptions ?? {}) as Record<string, unknown>;
  if (conf.monorepo || compiler.webpackConfigPath)
    return unknown("outputsConfigSets", { file: cli?.name ?? "", key: conf.monorepo ? "monorepo" : "compilerOptions.webpackConfigPath" });
  const builder = typeof compiler.builder === "object" ? (compiler.builder as Record<string, unknown>).type : compiler.builder;
  if (compiler.webpack === true || builder === "webpack" || builder === "rspack")
    return unknown("outputsConfigSets", {
      file: cli?.name ?? "",
      key: compiler.webpack === true ? "compilerOptions.webpack" : "compilerOptions.builder",
    });
  const named = flagValue(args, ["-p", "--path"]) ?? (typeof compiler.tsConfigPath === "string" ? compiler.tsConfigPath : null);
  const config = named ?? (read("tsconfig.build.json") !== null ? "tsconfig.build.json" : "tsconfig.json");
  const compiled = tscFromConfig(read, posix.normalize(config), null);
  if (!compiled.ok) return compiled;
  // An asset entry with its own `outDir` is copied there (relative to the project root), not into the tsconfig's.
  const assets = compiler.assets ?? [];
  if (!Array.isArray(assets)) return unknown("outputsConfigComputes", { file: cli?.name ?? "", key: "compilerOptions.assets" });
  const extra: string[] = [];
  for (const asset of assets) {
    if (typeof asset === "string") continue;
    const outDir = asset && typeof asset === "object" ? (asset as Record<string, unknown>).outDir : null;
    if (outDir === undefined) continue;
    if (typeof outDir !== "string") return unknown("outputsConfigComputes", { file: cli?.name ?? "", key: "compilerOptions.assets" });
    extra.push(outDir);
  }
  return outputs(...new Set([...compiled.paths, ...extra]));
}

/** `vue-cli-service build`: `--dest`, else Vue CLI's `outputDir`. */
export function vueCliService(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown("outputsNotABuild", { command: `vue-cli-service ${args[0] ?? ""}`.trim() });
  const dest = flagValue(args, ["--dest"]);
  return dest ? outputs(dest) : vueConfigured(read);
}

/** `docusaurus build [siteDir]`: `<siteDir>/build`, or `--out-dir` (relative to the working folder, not the site). */
export function docusaurus(args: readonly string[]): ToolOutputs {
  if (args[0] !== "build") return unknown("outputsNotABuild", { command: `docusaurus ${args[0] ?? ""}`.trim() });
  const operands = operandsOf(args.slice(1), ["--out-dir", "--config", "--locale"], ["--bundle-analyzer", "--no-minify", "--dev"]);
  if (operands === null || operands.length > 1)
    return unknown("outputsToolOption", { tool: "docusaurus build", option: unreadWord(args.slice(1), operands, 1) });
  return outputs(flagValue(args, ["--out-dir"]) ?? posix.join(operands[0] ?? ".", "build"));
}

/** `astro build`: `--outDir`, else the config's literal `outDir`, else `dist`; another root or config is unknown. */
export function astro(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown("outputsNotABuild", { command: `astro ${args[0] ?? ""}`.trim() });
  const operands = operandsOf(args.slice(1), ["--outDir", "--site", "--base", "--mode"], ["--force", "--verbose", "--silent"]);
  if (operands === null || operands.length > 0)
    return unknown("outputsToolOption", { tool: "astro build", option: unreadWord(args.slice(1), operands, 0) });
  const flag = flagValue(args, ["--outDir"]);
  return flag ? outputs(flag) : configured(read, ["astro.config"], "outDir", "dist");
}

/** Vue CLI's `outputDir`: from vue.config.*, else from the `vue` field of package.json, else `dist`. */
function vueConfigured(read: ConfigReader): ToolOutputs {
  if (firstFile(read, configNames("vue.config")) !== null) return configured(read, ["vue.config"], "outputDir", "dist");
  const pkg = parseJsonc(read("package.json") ?? "{}");
  const field = pkg?.vue as Record<string, unknown> | undefined;
  if (pkg === null || (field !== undefined && typeof field !== "object"))
    return unknown("outputsConfigUnreadable", { file: "package.json" });
  if (field?.outputDir === undefined) return outputs("dist");
  return typeof field.outputDir === "string"
    ? outputs(field.outputDir)
    : unknown("outputsConfigComputes", { file: "package.json", key: "vue.outputDir" });
}

/** `ng build`: `--output-path`, else the output paths of angular.json, all under `dist`. */
export function ng(args: readonly string[], read: ConfigReader): ToolOutputs {
  if (args[0] !== "build") return unknown("outputsNotABuild", { command: `ng ${args[0] ?? ""}`.trim() });
  const flag = flagValue(args, ["--output-path"]);
  if (flag) return outputs(flag);
  const config = firstFile(read, ["angular.json", ".angular.json"]);
  if (config === null) return unknown("outputsNoAngularJson");
  const text = config.text;
  const named = [...text.matchAll(/"(outputPath|base)"\s*:\s*"([^"]*)"/g)].map((m) => posix.normalize(m[2]));
  if (named.some((p) => p !== "dist" && !p.startsWith("dist/"))) return unknown("outputsAngularOutside", { file: config.name });
  return /"outputPath"\s*:\s*\{/.test(text) && named.length === 0
    ? unknown("outputsConfigSets", { file: config.name, key: "outputPath" })
    : outputs("dist");
}

/** The word the table does not read: an extra operand (past `allowed`), else the first flag it does not know. */
function unreadWord(args: readonly string[], operands: readonly string[] | null, allowed: number): string {
  if (operands !== null && operands.length > allowed) return operands[allowed];
  return args.find((w) => w.startsWith("-")) ?? args[0] ?? "";
}

/**
 * Where adapter-node writes the server of a SvelteKit app, from svelte.config: its `out` option, else `build`;
 * null when the config does not use adapter-node (another adapter, or none found), or gives `out` another way.
 */
export function adapterNodeOut(read: ConfigReader): string | null {
  const config = firstFile(read, configNames("svelte.config"));
  const name = config && /^\s*import\s+(\w+)\s+from\s+['"]@sveltejs\/adapter-node['"]/m.exec(config.text)?.[1];
  if (!config || !name || !new RegExp(`\\badapter\\s*:\\s*${name}\\(`).test(config.text)) return null;
  const out = literalKey(config.text, "out");
  return out === "absent" ? "build" : out;
}

/**
 * `vite build` with SvelteKit's plugin: the generated `.svelte-kit` and the adapter's output, known for
 * adapter-node; null for a project without the plugin.
 */
export function svelteKitBuild(viteConfig: string, read: ConfigReader): ToolOutputs | null {
  if (!/['"]@sveltejs\/kit\/vite['"]/.test(viteConfig)) return null;
  const out = adapterNodeOut(read);
  return out === null ? unknown("outputsConfigSets", { file: "svelte.config.js", key: "kit.adapter" }) : outputs(".svelte-kit", out);
}

/** `svelte-kit sync` writes the generated types and config under `.svelte-kit`. */
export function svelteKit(args: readonly string[]): ToolOutputs {
  return args[0] === "sync" ? outputs(".svelte-kit") : unknown("outputsNotABuild", { command: `svelte-kit ${args[0] ?? ""}`.trim() });
}
