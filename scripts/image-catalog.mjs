// Regenerate src/core/image-catalog.json from a local clone of docker-library/official-images:
//   node scripts/image-catalog.mjs /path/to/official-images [since=2025-01-01] [linesSince=2021-06-01]
// Each `Tags:` entry of a library file (plus its `SharedTags:`) is one group of tags that name the same
// image; Windows entries are left out (msb-opt targets Linux builds). The catalog's date is the commit's.
// Lines that left the file since `since` (node 20 after its end of life) keep their last group: their
// tags stay on Docker Hub, pointing at the last release, so `node:20` still means that release.
// Before `since`, back to `linesSince`, only whole release lines that left are kept (`python:3.8`, `node:16`, with
// their variants: `3.8-slim`, `16-bullseye-slim`), for the images whose lines `LINE_PARTS` names; not every minor.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const IMAGES = [
  "alpine",
  "debian",
  "ubuntu",
  "node",
  "python",
  "golang",
  "rust",
  "eclipse-temurin",
  "openjdk",
  "maven",
  "nginx",
  "ruby",
  "busybox",
  "gcc",
];
/** How many version parts name a release line of the image (`3.8`, `16`). */
const LINE_PARTS = { python: 2, node: 1 };
const [repo, since = "2025-01-01", linesSince = "2021-06-01"] = process.argv.slice(2);
if (!repo) throw new Error("usage: node scripts/image-catalog.mjs <official-images clone> [since]");
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
const commit = git("rev-parse", "HEAD").trim();
const date = git("log", "-1", "--format=%cs", "HEAD").trim();

/** The Linux tag groups of a library file at a commit. */
function groupsAt(rev, image) {
  const groups = [];
  for (const entry of git("show", `${rev}:library/${image}`).split(/\n\s*\n/)) {
    const field = (name) =>
      (new RegExp(`^${name}:(.*)$`, "m").exec(entry)?.[1] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const tags = [...new Set([...field("Tags"), ...field("SharedTags")])];
    if (tags.length > 0 && !/windows|nanoserver/.test(tags.join(" "))) groups.push(tags);
  }
  return groups;
}

/** The group's release tag: the one with the most numeric dot parts. */
const parts = (tag) => /^\d+(\.\d+)*/.exec(tag)?.[0].split(".").length ?? 0;
const release = (group) => group.reduce((best, t) => (parts(t) > parts(best) ? t : best), group[0]);

const images = {};
for (const image of IMAGES) {
  const groups = groupsAt("HEAD", image);
  const claimed = new Set(groups.flat());
  const from = LINE_PARTS[image] ? linesSince : since;
  const older = git("log", `--since=${from}`, "--format=%H %cs", "HEAD", "--", `library/${image}`).split("\n").filter(Boolean).slice(1);
  for (const [rev, day] of older.map((l) => l.split(" "))) {
    let previous;
    try {
      previous = groupsAt(rev, image);
    } catch {
      continue; // the file did not exist at that commit
    }
    for (const group of previous) {
      const top = release(group);
      const fresh = group.filter((t) => !claimed.has(t));
      // Keep it only when it brings a floating tag that no newer group names (`20`, `iron-slim`, `3.9`),
      // not just more releases or dated snapshots (`bookworm-20250203`).
      const floating = (t) => t !== top && !/\d{8}/.test(t) && (parts(t) > 0 ? parts(t) < parts(top) : !/\d/.test(t.split("-")[0]));
      // Before `since`: only a tag that names a whole release line (`3.8-slim`, not `3.8.19` or `3.12-rc`).
      const line = (t) => parts(t) === LINE_PARTS[image] && /^[\d.]+(-(?!rc)[a-z][\w.-]*)?$/.test(t);
      if (!fresh.some(day < since ? (t) => floating(t) && line(t) : floating)) continue;
      const kept = [...new Set([top, ...fresh])];
      groups.push(kept);
      for (const t of kept) claimed.add(t);
    }
  }
  images[image] = groups.map((g) => g.join(" "));
}
const catalog = {
  date,
  source: `docker-library/official-images@${commit.slice(0, 12)} (library/*, lines dropped since ${since} kept; whole python and node lines since ${linesSince})`,
  images,
};
writeFileSync(new URL("../src/core/image-catalog.json", import.meta.url), `${JSON.stringify(catalog, null, 1)}\n`);
