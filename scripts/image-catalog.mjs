// Regenerate src/image-catalog.json from a local clone of docker-library/official-images:
//   node scripts/image-catalog.mjs /path/to/official-images
// Each `Tags:` entry of a library file (plus its `SharedTags:`) is one group of tags that name the same
// image; Windows entries are left out (msb-opt targets Linux builds). The catalog's date is the commit's.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const IMAGES = ["alpine", "debian", "ubuntu", "node", "python", "golang", "rust", "eclipse-temurin", "openjdk", "maven", "nginx", "ruby", "busybox"];
const repo = process.argv[2];
if (!repo) throw new Error("usage: node scripts/image-catalog.mjs <official-images clone>");
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
const commit = git("rev-parse", "HEAD").trim();
const date = git("log", "-1", "--format=%cs", "HEAD").trim();

const images = {};
for (const image of IMAGES) {
  const groups = [];
  for (const entry of git("show", `HEAD:library/${image}`).split(/\n\s*\n/)) {
    const field = (name) => (new RegExp(`^${name}:(.*)$`, "m").exec(entry)?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const tags = [...field("Tags"), ...field("SharedTags")];
    if (tags.length === 0 || /windows|nanoserver/.test(tags.join(" "))) continue;
    groups.push([...new Set(tags)]);
  }
  images[image] = groups.map((g) => g.join(" "));
}
const catalog = { date, source: `docker-library/official-images@${commit.slice(0, 12)} (library/*)`, images };
writeFileSync(new URL("../src/image-catalog.json", import.meta.url), `${JSON.stringify(catalog, null, 1)}\n`);
