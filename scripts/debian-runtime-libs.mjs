// Regenerate passes/split-stages/closure/debian-dev-libs.json from Debian's own package relationships:
//   node scripts/debian-runtime-libs.mjs [release=bookworm] [Packages file or .xz] [Release file]
// Without files it downloads the release's main/binary-amd64 index from deb.debian.org.
// For each `*-dev` (or section `libdevel`) package, the run-time shared-library packages it stands for: the library packages of
// the same source that it Depends on (libpq-dev → libpq5, zlib1g-dev → zlib1g). A `-dev` that depends on
// no such package directly (libjpeg-dev, default-libmysqlclient-dev) is followed through the `-dev`
// packages it depends on. Anything else it depends on (libpq-dev's libssl-dev) is a header dependency:
// the library package already depends on its own run-time needs, so apt brings them.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const MIRROR = "https://deb.debian.org/debian";
const OUT = new URL("../passes/split-stages/closure/debian-dev-libs.json", import.meta.url);
const [release = "bookworm", packagesFile, releaseFile] = process.argv.slice(2);

async function download(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const xz = (buf) => execFileSync("xz", ["-dc"], { input: buf, maxBuffer: 1 << 30 }).toString("utf8");
const packagesText = packagesFile
  ? packagesFile.endsWith(".xz")
    ? xz(readFileSync(packagesFile))
    : readFileSync(packagesFile, "utf8")
  : xz(await download(`${MIRROR}/dists/${release}/main/binary-amd64/Packages.xz`));
const releaseText = releaseFile
  ? readFileSync(releaseFile, "utf8")
  : (await download(`${MIRROR}/dists/${release}/Release`)).toString("utf8");
const releaseField = (name) => new RegExp(`^${name}: (.*)$`, "m").exec(releaseText)?.[1]?.trim() ?? "";
if (releaseField("Codename") !== release) throw new Error(`the Release file is for ${releaseField("Codename")}, not ${release}`);

/** Each stanza's fields we use: name, source package, section, and the first alternative of each dependency. */
const packages = new Map();
for (const stanza of packagesText.split(/\n\s*\n/)) {
  const field = (name) => new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, "m").exec(stanza)?.[1].replace(/\n[ \t]+/g, " ") ?? "";
  const name = field("Package");
  if (!name) continue;
  const source = field("Source").split(" ")[0] || name;
  const depends = field("Depends")
    .split(",")
    .map(
      (d) =>
        d
          .split("|")[0]
          .trim()
          .split(/[\s(:]/)[0],
    )
    .filter(Boolean);
  packages.set(name, { source, section: field("Section"), depends });
}

/** A headers package: named `-dev`, or filed by Debian in section `libdevel` (`libmariadb-dev-compat`). */
const isDev = (name) => name.endsWith("-dev") || /(^|\/)libdevel$/.test(packages.get(name)?.section ?? "");
/** A shared-library package: Debian files those in section `libs` (any area), never a `-dev`. */
const isLibrary = (name) => {
  const p = packages.get(name);
  return p !== undefined && /(^|\/)libs$/.test(p.section) && !isDev(name) && !/-(dbg|doc|common|data|bin)$/.test(name);
};

function runtimeLibs(dev, seen = new Set()) {
  if (seen.has(dev)) return [];
  seen.add(dev);
  const p = packages.get(dev);
  if (!p) return [];
  const direct = p.depends.filter((d) => isLibrary(d) && packages.get(d).source === p.source);
  if (direct.length > 0) return direct;
  return p.depends.filter(isDev).flatMap((d) => runtimeLibs(d, seen));
}

const libs = {};
for (const name of [...packages.keys()].filter(isDev).sort()) {
  const found = [...new Set(runtimeLibs(name))].sort();
  if (found.length > 0) libs[name] = found;
}
const table = {
  release,
  version: releaseField("Version"),
  date: new Date(releaseField("Date")).toISOString().slice(0, 10),
  source: `${MIRROR}/dists/${release}/main/binary-amd64/Packages.xz`,
  libs,
};
// One package per line: compact, and a refresh diffs line by line.
const lines = Object.entries(libs).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
const head = Object.entries(table)
  .filter(([k]) => k !== "libs")
  .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
writeFileSync(OUT, `{\n${head.join("\n")}\n  "libs": {\n${lines.join(",\n")}\n  }\n}\n`);
console.log(`${Object.keys(libs).length} -dev packages → ${new URL(OUT).pathname}`);
