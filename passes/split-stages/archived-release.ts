// A runtime that must install packages needs its Debian release on the default mirror. Releases past their
// long-term support leave deb.debian.org for archive.debian.org, and the images keep pointing at the old place:
// there `apt-get update` fails (no Release file) where the original, which installed nothing, built.
import { catalogGroup } from "../../src/core/image-catalog.js";
import type { ImageRef } from "../../src/core/ir.js";

/** Debian releases no longer on deb.debian.org (moved to archive.debian.org). */
const ARCHIVED = new Set(["jessie", "stretch", "buster"]);
const CODENAME = /(?:^|-)(jessie|stretch|buster|bullseye|bookworm|trixie|forky)(?:-|$)/;

/** The archived Debian release an image is built on, from its tag or the tags the catalog gives the same image. */
export function archivedRelease(image: ImageRef): string | null {
  if (image.tag === null) return null;
  const tags = [image.tag, ...catalogGroup(image.registry, image.name, image.tag)];
  for (const tag of tags) {
    const codename = CODENAME.exec(tag)?.[1];
    if (codename) return ARCHIVED.has(codename) ? codename : null;
  }
  return null;
}
