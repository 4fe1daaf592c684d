// The programs the full Node image (buildpack-deps) has and its `-slim` variant lacks, with the Debian package that
// installs each: generated from the images by scripts/full-image-programs.mjs (the full image's dpkg file lists,
// the slim image's PATH), per Debian release; nothing in it is typed by hand.
import data from "./full-image-programs.json" with { type: "json" };

const releases: Readonly<Record<string, Readonly<Record<string, string>>>> = data.releases;

/** The Debian package that brings `program` into the slim image of `release`, or null when the table does not say. */
export function fullImagePackage(program: string, release: string | null): string | null {
  const table = release === null ? undefined : releases[release];
  return table && Object.hasOwn(table, program) ? table[program] : null;
}
