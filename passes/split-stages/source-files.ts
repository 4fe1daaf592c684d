// The build context's files that may run in the image, for the searches of what they run or load
// (mentions.ts, closure/library-loads.ts): tests and dev tools' configs, build outputs and dependency folders,
// and a virtualenv committed with the sources (the developer's pip and setuptools) are left out.
import type { BuildContext } from "../../src/core/context.js";
import { isTestOrToolFile } from "../../src/core/source-roles.js";

export interface SourceFile {
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

export interface SourceWalk {
  /** Names neither read nor walked into. */
  readonly skip?: RegExp;
  /** Names read as files (others are only walked into, when they are folders); default: every name. */
  readonly read?: RegExp;
  /** Folder names not walked into. */
  readonly skipDirs: RegExp;
  /** The folder the walk starts from (default: the context's root). */
  readonly root?: string;
}

// Bounds that keep a huge context cheap; reaching one is recorded, not ignored (`unreadSources`).
const MAX_FILES = 10_000;
/** Bundled servers (ncc, esbuild, webpack output) run to a few MiB. */
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_DEPTH = 12;
/** The `#!` line of a shell script. */
export const SHELL_SHEBANG = /^#!\s*\S*(\/|\s)(ba|da)?sh\b/;

/** Why a walk's result misses files it would have read, by result. */
const UNREAD = new WeakMap<readonly SourceFile[], string>();

/**
 * Why the files `sourceFiles` returned are not all the context holds (a file too large, too many files, a folder
 * too deep), or null: a search that found nothing in them is then no evidence that nothing is there.
 */
export function unreadSources(files: readonly SourceFile[]): string | null {
  return UNREAD.get(files) ?? null;
}

/** The same files, with the reason either part missed some. */
export function joinSources(...parts: readonly (readonly SourceFile[])[]): SourceFile[] {
  const joined = parts.flat();
  const unread = parts.map(unreadSources).find((u) => u !== null);
  if (unread) UNREAD.set(joined, unread);
  return joined;
}

/** The text files of the context the walk keeps, twelve folders deep, at most 10,000 files read. */
export function sourceFiles(context: BuildContext, walk: SourceWalk): SourceFile[] {
  const found: SourceFile[] = [];
  let files = 0;
  let unread: string | null = null;
  const visit = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (files >= MAX_FILES) {
        unread ??= `the context holds more than ${MAX_FILES.toLocaleString("en")} source files`;
        return;
      }
      if (walk.skip?.test(name) || isTestOrToolFile(path)) continue;
      const text = !walk.read || walk.read.test(name) ? context.read(path) : null;
      if (text === null) {
        if (walk.skipDirs.test(name) || context.exists(`${path}/pyvenv.cfg`)) continue;
        if (depth < MAX_DEPTH) visit(path, depth + 1);
        else if (context.list(path).length > 0) unread ??= `\`${path}\` is more than ${MAX_DEPTH} folders deep`;
        continue;
      }
      files++;
      if (text.includes("\u0000")) continue;
      if (text.length <= MAX_BYTES) found.push({ path, name, text });
      else unread ??= `\`${path}\` is larger than ${MAX_BYTES / 1024 / 1024} MiB`;
    }
  };
  visit(walk.root ?? ".", 0);
  if (unread) UNREAD.set(found, unread);
  return found;
}

/**
 * Does the text name a file called `name`: one with an extension anywhere as a word (`x.sh`), one without after a
 * `/` (`bin/report`) or quoted alone (`spawn("report")`, a program found on PATH)?
 */
export function namesFile(name: string, text: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(name.includes(".") ? `(^|[^\\w.-])${escaped}($|[^\\w-])` : `/${escaped}($|[^\\w.-])|["'\`]${escaped}["'\`\\s]`).test(
    text,
  );
}
