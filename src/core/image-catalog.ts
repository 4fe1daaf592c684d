// The bundled offline catalog of official images (src/image-catalog.json, written by
// scripts/image-catalog.mjs from docker-library/official-images). Each group lists tags that named the same
// image on the catalog's date; it knows tags, not digests.
import data from "./image-catalog.json" with { type: "json" };
import { officialName } from "./image-ref.js";
import { pinCandidates } from "./image-tags.js";

export interface CatalogPin {
  readonly tag: string;
  /** The day the catalog was taken (YYYY-MM-DD). */
  readonly date: string;
}

export const CATALOG_DATE: string = data.date;

const IMAGES: Readonly<Record<string, readonly string[]>> = data.images;

/**
 * Official images live under `library/` on Docker Hub; the catalog knows only those, however written (their
 * per-architecture repositories and the registries that mirror them carry the same tags: officialName).
 */
export function catalogName(registry: string | null, name: string): string | null {
  const bare = officialName(registry, name)?.name;
  return bare !== undefined && Object.hasOwn(IMAGES, bare) ? bare : null;
}

/** Whether the catalog has this official image at all. */
export function catalogHasImage(registry: string | null, name: string): boolean {
  return catalogName(registry, name) !== null;
}

/**
 * The most specific release tag that named the same image as `tag` on the catalog's date, `null` when the
 * tag was not in the catalog, or `tag` itself when nothing is more specific.
 */
export function catalogPin(registry: string | null, name: string, tag: string): CatalogPin | null {
  const image = catalogName(registry, name);
  if (image === null) return null;
  const group = groupOf(image, tag);
  if (!group) return null;
  // Worked out once per catalog tag (a finite set): a batch pins the same few tags in file after file.
  const key = `${image}:${tag}`;
  let pin = pins.get(key);
  if (!pin) pins.set(key, (pin = Object.freeze({ tag: pinCandidates(tag, group)[0] ?? tag, date: CATALOG_DATE })));
  return pin;
}
const pins = new Map<string, CatalogPin>();

/** The tags that named the same image as `tag` on the catalog's date (empty when it does not know the tag). */
export function catalogGroup(registry: string | null, name: string, tag: string): readonly string[] {
  const image = catalogName(registry, name);
  return (image === null ? undefined : groupOf(image, tag)) ?? [];
}

/** Every tag the catalog knows for an official image (empty for an image it does not know). */
export function catalogTags(registry: string | null, name: string): readonly string[] {
  const image = catalogName(registry, name);
  return image === null ? [] : [...groupsOf(image).keys()];
}

/**
 * The group of `tag` (the first line that lists it). The first LOOKUPS_BEFORE_INDEX tags of an image are looked
 * up alone: a CLI run asks for a few, and indexing all of `node`'s 1,800 tags cost it five times as much. An
 * image asked for more (a batch asks for every FROM of every file) is indexed whole.
 */
function groupOf(image: string, tag: string): readonly string[] | undefined {
  const index = byTag.get(image);
  if (index) return index.get(tag);
  let looked = lookedUp.get(image);
  if (!looked) lookedUp.set(image, (looked = new Map()));
  if (looked.has(tag)) return looked.get(tag);
  if (looked.size >= LOOKUPS_BEFORE_INDEX) return groupsOf(image).get(tag);
  const word = ` ${tag} `;
  const group = IMAGES[image].find((line) => ` ${line} `.includes(word))?.split(" ");
  looked.set(tag, group);
  return group;
}
const LOOKUPS_BEFORE_INDEX = 16;
const lookedUp = new Map<string, Map<string, readonly string[] | undefined>>();

/** tag → its group, per image, built once. */
const byTag = new Map<string, ReadonlyMap<string, readonly string[]>>();
function groupsOf(image: string): ReadonlyMap<string, readonly string[]> {
  let index = byTag.get(image);
  if (!index) {
    const built = new Map<string, readonly string[]>();
    for (const line of IMAGES[image]) {
      const group = line.split(" ");
      for (const t of group) if (!built.has(t)) built.set(t, group);
    }
    byTag.set(image, built);
    index = built;
  }
  return index;
}
