// Our grammar for Docker image tags. Official images tag releases as numeric dot parts plus an optional
// variant suffix (`20`, `20.18.1-slim`, `22.04`, `3.12.7-slim-bookworm`, `1.22-alpine3.19`, temurin's
// `21.0.8_9-jdk`), and float names over them (`latest`, `lts`, `slim`, `bookworm`). Tags are not semver
// (`22.04` has a leading zero), so we parse them here and use semver only to compare normalised versions.
import semver from "semver";

export interface VersionTag {
  readonly tag: string;
  /** The numeric parts as written; `_9` build suffixes count as one more part. */
  readonly parts: readonly number[];
  /** What follows the version after `-` (`slim`, `alpine3.19`), or "" for none. */
  readonly variant: string;
}

const VERSION_TAG = /^(\d+(?:\.\d+)*)(?:_(\d+))?(?:-([a-z][a-z0-9.-]*))?$/i;

/** Parse a release tag; null for names (`latest`, `bookworm`) and pre-releases (`3.15.0rc1`). */
export function parseVersionTag(tag: string): VersionTag | null {
  const m = VERSION_TAG.exec(tag);
  if (!m) return null;
  const parts = m[1].split(".").map(Number);
  if (m[2] !== undefined) parts.push(Number(m[2]));
  if (parts.some((p) => !Number.isSafeInteger(p))) return null;
  return { tag, parts, variant: m[3] ?? "" };
}

/** Words that name a release channel rather than a variant: `lts-slim` is the `slim` variant of `lts`. */
const CHANNELS = new Set(["latest", "lts", "current", "stable", "mainline", "rolling"]);

/**
 * The variant a named tag asks for: `latest` and `lts` ask for the plain image, `lts-slim` and `slim`
 * for `slim`, `bookworm-slim` for `bookworm-slim`.
 */
export function namedTagVariant(tag: string): string {
  const [first, ...rest] = tag.split("-");
  return CHANNELS.has(first.toLowerCase()) ? rest.join("-") : tag;
}

/** Compare two versions: semver on the first three parts (leading zeros dropped), then extra parts. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  const norm = (p: readonly number[]) => `${p[0] ?? 0}.${p[1] ?? 0}.${p[2] ?? 0}`;
  const main = semver.compare(norm(a), norm(b));
  if (main !== 0) return main;
  for (let i = 3; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return Math.sign(d);
  }
  return a.length - b.length;
}

/**
 * The tags that could be the most specific release tag of `tag`, best first. For a version tag: tags with
 * the same variant whose version extends it (`20-slim` → `20.18.1-slim`). For a named tag: version tags of
 * the variant it asks for, or, when the repository has none (`debian:bookworm`, `node:iron-slim`), every
 * version tag: those of the variant after the codename first, then plain ones. Only the highest precision
 * found is kept: `20.18.1` is preferred to `20.18`.
 * An empty list means there is nothing more specific to pin to.
 */
export function pinCandidates(tag: string, available: readonly string[]): string[] {
  const versions = available.map(parseVersionTag).filter((v): v is VersionTag => v !== null && v.tag !== tag);
  const own = parseVersionTag(tag);
  let pool: VersionTag[];
  let wanted: string;
  if (own) {
    wanted = own.variant;
    pool = versions.filter(
      (v) => v.variant === own.variant && v.parts.length > own.parts.length && own.parts.every((p, i) => v.parts[i] === p),
    );
  } else {
    wanted = namedTagVariant(tag);
    pool = versions.filter((v) => v.variant === wanted);
    if (pool.length === 0) {
      // A codename (`iron-slim`, `bookworm`): its first word names the release, the rest the variant.
      wanted = tag.split("-").slice(1).join("-");
      pool = versions;
    }
  }
  const precision = Math.max(0, ...pool.map((v) => v.parts.length));
  const sorted = pool
    .filter((v) => v.parts.length === precision)
    .sort((a, b) => rank(a) - rank(b) || compareVersions(b.parts, a.parts) || a.tag.localeCompare(b.tag));
  // A floating tag names the newest release of some major line (`lts` is 24.x while 26.x exists), so the
  // newest release of each major comes first; a registry probes only the first few candidates.
  const seen = new Set<string>();
  const heads = sorted.filter((v) => {
    const line = `${rank(v)} ${v.variant} ${v.parts[0]}`;
    return seen.has(line) ? false : (seen.add(line), true);
  });
  return [...heads, ...sorted.filter((v) => !heads.includes(v))].map((v) => v.tag);

  function rank(v: VersionTag): number {
    return v.variant === wanted ? 0 : v.variant === "" ? 1 : 2;
  }
}

/** A tag so specific that no lookup is needed to call it pinned (`20.18.1`, `3.12.7-slim-bookworm`). */
export function isFullVersion(tag: string): boolean {
  const v = parseVersionTag(tag);
  return v !== null && v.parts.length >= 3;
}
