// The rewrite of one install region: the COPYs above an install split into the manifests it reads (copied
// before it) and everything else (moved after it), or the reason this cannot be proven safe.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { declaredVariables, workdirAt } from "../../src/core/instructions.js";
import { instruction, type Instruction } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { contextCopy, copyLabel, type Copy, expand, isConfigFile, landings, normalizeDest } from "./copies.js";
import type { InstallStep } from "./install-commands.js";
import { manifestsFor, type InstallSite } from "./manifests/index.js";
import { refusal, type Refusal } from "./messages.js";

const MOVABLE_FLAGS = new Set(["chown", "chmod", "link"]);

export type Plan =
  | {
      readonly ok: true;
      readonly body: readonly Instruction[];
      readonly next: number;
      /** The new manifest COPYs and the COPYs moved after the install. */
      readonly manifests: readonly Instruction[];
      readonly moved: readonly Copy[];
      /** The lockfile the install may write again, which the moved sources now put back (said in a note). */
      readonly lockfile?: Readonly<Record<"copy" | "command" | "path" | "advice" | "why", string>>;
    }
  | { readonly ok: false; readonly refusal: Refusal; readonly moved?: readonly Copy[] };

const refuse = (id: Refusal["id"], data: Record<string, string> = {}, moved?: readonly Copy[]): Plan => ({
  ok: false,
  refusal: refusal(id, data),
  moved,
});

/** The variables the stage sets before body[index] (ENV and ARG), overlaid with the step's own assignments. */
export function environmentAt(body: readonly Instruction[], index: number, step?: InstallStep): Map<string, string | null> {
  const env = new Map<string, string | null>();
  const fromEnv = new Set<string>();
  for (const instr of body.slice(0, index)) {
    for (const v of declaredVariables(instr) ?? []) {
      // ENV wins over an ARG of the same name.
      if (instr.keyword === "ARG" && fromEnv.has(v.name)) continue;
      if (instr.keyword === "ENV") fromEnv.add(v.name);
      env.set(v.name, v.value);
    }
  }
  for (const [name, value] of step?.env ?? []) env.set(name, value);
  return env;
}

/** Where the install at body[runIndex] runs, relative to the context, given where the context was copied. */
export function installSite(
  body: readonly Instruction[],
  runIndex: number,
  copies: readonly Copy[],
): { ok: true; dir: string; contextRoot: string | null; cwd: string | null } | { ok: false; refusal: Refusal } {
  const cwd = workdirAt(body, runIndex);
  const wholes = copies.filter((c) => c.whole);
  // A WORKDIR between a COPY and the install changes what a relative destination means.
  const lastWorkdir = body
    .slice(0, runIndex)
    .map((x) => x.keyword)
    .lastIndexOf("WORKDIR");
  const shifted = copies.find((c) => body.indexOf(c.instr) < lastWorkdir && !c.dest.startsWith("/"));
  if (shifted) return { ok: false, refusal: refusal("workdirShift", { copy: copyLabel(shifted) }) };
  if (wholes.length === 0) return { ok: true, dir: "", contextRoot: cwd, cwd };
  const dests = new Set(wholes.map((c) => normalizeDest(c.dest, cwd)));
  if (dests.size > 1) return { ok: false, refusal: refusal("severalWholeCopies") };
  const dest = [...dests][0];
  const written = wholes[0].dest;
  if (dest === null) return { ok: false, refusal: refusal("unknownDest", { dest: written }) };
  if (dest === ".") return { ok: true, dir: "", contextRoot: cwd, cwd };
  if (cwd === null) return { ok: false, refusal: refusal("unknownInstallDir", { dest: written }) };
  if (cwd === dest || cwd.startsWith(`${dest === "/" ? "" : dest}/`))
    return { ok: true, dir: posix.relative(dest, cwd), contextRoot: dest, cwd };
  return { ok: false, refusal: refusal("installElsewhere", { cwd, dest: written }) };
}

/** Rewrite body[start..runIndex] so that the install sees only its manifests, or say why not. */
export function plan(
  body: readonly Instruction[],
  start: number,
  runIndex: number,
  copies: readonly Copy[],
  steps: readonly InstallStep[],
  view: BuildContext,
): Plan {
  const run = body[runIndex];
  const wholes = copies.filter((c) => c.whole);
  const site = installSite(body, runIndex, copies);
  if (!site.ok) return site;
  const { dir, contextRoot, cwd } = site;
  const paths: string[] = [];
  const outputs: string[] = [];
  const reads: string[] = [];
  const rewrites: { step: InstallStep; path: string; advice: string; why: string }[] = [];
  // A context file a staying COPY puts at a fixed place outside the sources (`COPY ci/pip.conf /etc/pip.conf`):
  // its settings may name other files of the context.
  const configCopies = copies.flatMap((c) => {
    if (c.whole || c.sources.length !== 1 || c.sources[0] === null || view.read(c.sources[0]) === null) return [];
    const landed = landings(c, cwd, view).files;
    const inside = (f: string) => contextRoot !== null && (f === contextRoot || f.startsWith(`${contextRoot === "/" ? "" : contextRoot}/`));
    const config = landed.find(isConfigFile);
    return config !== undefined && !landed.some(inside) ? [{ source: c.sources[0], dest: config }] : [];
  });
  for (const step of steps) {
    const where: InstallSite = { dir, contextRoot, env: environmentAt(body, runIndex, step), configCopies };
    const needs = manifestsFor(step, view, where);
    if (!needs.ok) return needs;
    for (const p of needs.paths) if (!paths.includes(p)) paths.push(p);
    outputs.push(...needs.outputs);
    reads.push(...needs.reads);
    for (const r of needs.rewrites ?? []) rewrites.push({ step, ...r });
  }
  // Where the install finds what it reads, in the image (relative to its folder when that is unknown).
  const readAt = new Set([...paths.map((p) => (contextRoot === null ? p : posix.join(contextRoot, p))), ...reads]);
  const readsFrom = (f: string) => [...readAt].some((r) => f === r || f.startsWith(`${r}/`));
  // A COPY outside the context's destination that brings what the install reads (a module proxy folder
  // GOPROXY names, a config file an ENV names or one read from a fixed place such as /etc/pip.conf) stays
  // before the install; its files are disjoint from the sources', so `COPY .` may move across it.
  const feeds = (c: Copy) => {
    if (c.whole || contextRoot === null || c.sources.some((s) => s === null)) return false;
    const landed = landings(c, cwd, view);
    const inside = (f: string) => f === contextRoot || f.startsWith(`${contextRoot === "/" ? "" : contextRoot}/`);
    const read = (f: string) => readsFrom(f) || isConfigFile(f);
    return landed.complete && landed.files.length > 0 && landed.files.some(read) && !landed.files.some(inside);
  };
  const provides = (c: Copy) => c.sources.some((s) => s !== null && expand(view, s).some((p) => paths.includes(p))) || feeds(c);
  const moved = copies.filter((c) => c.whole || !provides(c));
  if (moved.length === 0) return { ok: true, body, next: runIndex + 1, manifests: [], moved };
  const first = body.indexOf(moved[0].instr);
  const firstWhole = wholes.length > 0 ? body.indexOf(wholes[0].instr) : runIndex;
  for (let k = firstWhole; k < runIndex; k++) {
    const copy = contextCopy(body[k]);
    if (copy && !moved.some((m) => m.instr === body[k]) && !feeds(copy))
      return refuse("copyAfterSources", { copy: copyLabel(copy) }, moved);
  }
  for (const c of moved) {
    const copy = copyLabel(c);
    const bad = c.instr.flags.find((f) => !MOVABLE_FLAGS.has(f.name));
    if (bad) return refuse("unmovableFlag", { copy, flag: bad.name }, moved);
    if (/\$/.test(c.instr.args) || c.instr.flags.some((f) => f.value?.includes("$"))) return refuse("copyVariable", { copy }, moved);
    if (c.sources.some((s) => s === null)) return refuse("uncheckablePath", { copy }, moved);
    const overwritten = outputs.find((o) => c.sources.some((s) => s === "." || o === s || o.startsWith(`${s}/`)));
    if (overwritten) return refuse("outputInContext", { copy, path: overwritten }, moved);
    if (c.whole) continue;
    const needed = paths.find((p) => c.sources.some((s) => s !== null && (p === s || p.startsWith(`${s}/`) || s.startsWith(`${p}/`))));
    if (needed) return refuse("copyBringsRead", { copy, path: needed }, moved);
    if (c.sources.some((s) => s !== null && /[*?[]/.test(s))) return refuse("copyWildcard", { copy }, moved);
    // ADD unpacks a local archive: its files (an `.npmrc`, a lock file) are not in the context for msb-opt to see.
    const archive = c.instr.keyword === "ADD" ? c.sources.find((s) => s !== null && mayBeArchive(view, s)) : undefined;
    if (archive) return refuse("addArchive", { copy, path: archive }, moved);
    if (normalizeDest(c.dest, cwd) === "." && c.sources.some((s) => s !== null && view.list(s).length > 0))
      return refuse("folderIntoWorkdir", { copy }, moved);
    // A COPY that writes a file the install reads (`COPY deploy/package.prod.json ./package.json`) or a
    // configuration file (`COPY ci/pip.conf /etc/pip.conf`) must stay before it.
    const landed = landings(c, cwd, view);
    const hit = landed.files.find(readsFrom);
    if (hit) return refuse("overwritesRead", { copy, path: hit }, moved);
    const config = landed.files.find(isConfigFile);
    if (config) return refuse("writesConfig", { copy, path: config }, moved);
    if (!landed.complete) return refuse("uncheckablePath", { copy }, moved);
  }
  // The sources after the install would bring back the lockfile the install wrote over (F5: the image's
  // lockfile would no longer be the one that describes its node_modules).
  // Only that file differs (node_modules are what the install made either way): the move is worth it and said.
  const whole = moved.find((c) => c.whole);
  const lockfile =
    whole && rewrites.length > 0
      ? {
          copy: copyLabel(whole),
          command: rewrites[0].step.command,
          path: rewrites[0].path,
          advice: rewrites[0].advice,
          why: rewrites[0].why,
        }
      : undefined;
  // Manifests the moved `COPY .` provided and no earlier COPY did.
  const earlier =
    dir !== ""
      ? []
      : body
          .slice(start, first)
          .map(contextCopy)
          .filter((c): c is Copy => c !== null && normalizeDest(c.dest, cwd) === ".");
  const already = new Set(earlier.flatMap((c) => c.sources.flatMap((s) => (s === null ? [] : expand(view, s)))));
  const fresh = wholes.length > 0 ? paths.filter((p) => !already.has(p)) : [];
  if (fresh.some((p) => /\s/.test(p))) return refuse("blankInPath", {}, moved);
  const newCopies = manifestCopies(
    fresh,
    moved.find((c) => c.whole),
    view,
  );
  const head = moved[0].instr;
  const blank = /^(\s*\n)*/.exec(head.leading)?.[0] ?? "";
  const stay = body.slice(first, runIndex).filter((instr) => !moved.some((m) => m.instr === instr));
  const placed = newCopies.map((c, n) => (n === 0 ? { ...c, leading: blank } : c));
  const after = moved.map((m, n) =>
    n === 0 && placed.length > 0 ? { ...m.instr, leading: m.instr.leading.slice(blank.length) } : m.instr,
  );
  const next = [...body.slice(0, first), ...placed, ...stay, run, ...after];
  return { ok: true, body: [...next, ...body.slice(runIndex + 1)], next: next.length, manifests: newCopies, moved, lockfile };
}

/** COPY instructions for manifests: files of one folder together, each folder on its own. */
function manifestCopies(paths: readonly string[], whole: Copy | undefined, view: BuildContext): Instruction[] {
  if (!whole || paths.length === 0) return [];
  const flags = whole.instr.flags;
  const base = whole.dest === "." || whole.dest === "./" ? "./" : whole.dest.replace(/\/*$/, "/");
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const folder = view.exists(p) && view.read(p) === null;
    const target = folder ? p : posix.dirname(p);
    const key = target === "." ? "" : target;
    const group = folder ? `dir:${p}` : key;
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  return [...groups].map(([group, sources]) => {
    const sub = group.startsWith("dir:") ? group.slice(4) : group;
    const dest = sub === "" ? base : `${base}${sub}/`;
    return instruction("COPY", [...sources, dest].join(" "), { flags, line: whole.instr.line });
  });
}

/** How the manifest COPYs read in a note: their sources. */
export const manifestList = (copies: readonly Instruction[]) =>
  copies.map((c) => `\`${joinContinuations(c.args).split(" ").slice(0, -1).join(" ")}\``).join(", ");

/** Archive names ADD unpacks (BuildKit looks at the content; these are the usual names). */
const ARCHIVE_NAME = /\.(tar|tgz|taz|tbz2?|tb2|txz|tzst|tlz|gz|bz2|xz|zst|lz4|lzma|z)$/i;

/** gzip, bzip2, xz and zstd magic as read as UTF-8 text (a byte that is no UTF-8 reads as U+FFFD). */
const COMPRESSED = ["\x1f", "BZh", "\uFFFD7zXZ", "(\uFFFD/\uFFFD"];

/**
 * Could ADD unpack this context file? BuildKit unpacks a file whose content is a tar archive, plain or
 * compressed (gzip, bzip2, xz, zstd), whatever its name. A text file (no NUL byte, no compression magic) is no
 * tar; a folder is copied as it is.
 */
export function mayBeArchive(view: BuildContext, path: string): boolean {
  if (ARCHIVE_NAME.test(path)) return true;
  const text = view.read(path);
  if (text === null) return false;
  return text.includes("\0") || COMPRESSED.some((magic) => text.startsWith(magic));
}
