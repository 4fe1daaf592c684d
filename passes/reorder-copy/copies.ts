// COPY/ADD instructions from the build context as reorder-copy sees them: their context sources, where
// they land in the image, and the file names they write.
import { posix } from "node:path";
import { contextPath, type BuildContext } from "../../src/core/context.js";
import { copyOperands } from "../../src/core/instructions.js";
import type { Instruction } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";

export interface Copy {
  readonly instr: Instruction;
  /** Context-relative sources (null for one outside the context or that expands a variable). */
  readonly sources: readonly (string | null)[];
  readonly dest: string;
  /** `COPY . <dest>`: the whole context. */
  readonly whole: boolean;
}

/** A COPY or ADD from the build context (no `--from`, no heredoc, no URL), split into sources and destination. */
export function contextCopy(instr: Instruction): Copy | null {
  if (instr.flags.some((f) => f.name === "from")) return null;
  const operands = copyOperands(instr);
  if (!operands || operands.sources.some((s) => /^(https?|git):\/\/|^git@|\.git(#|$)/.test(s))) return null;
  const sources = operands.sources.map((s) => (s.includes("$") || /^[a-z]+:\/\//i.test(s) ? null : contextPath(s)));
  return { instr, sources, dest: operands.dest, whole: sources.length === 1 && sources[0] === "." };
}

export const copyLabel = (c: Copy) => `\`${c.instr.keyword} ${joinContinuations(c.instr.args)}\``;
export const listLabel = (copies: readonly Copy[]) => copies.map(copyLabel).join(" and ");

/** "." for the working folder itself, else an absolute path; null when unknown. */
export function normalizeDest(dest: string, cwd: string | null): string | null {
  if (dest.includes("$")) return null;
  if (dest.startsWith("/")) {
    const abs = posix.normalize(dest).replace(/(.)\/+$/, "$1");
    return cwd !== null && abs === cwd ? "." : abs;
  }
  const rel = posix.normalize(dest).replace(/\/+$/, "");
  if (rel === "." || rel === "") return ".";
  return cwd === null ? null : posix.join(cwd, rel);
}

/** A source path expanded against the context when it has a wildcard in its last part. */
export function expand(view: BuildContext, source: string): string[] {
  const name = posix.basename(source);
  if (!/[*?[]/.test(name)) return [source];
  const folder = posix.dirname(source);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return view
    .list(folder)
    .filter((n) => re.test(n))
    .map((n) => (folder === "." ? n : `${folder}/${n}`));
}

/** How many files of a copied folder to look at before giving up on naming them one by one. */
const WALK_LIMIT = 2000;

/**
 * The image files a (non-whole) COPY writes: absolute when the working folder is known, else relative to
 * it. `complete` is false when a folder was too big to list, or a destination cannot be resolved.
 */
export function landings(copy: Copy, cwd: string | null, view: BuildContext): { files: string[]; complete: boolean } {
  const files: string[] = [];
  let complete = true;
  const resolved = normalizeDest(copy.dest, cwd);
  if (resolved === null && copy.dest.includes("$")) return { files, complete: false };
  const base = resolved === null ? posix.normalize(copy.dest) : resolved === "." ? (cwd ?? ".") : resolved;
  const into = copy.sources.length > 1 || /\/$/.test(copy.dest) || resolved === ".";
  for (const source of copy.sources) {
    if (source === null) {
      complete = false;
      continue;
    }
    for (const path of expand(view, source)) {
      if (view.read(path) !== null) {
        // A single file to a name that is not a folder: that name (or, if the image has such a folder, inside it).
        if (!into) files.push(base);
        files.push(posix.join(base, posix.basename(path)));
        continue;
      }
      const stack = [path];
      while (stack.length > 0) {
        const dir = stack.pop()!;
        for (const name of view.list(dir)) {
          const child = dir === "." ? name : `${dir}/${name}`;
          if (files.length >= WALK_LIMIT) return { files, complete: false };
          if (view.read(child) !== null) files.push(posix.join(base, posix.relative(path, child)));
          else stack.push(child);
        }
      }
    }
  }
  return { files, complete };
}

/**
 * Configuration files some installer reads from a fixed place (home, /etc, the project folder): a moved
 * COPY that writes one would change what the install sees.
 */
const CONFIG_FILE =
  /(^|\/)(\.npmrc|npmrc|\.yarnrc(\.yml)?|\.pnpmfile\.cjs|\.env\.yarn|pip\.conf|pip\.ini|pydistutils\.cfg|uv\.toml|poetry\.toml|pypoetry\/config\.toml|\.m2\/settings(-security)?\.xml|conf\/settings\.xml|\.mvn\/[^/]+|nuget\.config|\.cargo\/config(\.toml)?|\.bundle\/config|\.netrc|_netrc|\.gemrc|composer\/(auth|config)\.json|gradle\.properties|go\/env)$/i;

export const isConfigFile = (path: string) => CONFIG_FILE.test(path);
