// Regenerate passes/split-stages/closure/full-image-programs.json: the programs the full Node image (buildpack-deps)
// of each Debian release has and its `-slim` variant lacks, with the Debian package that installs each.
//   node scripts/full-image-programs.mjs [release=full,slim ...]
//   (default: bookworm=node:20,node:20-slim; add a pair per release whose real images are at hand, such as
//   trixie=node:24,node:24-slim: the table must come from the release's own images, never from a stand-in)
// It runs each image once (DOCKER, default `docker`): the full image's dpkg file lists name the package of every
// program in /usr/bin, /usr/sbin, /bin and /sbin; the slim image's PATH folders say which it lacks. Programs no
// package lists (alternatives' links such as `editor`), those of /usr/local (Node's own) and interpreters'
// `-minimal` packages (python3-minimal: the program without its library) are left out.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const OUT = new URL("../passes/split-stages/closure/full-image-programs.json", import.meta.url);
const DOCKER = process.env.DOCKER ?? "docker";
const argv = process.argv.slice(2);
const pairs = (argv.length > 0 ? argv : ["bookworm=node:20,node:20-slim"]).map((a) => {
  const [release, images] = a.split("=");
  const [full, slim] = images.split(",");
  return { release, full, slim };
});

const run = (image, script) =>
  execFileSync(DOCKER, ["run", "--rm", "--entrypoint", "sh", image, "-c", script], { maxBuffer: 1 << 28 }).toString("utf8");

// `package:arch<TAB>/usr/bin/name` for every program a package's file list names.
const LISTED = `cd /var/lib/dpkg/info && grep -E '^/(usr/)?s?bin/[^/]+$' *.list | sed 's/\\.list:/\\t/'`;
const PRESENT = "for d in /usr/bin /usr/sbin /bin /sbin; do ls -1 $d 2>/dev/null; done | sort -u";

const releases = {};
for (const { release, full, slim } of pairs) {
  // The images must be the release they are listed under.
  const codename = run(full, ". /etc/os-release && echo $VERSION_CODENAME").trim();
  if (codename !== release) throw new Error(`${full} is Debian ${codename}, not ${release}`);
  const lacked = new Set(run(slim, PRESENT).split("\n").filter(Boolean));
  const table = {};
  for (const line of run(full, LISTED).split("\n")) {
    const [pkg, path] = line.split("\t");
    if (!pkg || !path) continue;
    const name = path.replace(/^.*\//, "");
    if (lacked.has(name) || name in table) continue;
    // An interpreter's `-minimal` package (python3-minimal) holds the program without the library the full image
    // has with it (python3's standard library): installing it alone would not run what the full image runs.
    if (/-minimal(:|$)/.test(pkg)) continue;
    table[name] = pkg.replace(/:.*$/, "");
  }
  const present = new Set(run(full, PRESENT).split("\n").filter(Boolean));
  releases[release] = Object.fromEntries(
    Object.entries(table)
      .filter(([name]) => present.has(name))
      .sort(([x], [y]) => (x < y ? -1 : 1)),
  );
  console.log(`${release}: ${Object.keys(releases[release]).length} programs (${full} has, ${slim} lacks)`);
}
// One program per line: compact, and a refresh diffs line by line.
const body = Object.entries(releases)
  .map(
    ([release, t]) =>
      `    "${release}": {\n${Object.entries(t)
        .map(([n, p]) => `      ${JSON.stringify(n)}: ${JSON.stringify(p)}`)
        .join(",\n")}\n    }`,
  )
  .join(",\n");
const images = pairs.map((p) => `${p.release}: ${p.full} vs ${p.slim}`).join("; ");
writeFileSync(OUT, `{\n  "source": ${JSON.stringify(`scripts/full-image-programs.mjs (${images})`)},\n  "releases": {\n${body}\n  }\n}\n`);
