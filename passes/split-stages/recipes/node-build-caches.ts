// The caches build tools keep on disk between builds, for a cache mount on the build step: a rebuild after a
// source edit then reuses them, where a single-stage build starts cold (the cache is not in the image). Only
// caches the tool itself writes under its own name, that nothing reads at run time, and only where the
// tool's settings are known to leave them in the default place.
import { posix } from "node:path";
import semver from "semver";
import type { BuildContext } from "../../../src/core/context.js";
import { changed, type Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import type { NodeProject, PackageJson } from "../closure/node-project.js";
import type { ConfigReader } from "./node-build-tools.js";
import { type BuildRun, workdirReader } from "./node-outputs.js";
import type { RecipeNote } from "./types.js";
import { configNames, firstFile, flagValue, parseJsonc } from "./node-tool-config.js";

export interface BuildCache {
  /** The folder, relative to the working folder. */
  readonly path: string;
  /** The tool that keeps it, as the user knows it (`next build`). */
  readonly tool: string;
}

type CacheRule = (args: readonly string[], read: ConfigReader, pkg: PackageJson) => string | null;

const RULES: Readonly<Record<string, CacheRule>> = {
  // webpack's cache only: `.next/cache` also holds the fetch and image caches the server reads at run time.
  // Next 16 builds with Turbopack unless told `--webpack`.
  next: (args, read, pkg) => {
    if (args[0] !== "build" || args.some((a) => /^--(turbo|turbopack)$/.test(a))) return null;
    const major = majorOf(pkg, "next");
    if (major === null || (major >= 16 && !args.includes("--webpack"))) return null;
    const config = firstFile(read, configNames("next.config"));
    if (config && /\b(distDir|webpack)\b/.test(config.text)) return null;
    return ".next/cache/webpack";
  },
  // webpack's default cache folder, which Docusaurus keeps (a site folder elsewhere moves it).
  docusaurus: (args, _read, pkg) => {
    const operands = args.filter((a, i) => !a.startsWith("-") && !/^(--out-dir|--config|-l|--locale)$/.test(args[i - 1] ?? ""));
    if (operands[0] !== "build" || operands.length > 1 || majorOf(pkg, "@docusaurus/core") === null) return null;
    return flagValue(args, ["--config"]) ? null : "node_modules/.cache/webpack";
  },
  // Astro's `cacheDir` (optimized images, the content layer), kept for later builds by design.
  astro: (args, read) => {
    if (args[0] !== "build" || args.some((a) => /^--(root|config)(=|$)/.test(a))) return null;
    const config = firstFile(read, configNames("astro.config"));
    return config && /\b(cacheDir|root)\b/.test(config.text) ? null : "node_modules/.astro";
  },
  // Angular's disk cache, unless angular.json moves or disables it.
  ng: (args, read) => {
    if (args[0] !== "build") return null;
    const text = read("angular.json");
    const conf = text === null ? null : parseJsonc(text);
    if (conf === null) return null;
    const cli = (conf.cli ?? {}) as Record<string, unknown>;
    return cli.cache === undefined ? ".angular/cache" : null;
  },
};

/** The caches of the tools a build RUN runs, relative to the working folder. */
export function buildCaches(tools: readonly (readonly string[])[], read: ConfigReader, pkg: PackageJson): BuildCache[] {
  const found: BuildCache[] = [];
  for (const [tool, ...args] of tools) {
    const path = RULES[tool]?.(args, read, pkg);
    if (path && !found.some((c) => c.path === path)) found.push({ path: posix.normalize(path), tool: `${tool} ${args[0] ?? ""}`.trim() });
  }
  return found;
}

/** The lowest major version the manifest allows of a dependency, or null when it names none readable. */
function majorOf(pkg: PackageJson, name: string): number | null {
  const spec = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  if (spec === undefined || semver.validRange(spec) === null) return null;
  const min = semver.minVersion(spec);
  // A range over several majors (`>=14`) could resolve to any of them.
  return min && !semver.satisfies(`${min.major + 1}.0.0`, spec) ? min.major : null;
}

/** Each root build RUN given a cache mount per cache of its tools, with the notes that say so. */
export function cachedBuilds(
  a: Analysis,
  context: BuildContext,
  project: NodeProject,
  runs: readonly BuildRun[],
  line: number,
): { replace: Map<number, Instruction>; paths: string[]; notes: RecipeNote[] } | null {
  const wd = a.workdir;
  if (wd === null) return null;
  const read = workdirReader(a, context, wd);
  const replace = new Map<number, Instruction>();
  const paths: string[] = [];
  const notes: RecipeNote[] = [];
  // A mount is created owned by root: a build run as another user could not write to it.
  for (const run of runs.filter((r) => r.user === null)) {
    const caches = buildCaches(run.tools, read, project.pkg);
    if (caches.length === 0) continue;
    const instr = a.stage.body[run.index];
    const targets = caches.map((c) => posix.join(wd, c.path));
    const mounts = targets.map((target) => ({ name: "mount", value: `type=cache,target=${target}` }));
    replace.set(run.index, changed(instr, { flags: [...mounts, ...instr.flags] }));
    paths.push(...targets);
    for (const c of caches) notes.push({ line: instr.line ?? line, id: "buildCache", data: { dir: posix.join(wd, c.path), tool: c.tool } });
  }
  return replace.size > 0 ? { replace, paths, notes } : null;
}
