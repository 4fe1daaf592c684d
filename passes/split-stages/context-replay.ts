// The folders that only COPY/ADD filled (no RUN wrote, removed or built anything there) come from the build
// context again, by the original's own instructions, instead of from the build stage. A source edit then
// re-runs one COPY in the runtime and nothing in the build stage, which ends at the last step the runtime
// takes files from.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { withDockerignore } from "../../src/core/dockerignore.js";
import { copyOperands } from "../../src/core/instructions.js";
import { instruction, type Instruction } from "../../src/core/ir.js";
import type { Analysis } from "./analysis.js";
import { editOrder } from "./copy-order.js";
import { isUnder, resolvePath } from "./paths.js";
import { subsumedCopies } from "./subsumed-copies.js";
import type { RecipePlan } from "./recipes/types.js";

export interface ContextReplay {
  /** Copy paths still taken from the build stage. */
  readonly fromBuilder: readonly string[];
  /** Copy paths the replayed instructions fill. */
  readonly fromContext: readonly string[];
  /** The COPY/ADD instructions the runtime repeats, in their order. */
  readonly replayed: readonly Instruction[];
  /** The last body index the build stage needs (-1: none). */
  readonly builderEnd: number;
  /** Lines of the byte-compiling RUNs the runtime repeats. */
  readonly repeatedRuns: readonly number[];
  /** The replay fills `/` itself, the base image's working folder (no WORKDIR). */
  readonly root: boolean;
}

export interface ReplayOptions {
  /** Repeat the RUNs that only byte-compile Python sources (the runtime has the same Python). */
  readonly compileRuns?: boolean;
  /** The build context: with it, the COPY lines into `/` itself (no WORKDIR) may be replayed (see `rootReplayable`). */
  readonly context?: BuildContext;
  /** Without a WORKDIR too, when every repeated line writes an absolute path (nginx's `COPY index.html /usr/share/nginx/html/`). */
  readonly absoluteWithoutWorkdir?: boolean;
}

/** Top-level folders of a Debian image that differ between a full image and its slim runtime. */
const SYSTEM_NAMES = new Set(["bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "run", "sbin", "sys", "usr", "var"]);

/**
 * Without a WORKDIR, `COPY . .` lays the context over `/`: the runtime can lay it again only when no RUN wrote
 * anywhere (a RUN's writes there cannot be told from the image's) and nothing the copies put at the top lands in
 * a system folder, whose content differs between the two images.
 */
function rootReplayable(a: Analysis, context: BuildContext | undefined): boolean {
  if (a.rootWrite === null || context === undefined || a.runWrites.length > 0) return false;
  const visible = withDockerignore(context);
  return a.stage.body.every((instr, i) => {
    const operands = copyOperands(instr);
    if (operands === null || resolvePath(a.cwdAt[i], operands.dest) !== "/") return instr.heredocs.length === 0;
    return operands.sources.every((src) => {
      // A pattern, or an ADD (which extracts archives): which names land at the top is not read here.
      if (/[*?[]/.test(src) || instr.keyword === "ADD") return false;
      const entries = visible.read(src) === null ? visible.list(src) : [posix.basename(src)];
      return entries.every((name) => !SYSTEM_NAMES.has(name));
    });
  });
}

/**
 * The replay for `copyPaths`, or null when no copied path is filled by COPY/ADD alone or one cannot be repeated as
 * written. With `compileRuns`, a RUN that only byte-compiles files of those folders (the runtime has the same
 * Python) is repeated too, in its place among the copies.
 */
export function contextReplay(a: Analysis, copyPaths: readonly string[], options: ReplayOptions = {}): ContextReplay | null {
  // A folder given away with `chown -R` keeps its owner through the builder's copy (contract.ts).
  if ((a.workdir === null && !options.absoluteWithoutWorkdir) || a.owners.size > 0) return null;
  // The runtime places its copies where the last build step was, in the working folder of that point.
  const copyCwd = a.cwdAt[a.lastBuild];
  // Paths a recipe adds (where pip installed) are not the analysis's: a RUN filled them.
  const filledBy = (runs: ReadonlySet<number>) => {
    const writes = a.runWrites.filter((w) => !runs.has(w.index));
    return copyPaths.filter((p) => a.copyPaths.includes(p) && !writes.some((w) => isUnder(w.path, p) || isUnder(p, w.path)));
  };
  let runs = new Set(options.compileRuns ? [...a.compileRuns].filter((i) => a.cwdAt[i] === copyCwd) : []);
  const root = rootReplayable(a, options.context) ? ["/"] : [];
  let fromContext = [...root, ...filledBy(runs)];
  // A repeated RUN must write only into folders the runtime fills from the context itself.
  for (let changed = true; changed; ) {
    const inside = new Set([...runs].filter((i) => a.runWrites.every((w) => w.index !== i || fromContext.some((p) => isUnder(w.path, p)))));
    changed = inside.size < runs.size;
    runs = inside;
    fromContext = [...root, ...filledBy(runs)];
  }
  if (fromContext.length === 0) return null;
  const body = a.stage.body;
  // A COPY that a later whole-context COPY to the same folder repeats (`COPY pip.conf requirements.txt ./` and
  // `COPY wheels ./wheels/` before `COPY . .`, which reorder-copy set apart for the install's cache): once is enough.
  const subsumed = options.context ? subsumedCopies(body, a.cwdAt, options.context) : new Map<number, number[]>();
  const replayedAt: number[] = [];
  const replayed: Instruction[] = [];
  /** The paths the repeated COPY/ADD lines write. */
  const filled: string[] = [];
  let builderEnd = -1;
  for (const [i, instr] of body.entries()) {
    if (runs.has(i)) {
      replayed.push({ ...instr, leading: "" });
      replayedAt.push(i);
    } else if (instr.keyword === "RUN") builderEnd = i;
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    const cwd = a.cwdAt[i];
    const dest = copyOperands(instr)?.dest;
    const paths = writtenPaths(a, instr, cwd);
    if (paths === null) return null;
    if (!paths.every((path) => fromContext.some((p) => isUnder(path, p)))) {
      builderEnd = i;
      continue;
    }
    if (!repeatable(instr) || (!dest?.startsWith("/") && (cwd !== copyCwd || a.workdir === null))) return null;
    replayed.push({ ...instr, leading: "" });
    replayedAt.push(i);
    filled.push(...paths);
  }
  // Left out only when the later copy is repeated too and no repeated RUN between them reads the files first.
  const repeats = (i: number) =>
    (subsumed.get(i) ?? []).some((j) => replayedAt.includes(j) && !replayedAt.some((k) => k > i && k < j && runs.has(k)));
  const kept = replayed.filter((_, n) => !repeats(replayedAt[n]));
  // Every path the runtime no longer takes from the build stage must come from a repeated line: else it would be lost.
  if (!fromContext.every((p) => filled.some((f) => isUnder(f, p) || isUnder(p, f)))) return null;
  const repeatedRuns = [...runs].map((i) => body[i].line);
  const left = copyPaths.filter((p) => !fromContext.includes(p));
  const disjoint = left.every((p, i) => left.every((q, j) => i === j || (!isUnder(p, q) && !isUnder(q, p))));
  // What a source edit leaves the same first (copy-order.ts); disjoint paths only, so no overwrite changes.
  const fromBuilder = disjoint ? editOrder(a, left) : left;
  return { fromBuilder, fromContext, replayed: kept, builderEnd, repeatedRuns, root: root.length > 0 };
}

/** `plan` with the runtime's copies replayed from the context where `contextReplay` allows it. */
export function withContextReplay(
  a: Analysis,
  plan: RecipePlan,
  destination: (path: string) => string,
  options: ReplayOptions = {},
): RecipePlan {
  const replay = contextReplay(a, plan.copyPaths ?? a.copyPaths, options);
  if (replay === null) return plan;
  const line = a.stage.body[a.lastBuild].line;
  const quoted = (paths: readonly string[]) => paths.map((p) => `\`${p}\``).join(", ");
  const runs = replay.repeatedRuns.join(", ");
  const context = runs
    ? `${quoted(replay.fromContext)} from the build context by the original's own COPY lines, which the same Python byte-compiles again (line ${runs}; no other build step writes there)`
    : `${quoted(replay.fromContext)} from the build context by the original's own COPY lines (no build step writes there)`;
  return {
    ...plan,
    builderEnd: replay.builderEnd,
    dropBuilder: replay.fromBuilder.length === 0,
    rootFromContext: replay.root,
    runtimeCopies: (builder) => [
      ...replay.fromBuilder.map((p) => instruction("COPY", `${p} ${destination(p)}`, { flags: [{ name: "from", value: builder }], line })),
      ...replay.replayed,
    ],
    copiedWhat: replay.fromBuilder.length === 0 ? context : `${quoted(replay.fromBuilder)} from the build stage and ${context}`,
  };
}

/**
 * The paths a COPY/ADD writes: a literal file copied into a folder (`COPY a.sh /load/`, `COPY a.sh b.py /`)
 * lands under its own name there, which is the path the analysis recorded; anything else, the destination.
 */
function writtenPaths(a: Analysis, instr: Instruction, cwd: string | null): string[] | null {
  const operands = copyOperands(instr);
  const path = operands === null ? null : resolvePath(cwd, operands.dest);
  if (operands === null || path === null) return null;
  if (!operands.dest.endsWith("/") && operands.sources.length < 2) return [path];
  const files = operands.sources.map((src) => posix.join(path, posix.basename(src)));
  return files.every((f, k) => a.sources.get(f) === operands.sources[k]) ? files : [path];
}

/** Repeating the instruction in another stage gives the same files: it reads the context only, with nothing computed. */
function repeatable(instr: Instruction): boolean {
  if (instr.flags.some((f) => f.name === "from") || /\$/.test(instr.args)) return false;
  // ADD of a URL or a git repository fetches again: what it gets may have changed.
  return instr.keyword === "COPY" || !/(^|\s)(https?|git|ssh):\/\/|git@/i.test(instr.args);
}
