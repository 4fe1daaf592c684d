// Atomic file replacement: write a temporary file in the same folder, fsync it, rename it over the target.
// A reader (or a crash, or a kill) sees the old file or the new one, never half of either. A symbolic link
// is written through (its target is replaced), never replaced by a plain file.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** Prefix of our temporary files, so that a run can recognise (and tidy) what a killed run left. */
export const TEMP_MARK = ".msb-opt-";

export function writeFileAtomically(path: string, text: string | Uint8Array): void {
  const target = throughLinks(resolve(path));
  const tmp = join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}.tmp`);
  let mode: number | null = null;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // a new file: default mode
  }
  try {
    const fd = openSync(tmp, "wx");
    try {
      writeSync(fd, typeof text === "string" ? Buffer.from(text, "utf8") : text);
      if (mode !== null) chmodSync(tmp, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already gone
    }
    throw err;
  }
}

/** The file a path names, following symbolic links; a link to nothing is refused rather than replaced. */
function throughLinks(path: string): string {
  let isLink: boolean;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return path; // a new file
  }
  if (!isLink) return path;
  try {
    return realpathSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `it is a symbolic link to ${readlinkSync(path)}, which ${code === "ELOOP" ? "loops" : "does not exist"}; not replacing the link`,
    );
  }
}
