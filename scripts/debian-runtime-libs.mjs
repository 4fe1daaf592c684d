// Regenerate passes/split-stages/closure/debian-dev-libs.json from Debian's own package relationships:
//   node scripts/debian-runtime-libs.mjs [--local DIR] [release...]   (default: bullseye bookworm trixie)
// It downloads each release's main/binary-amd64 index from deb.debian.org, or reads DIR/<release>-Packages.xz
// and DIR/<release>-Release.
// For each `*-dev` (or section `libdevel`) package, the run-time shared-library packages it stands for: the library packages of
// the same source that it Depends on (libpq-dev → libpq5, zlib1g-dev → zlib1g). A `-dev` that depends on
// no such package directly (libjpeg-dev, default-libmysqlclient-dev) is followed through the `-dev`
// packages it depends on. Anything else it depends on (libpq-dev's libssl-dev) is a header dependency:
// the library package already depends on its own run-time needs, so apt brings them.
// Beside it, debian-dev-depends.json: for each such `-dev`, the `-dev` packages it Depends on (libspdlog-dev →
// libfmt-dev), which apt installs with it, so the build can link their libraries (`-lspdlog -lfmt`) too.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const MIRROR = "https://deb.debian.org/debian";
const OUT = new URL("../passes/split-stages/closure/debian-dev-libs.json", import.meta.url);
const DEPENDS = new URL("../passes/split-stages/closure/debian-dev-depends.json", import.meta.url);
// The headers packages whose names do not end in `-dev` (section libdevel), in a file of their own: most
// files ask only "is this a headers package?", which must not parse the whole table.
const LIBDEVEL = new URL("../passes/split-stages/closure/debian-libdevel.json", import.meta.url);
const argv = process.argv.slice(2);
// `--derive`: write the libdevel list from the table already here, without downloading.
if (argv[0] === "--derive") {
  writeLibdevel(JSON.parse(readFileSync(OUT, "utf8")).releases);
  process.exit(0);
}
const local = argv[0] === "--local" ? argv[1] : null;
const releases = (local ? argv.slice(2) : argv).length > 0 ? (local ? argv.slice(2) : argv) : ["bullseye", "bookworm", "trixie"];

async function download(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const xz = (buf) => execFileSync("xz", ["-dc"], { input: buf, maxBuffer: 1 << 30 }).toString("utf8");

const tables = {};
for (const release of releases) tables[release] = await tableFor(release);
// One package per line: compact, and a refresh diffs line by line.
const body = Object.entries(tables).map(([release, t]) => {
  const head = Object.entries(t)
    .filter(([k]) => k !== "libs" && k !== "devDepends")
    .map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const lines = Object.entries(t.libs).map(([k, v]) => `        ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `    ${JSON.stringify(release)}: {\n${head.join("\n")}\n      "libs": {\n${lines.join(",\n")}\n      }\n    }`;
});
writeFileSync(OUT, `{\n  "releases": {\n${body.join(",\n")}\n  }\n}\n`);
const dependsBody = Object.entries(tables).map(([release, t]) => {
  const lines = Object.entries(t.devDepends).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `    ${JSON.stringify(release)}: {\n${lines.join(",\n")}\n    }`;
});
writeFileSync(DEPENDS, `{\n  "releases": {\n${dependsBody.join(",\n")}\n  }\n}\n`);
writeLibdevel(tables);
for (const [release, t] of Object.entries(tables)) console.log(`${release}: ${Object.keys(t.libs).length} -dev packages`);

async function tableFor(release) {
  const url = `${MIRROR}/dists/${release}`;
  const packagesText = xz(local ? readFileSync(`${local}/${release}-Packages.xz`) : await download(`${url}/main/binary-amd64/Packages.xz`));
  const releaseText = local ? readFileSync(`${local}/${release}-Release`, "utf8") : (await download(`${url}/Release`)).toString("utf8");
  const releaseField = (name) => new RegExp(`^${name}: (.*)$`, "m").exec(releaseText)?.[1]?.trim() ?? "";
  if (releaseField("Codename") !== release) throw new Error(`the Release file is for ${releaseField("Codename")}, not ${release}`);
  const { libs, devDepends } = devLibraries(packagesText);
  return {
    devDepends,
    version: releaseField("Version"),
    date: new Date(releaseField("Date")).toISOString().slice(0, 10),
    source: `${url}/main/binary-amd64/Packages.xz`,
    libs,
  };
}

function devLibraries(packagesText) {
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
    packages.set(name, { source, section: field("Section"), depends, archAll: field("Architecture") === "all" });
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
    // Headers only (nlohmann-json3-dev, libasio-dev): an architecture-independent package ships no shared
    // library, so when it stands for none the runtime needs nothing of it.
    if (found.length > 0 || (packages.get(name).archAll && name.endsWith("-dev"))) libs[name] = found;
  }
  // The `-dev` packages each one Depends on that stand for libraries the table knows (headers-only ones link nothing).
  const devDepends = {};
  for (const name of Object.keys(libs)) {
    const deps = [...new Set(packages.get(name).depends.filter((d) => d !== name && libs[d]?.length > 0))].sort();
    if (deps.length > 0) devDepends[name] = deps;
  }
  return { libs, devDepends };
}

function writeLibdevel(releaseTables) {
  const names = new Set(Object.values(releaseTables).flatMap((t) => Object.keys(t.libs)));
  const list = [...names].filter((n) => !n.endsWith("-dev")).sort();
  writeFileSync(LIBDEVEL, `${JSON.stringify(list, null, 0).replace(/","/g, '",\n  "').replace(/^\[/, "[\n  ").replace(/\]$/, "\n]")}\n`);
}
