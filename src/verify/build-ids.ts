// Files a build names anew on every run: Next.js writes `.next/static/<build id>/…`, other tools put a random
// token in a folder or file name. Two builds of the same sources then hold the same files under different
// names. A missing file counts as renamed only when a whole group matches: every missing file under the
// original's token has a counterpart under one token of the optimized image, at the same place, and back.

/** A name made only of one generated-looking token: 6+ letters, digits, `-` or `_`, with a digit or mixed case. */
const TOKEN = /^[A-Za-z0-9_-]{6,}$/;
const generated = (s: string) => TOKEN.test(s) && (/\d/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s)));

/** The shape of a name with its generated tokens blanked (`_buildManifest.js` stays, `abc123XYZ` → `#`). */
function shape(name: string): string {
  return name.replace(/[A-Za-z0-9_-]{6,}/g, (t) => (generated(t) ? "#" : t));
}

export interface Renamed {
  /** Original path → the optimized image's path. */
  readonly pairs: ReadonlyMap<string, string>;
}

/**
 * Pair each missing path with an extra path (one the optimized image has and the original lacks) that differs
 * in exactly one segment, both segments of the same shape with a generated token in it, and only when the
 * whole group under that segment pairs up both ways.
 */
export function renamedPerBuild(missing: readonly string[], extra: readonly string[]): Renamed {
  const pairs = new Map<string, string>();
  const groups = new Map<string, { from: Set<string>; to: Set<string> }>();
  const extraBySkeleton = new Map<string, string[]>();
  const skeleton = (segments: string[], i: number) =>
    `${i}\0${segments.slice(0, i).join("/")}\0${shape(segments[i])}\0${segments.slice(i + 1).join("/")}`;
  for (const path of extra) {
    const segments = path.split("/");
    segments.forEach((s, i) => {
      if (shape(s) === s) return;
      const key = skeleton(segments, i);
      extraBySkeleton.set(key, [...(extraBySkeleton.get(key) ?? []), path]);
    });
  }
  const candidates = new Map<string, string>();
  for (const path of missing) {
    const segments = path.split("/");
    segments.forEach((s, i) => {
      if (shape(s) === s) return;
      const matches = extraBySkeleton.get(skeleton(segments, i)) ?? [];
      // One counterpart only: two extra files of the same shape leave the pairing unproven.
      if (matches.length !== 1) return;
      const other = matches[0].split("/")[i];
      const group = `${segments.slice(0, i).join("/")}\0${s}\0${other}`;
      const g = groups.get(group) ?? { from: new Set<string>(), to: new Set<string>() };
      g.from.add(path);
      g.to.add(matches[0]);
      groups.set(group, g);
      candidates.set(`${group}\0${path}`, matches[0]);
    });
  }
  for (const [group, g] of groups) {
    const [prefix, from, to] = group.split("\0");
    const under = (list: readonly string[], seg: string) =>
      list.filter((p) => p.startsWith(`${prefix}/${seg}`) && p.split("/")[prefix.split("/").length] === seg);
    // Both ways: everything under the original's token is missing and pairs, everything under the new one is extra and pairs.
    if (under(missing, from).length !== g.from.size || under(extra, to).length !== g.to.size || g.from.size !== g.to.size) continue;
    for (const path of g.from) pairs.set(path, candidates.get(`${group}\0${path}`)!);
  }
  return { pairs };
}
