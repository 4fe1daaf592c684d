// Regenerate passes/split-stages/closure/retired-releases.json from a local clone of docker-library/official-images:
//   node scripts/retired-releases.mjs /path/to/official-images
// A tag that left the library files (`golang:1.21.5`, `node:20.11.1-slim`) is not in the image catalog, yet it still
// pulls its last build from Docker Hub. Its Debian release is known only when every build the history shows for it
// was on one release: this walks every commit of each image's library file and keeps the tags without a codename
// (those with one name their release themselves) whose Linux builds all name the same Debian release in their
// `Directory`. Tags still in the newest file are the catalog's; Windows entries are left out.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const IMAGES = ["golang", "node", "python", "rust"];
const DEBIAN = ["wheezy", "jessie", "stretch", "buster", "bullseye", "bookworm", "trixie", "forky"];
/** The releases a package table knows (closure/debian-dev-libs.json): a tag on an older one is of no use. */
const KEPT = new Set(["bullseye", "bookworm", "trixie"]);
const CODENAME = new RegExp(`(${DEBIAN.join("|")}|alpine|windows|nanoserver|servercore)`);

const [repo] = process.argv.slice(2);
if (!repo) throw new Error("usage: node scripts/retired-releases.mjs <official-images clone>");
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
const commit = git("rev-parse", "HEAD").trim();
const date = git("log", "-1", "--format=%cs", "HEAD").trim();

/** Each Linux entry of a library file at a commit: its tags and the release its folder names ("?" when none). */
function entriesAt(rev, image) {
  const entries = [];
  for (const block of git("show", `${rev}:library/${image}`).split(/\n\s*\n/)) {
    const field = (name) => new RegExp(`^${name}:\\s*(.*)$`, "mi").exec(block)?.[1]?.trim();
    const directory = field("Directory");
    if (directory === undefined || /windows|nanoserver/.test(directory)) continue;
    const release = DEBIAN.find((r) => directory.split(/[/-]/).includes(r)) ?? (/alpine/.test(directory) ? "alpine" : "?");
    const tags = [field("Tags"), field("SharedTags")]
      .filter(Boolean)
      .join(",")
      .split(",")
      .map((t) => t.trim());
    entries.push({ release, tags: tags.filter(Boolean) });
  }
  return entries;
}

const images = {};
for (const image of IMAGES) {
  const current = new Set(entriesAt("HEAD", image).flatMap((e) => e.tags));
  /** tag → the releases of every Linux build the history shows for it. */
  const seen = new Map();
  for (const rev of git("log", "--format=%H", "--", `library/${image}`).trim().split("\n")) {
    let entries;
    try {
      entries = entriesAt(rev, image);
    } catch {
      continue; // the file was deleted at that commit
    }
    for (const { release, tags } of entries)
      for (const tag of tags) {
        if (!seen.has(tag)) seen.set(tag, new Set());
        seen.get(tag).add(release);
      }
  }
  const byRelease = {};
  for (const [tag, releases] of seen) {
    if (current.has(tag) || CODENAME.test(tag) || tag === "latest" || releases.size !== 1) continue;
    const [release] = releases;
    if (!KEPT.has(release)) continue;
    (byRelease[release] ??= []).push(tag);
  }
  const order = (a, b) => a.localeCompare(b, "en", { numeric: true });
  images[image] = Object.fromEntries(
    Object.keys(byRelease)
      .sort()
      .map((r) => [r, byRelease[r].sort(order).join(" ")]),
  );
}

const out = new URL("../passes/split-stages/closure/retired-releases.json", import.meta.url);
const source = `docker-library/official-images@${commit.slice(0, 12)} (library/${IMAGES.join(", library/")}, every commit)`;
writeFileSync(out, `${JSON.stringify({ date, source, images }, null, 2)}\n`);
console.log(
  `wrote ${out.pathname}: ${Object.entries(images)
    .map(([i, r]) => `${i} ${Object.values(r).join(" ").split(" ").length}`)
    .join(", ")}`,
);
