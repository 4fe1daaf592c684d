// Owners the runtime's copies must keep. A `COPY --from` keeps the owner of every file it copies but creates
// the destination folder itself (and any missing parent) owned by root, unless it has `--chown`: a working
// folder that the build gave to a user with `chown -R` would lose its owner.
import type { Instruction } from "../../src/core/ir.js";
import type { Analysis, FolderMode } from "./analysis.js";
import { isUnder } from "./paths.js";

/** The `--chown` every COPY into the working folder gives, when they all give the same one. */
export function copyOwner(body: readonly Instruction[], wd: string): string | null {
  const owners = new Set<string | null>();
  for (const instr of body) {
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    const dest = (instr.exec ?? instr.args.trim().split(/\s+/)).at(-1) ?? "";
    if (dest.startsWith("/") && !isUnder(dest.replace(/\/+$/, "") || "/", wd)) continue;
    owners.add(instr.flags.find((f) => f.name === "chown")?.value ?? null);
  }
  const [only] = owners;
  return owners.size === 1 && only ? only : null;
}

/** The folder given away with `chown -R` that holds `path`, and the owner as `COPY --chown` takes it. */
export function chownedFolder(a: Analysis, path: string): { folder: string; owner: string } | null {
  for (const [folder, owner] of a.owners) {
    if (!isUnder(path, folder)) continue;
    // `chown -R user` keeps the group, root's for what the build wrote; `user:` is the login group, which
    // `--chown=user` takes by number.
    const spec = owner.endsWith(":") ? owner.slice(0, -1) : owner.includes(":") ? owner : `${owner}:root`;
    return { folder, owner: spec };
  }
  return null;
}

/** Some COPY or ADD gives an owner or a mode (`--chown`, `--chmod`). */
export function copiesSetOwners(body: readonly Instruction[]): boolean {
  return body.some((i) => (i.keyword === "COPY" || i.keyword === "ADD") && i.flags.some((f) => f.name === "chown" || f.name === "chmod"));
}

/**
 * Folders the build made and gave an owner or mode (`mkdir -p /var/lib/app && chown 1000 /var/lib/app`) that a
 * runtime COPY makes anew, root's with mode 755: a copied path or a folder above one. The changes by folder.
 */
export function lostFolderModes(a: Analysis, copyPaths: readonly string[]): Map<string, FolderMode[]> {
  const lost = new Map<string, FolderMode[]>();
  for (const m of a.folderModes) if (copyPaths.some((p) => isUnder(p, m.path))) lost.set(m.path, [...(lost.get(m.path) ?? []), m]);
  return lost;
}

/** Nothing but the folder itself: no RUN wrote and no COPY put anything inside it. */
export function emptyFolder(a: Analysis, folder: string): boolean {
  const inside = (p: string) => p !== folder && isUnder(p, folder);
  return !a.runWrites.some((w) => inside(w.path)) && ![...a.sources.keys()].some(inside);
}

/** Where a recipe's own copies put their files: the last word of each COPY/ADD, without a trailing `/`. */
export function copyDestinations(copies: readonly Instruction[]): string[] {
  return copies
    .filter((c) => c.keyword === "COPY" || c.keyword === "ADD")
    .map((c) => ((c.exec ?? c.args.trim().split(/\s+/)).at(-1) ?? "").replace(/(.)\/+$/, "$1"))
    .filter((d) => d.startsWith("/"));
}
