// `msb-opt.lock.json`, next to the Dockerfile: the pins to use, reviewable in a diff and reproducible
// without a registry. Keys are image references as the Dockerfile names them (`node:20-slim`, `node` for
// no tag); values give the release tag and, optionally, the digest:
//   { "images": { "node:20-slim": { "tag": "20.18.1-slim", "digest": "sha256:…" } } }
import type { BuildContext } from "../../src/core/context.js";

export const LOCKFILE = "msb-opt.lock.json";

export interface LockEntry {
  readonly tag: string;
  readonly digest?: string;
}

export type Lockfile = ReadonlyMap<string, LockEntry>;

export class LockfileError extends Error {}

/** The lockfile of the build context; empty when there is none, LockfileError when it is malformed. */
export function readLockfile(context: BuildContext): Lockfile {
  const text = context.read(LOCKFILE);
  if (text === null) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new LockfileError(`${LOCKFILE} is not valid JSON (${(err as Error).message})`);
  }
  const images = (json as { images?: unknown })?.images;
  if (typeof images !== "object" || images === null || Array.isArray(images)) {
    throw new LockfileError(`${LOCKFILE} has no \`images\` object`);
  }
  const out = new Map<string, LockEntry>();
  for (const [ref, entry] of Object.entries(images)) {
    const { tag, digest } = (entry ?? {}) as { tag?: unknown; digest?: unknown };
    if (typeof tag !== "string" || !/^[\w][\w.-]{0,127}$/.test(tag))
      throw new LockfileError(`${LOCKFILE}: \`${ref}\` needs a valid \`tag\``);
    if (digest !== undefined && (typeof digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(digest))) {
      throw new LockfileError(`${LOCKFILE}: \`${ref}\` has an invalid \`digest\``);
    }
    out.set(ref, digest === undefined ? { tag } : { tag, digest });
  }
  return out;
}

/** The lockfile text for a set of pins: sorted keys, two-space indent, final newline (stable diffs). */
export function formatLockfile(entries: Lockfile): string {
  const images: Record<string, LockEntry> = {};
  for (const key of [...entries.keys()].sort()) {
    const e = entries.get(key)!;
    images[key] = e.digest ? { tag: e.tag, digest: e.digest } : { tag: e.tag };
  }
  return `${JSON.stringify({ images }, null, 2)}\n`;
}
