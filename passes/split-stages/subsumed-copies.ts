// A context COPY of files or folders to where a later `COPY . <folder>` copies them again: reorder-copy
// puts the manifests first in the build so the install caches, but in a runtime made of copies only, the later
// copy writes the same files with the same content, so the first one is redundant.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { globMatcher } from "../../src/core/glob.js";
import { copyOperands } from "../../src/core/instructions.js";
import type { Instruction } from "../../src/core/ir.js";
import { resolvePath } from "./paths.js";

/**
 * body's context COPYs that a later whole-context COPY to the same folder, with the same flags, repeats: each
 * index with the indices of those later COPYs (a caller that leaves one out must keep the first).
 */
export function subsumedCopies(
  body: readonly Instruction[],
  cwdAt: readonly (string | null)[],
  context: BuildContext,
): Map<number, number[]> {
  const wholeContext = new Map<number, { folder: string; flags: string }>();
  body.forEach((instr, i) => {
    const ops = instr.keyword === "COPY" ? copyOperands(instr) : null;
    const folder = ops ? resolvePath(cwdAt[i] ?? null, ops.dest) : null;
    if (ops && folder && ops.sources.length === 1 && /^\.\/?$/.test(ops.sources[0]) && fromContext(instr))
      wholeContext.set(i, { folder, flags: flagText(instr) });
  });
  const out = new Map<number, number[]>();
  body.forEach((instr, i) => {
    const ops = instr.keyword === "COPY" ? copyOperands(instr) : null;
    if (!ops || !fromContext(instr) || wholeContext.has(i)) return;
    const intoFolder = ops.dest.endsWith("/") || ops.dest === "." || ops.sources.length > 1;
    const dest = resolvePath(cwdAt[i] ?? null, ops.dest);
    if (dest === null) return;
    const flags = flagText(instr);
    for (const [j, later] of wholeContext)
      if (j > i && later.flags === flags && ops.sources.every((s) => landsAsInWhole(s, dest, intoFolder, later.folder, context)))
        out.set(i, [...(out.get(i) ?? []), j]);
  });
  return out;
}

/**
 * Does `source`, copied to `dest`, land where `COPY . <folder>` puts it? Top-level files (or a glob of them)
 * into the folder itself; a literal file deeper into its own subfolder (`COPY vendor/x.tgz ./vendor/`); a
 * literal folder's contents into that folder (`COPY patches ./patches/`).
 */
function landsAsInWhole(source: string, dest: string, intoFolder: boolean, folder: string, context: BuildContext): boolean {
  if (topLevelFiles(source, context)) return intoFolder && dest === folder;
  const name = posix.normalize(source.replace(/^\.\//, "")).replace(/\/+$/, "");
  if (/[*?[\\]/.test(name) || name.startsWith("../") || name.startsWith("/") || name === "." || name === "..") return false;
  const target = posix.join(folder, name);
  if (context.read(name) !== null) return intoFolder ? dest === posix.dirname(target) : dest === target;
  return context.exists(name) && dest === target;
}

const fromContext = (instr: Instruction) => !instr.flags.some((f) => f.name === "from") && instr.heredocs.length === 0;
const flagText = (instr: Instruction) =>
  instr.flags
    .map((f) => `${f.name}=${f.value ?? ""}`)
    .sort()
    .join(" ");

/** Does `source` name only files at the top of the context (a name, or a glob whose every match is a file)? */
function topLevelFiles(source: string, context: BuildContext): boolean {
  const name = source.replace(/^\.\//, "");
  if (name.includes("/") || name === "." || name === ".." || name === "") return false;
  if (!/[*?[]/.test(name)) return context.read(name) !== null;
  const matches = context.list(".").filter(globMatcher(name));
  return matches.length > 0 && matches.every((m) => context.read(m) !== null);
}
