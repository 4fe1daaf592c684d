// Does the runtime image have every program the image runs? Programs come from the copied files, the
// recipe's runtime (node, python, java…), the Debian base tools, or the run-time packages reinstalled.
import type { EntryProgram } from "./entry.js";
import { providedCommands } from "./packages.js";

/** Commands every non-distroless runtime has: the shell, its builtins and Debian's essential tools. */
const BASE_TOOLS = new Set(
  (
    "sh bash dash exec cd set export echo printf test [ true false : env cat ls cp mv rm mkdir rmdir chmod chown ln " +
    "touch sleep date id whoami hostname uname grep egrep sed awk mawk find xargs tar gzip gunzip head tail sort uniq " +
    "wc tr cut tee basename dirname readlink realpath stat du df seq expr mktemp timeout nohup kill trap read shift " +
    "exit return local wait umask ulimit dpkg apt-get sha256sum md5sum base64 nproc su"
  ).split(" "),
);

/**
 * Tools the full language images (buildpack-deps) have and the slim ones lack. Only names that are not
 * everyday words: a quoted "file" or "make" in the sources says nothing.
 */
export const FULL_IMAGE_TOOLS = ["git", "curl", "wget", "gcc", "g++", "ssh", "scp", "hg", "svn", "unzip", "bzip2", "gpg"];

export type Missing = { readonly id: "shellNeeded" | "entryTool"; readonly command: string; readonly line: number };

/** The full-image tools that the runtime would not have. */
export function lackedTools(tools: readonly string[], packages: readonly string[], shellless: boolean): string[] {
  const provided = providedBy(tools, packages, shellless);
  return FULL_IMAGE_TOOLS.filter((t) => !provided.has(t));
}

function providedBy(tools: readonly string[], packages: readonly string[], shellless: boolean): Set<string> {
  return new Set([...tools, ...(shellless ? [] : BASE_TOOLS), ...packages.flatMap(providedCommands)]);
}

/** The first program the runtime would lack, or null when it has them all. */
export function missingProgram(
  entry: readonly EntryProgram[],
  tools: readonly string[],
  packages: readonly string[],
  shellless: boolean,
  /** Tools that the build image lacks too (a runtime on the very same image): the original runs without them as well. */
  lackedByBoth: readonly string[] = [],
): Missing | null {
  const provided = providedBy(tools, packages, shellless);
  for (const t of lackedByBoth) provided.add(t);
  for (const e of entry) {
    if (shellless && e.shell) return { id: "shellNeeded", command: e.name, line: e.line };
    if (e.artifact === null && !provided.has(e.name.replace(/^.*\//, ""))) return { id: "entryTool", command: e.name, line: e.line };
  }
  return null;
}
