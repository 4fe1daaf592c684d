// `node .` (or `node ./lib`) runs a folder: Node loads the file its package.json `main` names, then index.js.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { contextSource } from "../entry.js";

/** The image path of the file `main` names in the package.json of the folder `abs`, null without one. */
export function folderMain(abs: string, sources: ReadonlyMap<string, string>, context: BuildContext): string | null {
  const manifest = contextSource(posix.join(abs, "package.json"), sources);
  const text = manifest === null ? null : context.read(manifest);
  if (text === null) return null;
  try {
    const main = (JSON.parse(text) as { main?: unknown }).main;
    return typeof main === "string" && main.trim() !== "" ? posix.join(abs, main) : null;
  } catch {
    return null;
  }
}
