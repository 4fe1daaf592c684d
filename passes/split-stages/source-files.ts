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

const MAX_FILES = 2000;
const MAX_BYTES = 256 * 1024;
/** The `#!` line of a shell script. */
export const SHELL_SHEBANG = /^#!\s*\S*(\/|\s)(ba|da)?sh\b/;

/** The text files of the context the walk keeps, breadth of six folders, at most 2,000 files read. */
export function sourceFiles(context: BuildContext, walk: SourceWalk): SourceFile[] {
  const found: SourceFile[] = [];
  let files = 0;
  const visit = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      if (files >= MAX_FILES) return;
      const path = dir === "." ? name : `${dir}/${name}`;
      if (walk.skip?.test(name) || isTestOrToolFile(path)) continue;
      const text = !walk.read || walk.read.test(name) ? context.read(path) : null;
      if (text === null) {
        if (depth < 6 && !walk.skipDirs.test(name) && !context.exists(`${path}/pyvenv.cfg`)) visit(path, depth + 1);
        continue;
      }
      files++;
      if (text.length <= MAX_BYTES && !text.includes("\u0000")) found.push({ path, name, text });
    }
  };
  visit(walk.root ?? ".", 0);
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
