// Which Debian release an image is built on, from its tag (`3.11-slim-bookworm`, `debian:12`) or, for a
// tag without a codename (`python:3.11`), from the catalog's tags that named the same image. Package
// names differ between releases (libssl3 vs libssl3t64), so run-time packages are only named for a known one.
import { catalogGroup } from "../../../src/core/image-catalog.js";
import type { ImageRef } from "../../../src/core/ir.js";
import retired from "./retired-releases.json" with { type: "json" };

const CODENAME = /(?:^|-)(buster|bullseye|bookworm|trixie|forky)(?:-|$)/;
const DEBIAN_VERSIONS: Readonly<Record<string, string>> = { "10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie" };

/** The Debian codename of the image, or null when it is not known to be Debian (ubuntu, alpine, unknown tags). */
export function debianRelease(image: ImageRef): string | null {
  const tag = image.tag ?? "latest";
  if (image.name === "ubuntu" || /alpine|ubi|nanoserver|windows|jammy|noble|focal/.test(tag)) return null;
  const distroless = /^gcr\.io\/distroless\/.*-debian(\d+)$/.exec(`${image.registry ?? ""}/${image.name}`);
  if (distroless) return DEBIAN_VERSIONS[distroless[1]] ?? null;
  for (const t of [tag, ...catalogGroup(image.registry, image.name, tag)]) {
    const m = CODENAME.exec(t);
    if (m) return m[1];
    if (image.name === "debian" && /^\d+$/.test(t.split(/[.-]/)[0]) && t === tag) {
      const release = DEBIAN_VERSIONS[t.split(/[.-]/)[0]];
      if (release) return release;
    }
  }
  return retiredRelease(image);
}

/**
 * Releases whose `tzdata` is `Priority: required` (checked with apt-cache against Debian's mirror: bookworm
 * 2026b-0+deb12u1, trixie 2026f-0+deb13u1): every image built from them, slim ones too, has `/usr/share/zoneinfo`.
 */
export const ZONE_FILES_RELEASES: ReadonlySet<string> = new Set(["bookworm", "trixie"]);

/** tag → release, per image: built on first use (most runs never ask about a retired tag). */
let retiredTags: ReadonlyMap<string, ReadonlyMap<string, string>> | null = null;

/** For a tag that left the catalog: its release, when every build of it was on the same one (scripts/retired-releases.mjs). */
function retiredRelease(image: ImageRef): string | null {
  if (image.registry !== null && image.registry !== "docker.io") return null;
  retiredTags ??= new Map(
    Object.entries(retired.images).map(([name, releases]) => [
      name,
      new Map(Object.entries(releases).flatMap(([release, tags]) => tags.split(" ").map((tag) => [tag, release] as const))),
    ]),
  );
  return retiredTags.get(image.name.replace(/^library\//, ""))?.get(image.tag ?? "latest") ?? null;
}

/**
 * Releases no longer on deb.debian.org (moved to archive.debian.org), where the images still look: an
 * `apt-get update` there fails, so a runtime that must install packages cannot be built on them.
 */
const ARCHIVED = new Set(["jessie", "stretch", "buster"]);

/** The archived Debian release the image is built on, or null. */
export function archivedRelease(image: ImageRef): string | null {
  const release = debianRelease(image) ?? /(?:^|-)(jessie|stretch)(?:-|$)/.exec(image.tag ?? "")?.[1] ?? null;
  return release !== null && ARCHIVED.has(release) ? release : null;
}
