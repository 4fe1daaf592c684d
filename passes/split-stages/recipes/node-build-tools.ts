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
  type ToolOutputs,
  tscFromConfig,
  unknown,
} from "./node-tool-config.js";

export type { ConfigReader, ToolOutputs } from "./node-tool-config.js";
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

/** Build commands by program name: the folders they write, relative to the working folder. */
const TOOLS: Readonly<Record<string, (args: readonly string[], read: ConfigReader) => ToolOutputs>> = {
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
  "react-scripts": (args, read) =>
    args[0] !== "build"
      ? unknown("outputsNotABuild", { command: `react-scripts ${args[0] ?? ""}`.trim() })
      : /BUILD_PATH/.test(read(".env") ?? "") || /BUILD_PATH/.test(read(".env.production") ?? "")
        ? unknown("outputsConfigSets", { file: ".env", key: "BUILD_PATH" })
        : outputs("build"),
  next: (args, read) => {
    if (args[0] !== "build") return unknown("outputsNotABuild", { command: `next ${args[0] ?? ""}`.trim() });
    const config = firstFile(read, configNames("next.config"));
    const key = config ? /\b(distDir|output)\b/.exec(config.text)?.[1] : undefined;
    if (config && key) return unknown("outputsConfigSets", { file: config.name, key });
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
  tsup: (args, read) => {
    const flag = flagValue(args, ["-d", "--out-dir"]);
    return flag ? outputs(flag) : configured(read, ["tsup.config"], "outDir", "dist");
  },
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
export function toolOutputs(tool: string, args: readonly string[], read: ConfigReader): ToolOutputs {
  const rule = TOOLS[tool];
  if (!rule) return unknown("outputsUnknownTool", { tool });
  if (args.some((a) => a.includes("$"))) return unknown("outputsComputedArg", { tool });
  const result = rule(args, read);
  if (!result.ok) return result;
  const paths: string[] = [];
  for (const p of result.paths) {
    const clean = posix.normalize(p).replace(/\/+$/, "");
    // The folder itself or node_modules cannot be copied apart; a path outside it is placed by the caller.
    if (clean === "." || clean === "" || clean === "node_modules") return unknown("outputsToolOutside", { tool, path: p });
    paths.push(clean.replace(/^\.\//, ""));
  }
  return outputs(...paths);
}

export const KNOWN_BUILD_TOOLS: readonly string[] = Object.keys(TOOLS);
