// Context copies the runtime can leave out: every file they bring is a TypeScript source that the build
// compiles into its outputs, and nothing the image runs reads TypeScript (no loader, no type stripping, no
// source-map lookups of the originals). A source edit then re-copies only the build's output.
import type { BuildContext } from "../../../src/core/context.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import { copyOperands } from "../../../src/core/instructions.js";
import type { Instruction } from "../../../src/core/ir.js";
import { SPECIFIER } from "../../../src/core/module-specifiers.js";
import type { Analysis } from "../analysis.js";
import { entryTexts } from "../closure/node-entry.js";
import type { NodeProject } from "../closure/node-project.js";
import type { BuildRun } from "./node-outputs.js";
import { isOfficial } from "./types.js";

const TYPESCRIPT = /\.(ts|tsx|mts|cts)$/;
/** Past this many files a folder is not walked: the copy stays. */
const MAX_FILES = 2000;
/** Ways a running app reaches TypeScript files or their text. */
const READS_TYPESCRIPT = /\.(ts|tsx|mts|cts)\b|enable-source-maps|source-map-support|ts-node|\btsx\b|strip-types|transform-types/;

export interface LeftOutSources {
  /** Body indices of the COPYs the runtime does not replay. */
  readonly indices: ReadonlySet<number>;
  readonly paths: readonly string[];
  readonly files: number;
}

export function compiledSourceCopies(
  a: Analysis,
  context: BuildContext,
  project: NodeProject,
  runs: readonly BuildRun[],
  devKept: boolean,
): LeftOutSources | null {
  const built = runs.filter((r) => r.outputs.length > 0 && r.tools.length > 0);
  if (built.length === 0 || devKept) return null;
  const texts = [
    ...entryTexts(a, project.pkg),
    ...a.stage.body.filter((i) => i.keyword === "ENV" || i.keyword === "ARG").map((i) => i.args),
  ];
  if (texts.some((t) => READS_TYPESCRIPT.test(t))) return null;
  const deps = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies };
  if ("source-map-support" in deps || "ts-node" in deps || "tsx" in deps) return null;
  const view = withDockerignore(context);
  const strips = stripsTypesByDefault(a);
  const firstBuild = Math.min(...built.map((r) => r.index));
  const indices = new Set<number>();
  const paths: string[] = [];
  let files = 0;
  a.stage.body.forEach((instr, index) => {
    // Only copies the build reads: one made after it would not be compiled into the output.
    if (index > firstBuild || !plainCopy(instr)) return;
    const operands = copyOperands(instr);
    if (!operands || operands.sources.length === 0) return;
    let count = 0;
    for (const src of operands.sources) {
      const n = typescriptOnly(view, src.replace(/^\.\//, "").replace(/\/+$/, ""), strips);
      if (n === null) return;
      count += n;
    }
    indices.add(index);
    paths.push(...operands.sources);
    files += count;
  });
  return indices.size > 0 ? { indices, paths, files } : null;
}

function plainCopy(instr: Instruction): boolean {
  return instr.keyword === "COPY" && instr.heredocs.length === 0 && instr.flags.every((f) => f.name === "chown" || f.name === "chmod");
}

/**
 * Does the base's node run `.ts` files without a flag (type stripping on by default from Node 22.18 and 23.6, in
 * every node:24 image)? A tag that names no older version (`lts`, `current`, `iron`), or a base that is not node's,
 * may.
 */
export function stripsTypesByDefault(a: Analysis): boolean {
  if (!isOfficial(a.stage.base, "node")) return true;
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(a.stage.base.tag ?? "latest");
  if (!m) return true;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? null : Number(m[2]);
  if (major === 23) return minor === null || minor >= 6;
  if (major === 22) return minor === null || minor >= 18;
  return major >= 24;
}

/**
 * A TypeScript file's path or glob in a string (`fork("src/worker.ts")`, `new URL("./jobs/x.ts", import.meta.url)`),
 * not an import of one, nor the extension alone (`f.endsWith(".ts")`).
 */
const TS_PATH_STRING = /(["'`])[^"'`\n]*[\w*]\.(?:ts|tsx|mts|cts)\1/;
/** A worker, child process or import whose file is computed (`fork(file)`, `new Worker(path)`, `import(\`./plugins/${name}.ts\`)`). */
const COMPUTED_RUN = /\b(?:fork|Worker|import)\s*\(\s*(?!(["'])[^"'`$\n]*\1\s*[,)])[^)\s]/;

/**
 * Can the code of a source file read or run TypeScript files at run time: a `.ts` path or glob in a string (a
 * worker, swagger-jsdoc's `apis: ["./src/routes/*.ts"]`), or, on a node that strips types by default (`strips`), a
 * computed worker, child or import?
 */
function runsTypeScript(text: string, strips: boolean): boolean {
  const code = text.replace(SPECIFIER, "");
  return TS_PATH_STRING.test(code) || (strips && COMPUTED_RUN.test(code));
}

/** How many files the context path holds when every one is TypeScript that runs no TypeScript file itself, else null. */
function typescriptOnly(view: BuildContext, path: string, strips: boolean): number | null {
  if (path === "" || path === "." || /[*?[$]/.test(path) || path.startsWith("/") || path.startsWith("..")) return null;
  const single = view.read(path);
  if (single !== null) return TYPESCRIPT.test(path) && !runsTypeScript(single, strips) ? 1 : null;
  let count = 0;
  const walk = (dir: string): boolean => {
    const names = view.list(dir);
    for (const name of names) {
      const child = `${dir}/${name}`;
      if (view.list(child).length > 0) {
        if (!walk(child)) return false;
        // A leaf that is not a readable file (an empty folder) would be missing from the runtime.
      } else if (
        !TYPESCRIPT.test(name) ||
        runsTypeScript(view.read(child) ?? "", strips) ||
        view.read(child) === null ||
        ++count > MAX_FILES
      ) {
        return false;
      }
    }
    return true;
  };
  return walk(path) && count > 0 ? count : null;
}
