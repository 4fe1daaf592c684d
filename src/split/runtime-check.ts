// Does the runtime image have every program the image runs? Programs come from the copied files, the
// recipe's runtime (node, python, java…), the Debian base tools, or the run-time packages reinstalled.
import type { EntryProgram } from "./entry.js";
import { providedCommands } from "./packages.js";

/** Commands every non-distroless runtime has: the shell, its builtins and Debian's essential tools. */
const BASE_TOOLS = new Set(
  ("sh bash dash exec cd set export echo printf test [ true false : env cat ls cp mv rm mkdir rmdir chmod chown ln " +
    "touch sleep date id whoami hostname uname grep egrep sed awk mawk find xargs tar gzip gunzip head tail sort uniq " +
    "wc tr cut tee basename dirname readlink realpath stat du df seq expr mktemp timeout nohup kill trap read shift " +
    "exit return local wait umask ulimit dpkg apt-get sha256sum md5sum base64 nproc su").split(" "),
);

/**
 * Tools the full language images (buildpack-deps) have and the slim ones lack. Only names that are not
 * everyday words: a quoted "file" or "make" in the sources says nothing.
 */
export const FULL_IMAGE_TOOLS = ["git", "curl", "wget", "gcc", "g++", "ssh", "scp", "hg", "svn", "unzip", "bzip2", "gpg"];

export type Missing = { readonly id: "shellNeeded" | "entryTool"; readonly command: string; readonly line: number };

/** The first program the runtime would lack, or null when it has them all (`all`: every one). */
export function missingProgram(entry: readonly EntryProgram[], tools: readonly string[], packages: readonly string[], shellless: boolean): Missing | null;
export function missingProgram(entry: readonly EntryProgram[], tools: readonly string[], packages: readonly string[], shellless: boolean, all: true): Missing[];
export function missingProgram(entry: readonly EntryProgram[], tools: readonly string[], packages: readonly string[], shellless: boolean, all = false): Missing | Missing[] | null {
  const provided = new Set([...tools, ...(shellless ? [] : BASE_TOOLS), ...packages.flatMap(providedCommands)]);
  const missing: Missing[] = [];
  for (const e of entry) {
    if (shellless && e.shell) missing.push({ id: "shellNeeded", command: e.name, line: e.line });
    else if (e.artifact === null && !provided.has(e.name.replace(/^.*\//, ""))) missing.push({ id: "entryTool", command: e.name, line: e.line });
    if (!all && missing.length > 0) return missing[0];
  }
  return all ? missing : null;
}
