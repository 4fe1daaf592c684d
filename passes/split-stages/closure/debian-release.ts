// Which Debian release an image is built on, from its tag (`3.11-slim-bookworm`, `debian:12`) or, for a
// tag without a codename (`python:3.11`), from the catalog's tags that named the same image. Package
// names differ between releases (libssl3 vs libssl3t64), so run-time packages are only named for a known one.
import { catalogGroup } from "../../../src/core/image-catalog.js";
import type { ImageRef } from "../../../src/core/ir.js";

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
 * Releases that left the catalog (it keeps golang's lines only since 2025, node's and python's lines but not
 * their minors and patches), for the official images' default tags whose Debian never changed while they were
 * built: those first released after bookworm came out (2023-06-10) and last built before trixie did (2025-08-09).
 * `[image, line, first, last]`: minors `line.first` to `line.last`, with their patches.
 */
const RETIRED_BOOKWORM: readonly (readonly [string, string, number, number])[] = [
  ["golang", "1", 21, 23],
  ["node", "18", 17, 20],
  ["node", "20", 4, 18],
  ["node", "21", 0, 7],
  ["node", "22", 0, 17],
  ["node", "23", 0, 11],
  ["node", "24", 0, 4],
];
/** Python patch releases: `3.minor.first` to `3.minor.last`. */
const RETIRED_PYTHON_BOOKWORM: Readonly<Record<string, readonly [number, number]>> = {
  "8": [18, 20],
  "9": [18, 22],
  "10": [13, 17],
  "11": [5, 12],
  "12": [0, 10],
  "13": [0, 4],
};

function retiredRelease(image: ImageRef): string | null {
  if (image.registry !== null && image.registry !== "docker.io") return null;
  const name = image.name.replace(/^library\//, "");
  // The default tag and its slim variant (`3.12.4-slim`), built on the same release.
  const v = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-slim)?$/.exec(image.tag ?? "");
  if (!v) return null;
  const [major, minor, patch] = [v[1], Number(v[2]), v[3] === undefined ? null : Number(v[3])];
  if (name === "python" && major === "3") {
    // A minor's own tag (`3.12`) moved with its patches; only a patch tag stayed on one build.
    const range = RETIRED_PYTHON_BOOKWORM[String(minor)];
    return range && patch !== null && patch >= range[0] && patch <= range[1] ? "bookworm" : null;
  }
  const within = RETIRED_BOOKWORM.some(([n, line, first, last]) => n === name && line === major && minor >= first && minor <= last);
  // node's `20.11` and golang's `1.21` name a line of patches, all built in those years; node's `20.11.1` too.
  return within ? "bookworm" : null;
}
