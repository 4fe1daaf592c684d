// The order of the runtime's copies from the build stage. In a stage, once one instruction misses the cache every
// later one runs again: a copy whose files a source edit changes must come after those it does not change, or an
// edit re-copies them all (a 200 MB folder a RUN made before the sources came in, the interpreter's packages).
import { posix } from "node:path";
import { copyOperands } from "../../src/core/instructions.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../src/core/shell.js";
import type { Analysis } from "./analysis.js";
import { isUnder, resolvePath } from "./paths.js";

/** pip's flags that take no value and change nothing of what an editable install writes. */
const PLAIN_PIP_FLAGS =
  /^(--no-build-isolation|--no-index|-U|--upgrade|--no-warn-script-location|--no-deps|--no-cache-dir|--no-input|--disable-pip-version-check|--root-user-action=\S+|-q|--quiet|-v|--verbose)$/;

/**
 * A RUN that only installs local projects in editable mode (`pip install -e /opt/src`): what it puts into the
 * interpreter's folders (a `.pth` link, the metadata, console scripts) names the project's folder, not its files,
 * so a source edit does not change them.
 */
function editableOnly(text: string): boolean {
  const script = parseShell(joinContinuations(text));
  if (!script.ok) return false;
  const commands = simpleCommands(script);
  return (
    commands.length > 0 &&
    commands.every((c) => {
      const words = c.args.map((w) => w.value);
      if (c.name === "cd") return true;
      if (c.name === null || words.some((w) => w === null)) return false;
      let args = words as string[];
      if (/^python[\d.]*$/.test(posix.basename(c.name)) && args[0] === "-m" && args[1] === "pip") args = args.slice(2);
      else if (!/^pip[\d.]*$/.test(posix.basename(c.name))) return false;
      if (args[0] !== "install" || args.length < 2) return false;
      for (let i = 1; i < args.length; i++) {
        if (args[i] === "-e" || args[i] === "--editable") i++;
        else if (!args[i].startsWith("--editable=") && !PLAIN_PIP_FLAGS.test(args[i])) return false;
      }
      return true;
    })
  );
}

/**
 * `paths` (disjoint, in the order the runtime would copy them otherwise) sorted by the last context COPY or ADD
 * their files may depend on: the latest one at or before each step that writes them (the COPY itself, or the RUN
 * that made them from what was copied so far). A path no step of the analysis names (the interpreter's package
 * folders a recipe adds) takes the pip installs that are not editable-only; one no step explains keeps the last
 * build step. The sort is stable: paths that depend on the same copy keep their order.
 */
export function editOrder(a: Analysis, paths: readonly string[]): string[] {
  const body = a.stage.body;
  const overlaps = (p: string, q: string) => isUnder(p, q) || isUnder(q, p);
  const runText = (i: number) => (body[i].exec ? (body[i].exec ?? []).join(" ") : body[i].args);
  const editable = new Set(body.flatMap((instr, i) => (instr.keyword === "RUN" && editableOnly(runText(i)) ? [i] : [])));
  const pipRuns = body.flatMap((instr, i) => (a.systemPip.some((s) => s.line === instr.line) && !editable.has(i) ? [i] : []));
  // The body indexes of the COPY/ADD lines that bring files of the context (not a URL, not another stage).
  const arrivals = body.flatMap((instr, i) =>
    copyOperands(instr) !== null && !instr.flags.some((f) => f.name === "from") && !/(^|\s)(https?|git|ssh):\/\/|git@/i.test(instr.args)
      ? [i]
      : [],
  );
  /** The last context copy at or before step `i` (-1: none). */
  const arrival = (i: number) => Math.max(-1, ...arrivals.filter((k) => k <= i));
  const settled = (p: string): number => {
    const writers: number[] = [];
    for (const [i, instr] of body.entries()) {
      const dest = copyOperands(instr)?.dest;
      const path = dest === undefined ? null : resolvePath(a.cwdAt[i], dest);
      if (path !== null && overlaps(path, p)) writers.push(i);
    }
    // A write into the working folder of an image without one (`/`) says nothing of which folder it is.
    for (const w of a.runWrites) if (w.path !== "/" && !editable.has(w.index) && overlaps(w.path, p)) writers.push(w.index);
    // What pip installs in editable mode only names the project's folder: it is there before any source (-1).
    if (!a.copyPaths.includes(p) && a.systemPip.length > 0) writers.push(...pipRuns);
    else if (writers.length === 0) writers.push(a.lastBuild);
    return Math.max(-1, ...writers.map(arrival));
  };
  const keys = new Map(paths.map((p) => [p, settled(p)]));
  return [...paths].sort((p, q) => (keys.get(p) ?? 0) - (keys.get(q) ?? 0));
}
