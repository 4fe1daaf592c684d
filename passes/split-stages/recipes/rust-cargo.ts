// What a Cargo project tells the split: the binaries it makes (Cargo.toml's package, `[[bin]]` tables,
// src/bin/, workspace members) and the crates of Cargo.lock that need something from the OS at run time
// (system libraries that `-sys` crates link, the CA certificates TLS crates read).
import type { BuildContext } from "../../../src/core/context.js";

/** A binary target: its name (the file cargo writes), its package, and the package's folder (context path). */
export interface CargoBin {
  readonly name: string;
  readonly pkg: string;
  readonly dir: string;
}

export type CargoBins = { readonly ok: true; readonly bins: readonly CargoBin[] } | { readonly ok: false; readonly reason: string };

/** The body of each `[name]` (or `[[name]]`) table of a TOML text, in order. */
function tables(toml: string, name: string): string[] {
  const out: string[] = [];
  const header = /^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*$/gm;
  const heads = [...toml.matchAll(header)];
  heads.forEach((m, i) => {
    if (m[1] !== name) return;
    const start = (m.index ?? 0) + m[0].length;
    out.push(toml.slice(start, heads[i + 1]?.index ?? toml.length));
  });
  return out;
}

/** A string value `key = "value"` in a table body. */
function stringKey(body: string, key: string): string | null {
  return new RegExp(`^\\s*${key}\\s*=\\s*["']([^"'\\n]+)["']`, "m").exec(body)?.[1] ?? null;
}

/** The binaries of the package in context folder `dir` (Cargo's target auto-discovery plus `[[bin]]`). */
function packageBins(context: BuildContext, dir: string, toml: string): CargoBin[] {
  const at = (p: string) => (dir === "." ? p : `${dir}/${p}`);
  const [table] = tables(toml, "package");
  const pkg = table === undefined ? null : stringKey(table, "name");
  if (table === undefined || pkg === null) return [];
  const names = tables(toml, "bin")
    .map((b) => stringKey(b, "name"))
    .filter((n): n is string => n !== null);
  if (!/^\s*autobins\s*=\s*false/m.test(table)) {
    if (context.read(at("src/main.rs")) !== null) names.push(pkg);
    for (const file of context.list(at("src/bin"))) {
      if (file.endsWith(".rs")) names.push(file.slice(0, -3));
      else if (context.read(at(`src/bin/${file}/main.rs`)) !== null) names.push(file);
    }
  }
  return [...new Set(names)].map((name) => ({ name, pkg, dir }));
}

/** The binaries of the project at context folder `root`, with those of its workspace members. */
export function cargoBins(context: BuildContext, root: string): CargoBins {
  const at = (p: string) => (root === "." ? p : `${root}/${p}`);
  const toml = context.read(at("Cargo.toml"));
  if (toml === null) return { ok: false, reason: "there is no Cargo.toml" };
  const bins: CargoBin[] = packageBins(context, root, toml);
  const [workspace] = tables(toml, "workspace");
  if (workspace !== undefined) {
    const list = /^\s*members\s*=\s*\[([^\]]*)\]/m.exec(workspace)?.[1] ?? "";
    for (const [, member] of list.matchAll(/["']([^"']+)["']/g)) {
      // Only literal folders and `folder/*` are followed.
      const dirs = member.endsWith("/*") ? context.list(at(member.slice(0, -2))).map((d) => `${member.slice(0, -2)}/${d}`) : [member];
      if (/[*?[]/.test(dirs.join(""))) return { ok: false, reason: `the workspace member pattern \`${member}\` is not followed` };
      for (const d of dirs) {
        const memberToml = context.read(at(`${d}/Cargo.toml`));
        if (memberToml !== null) bins.push(...packageBins(context, at(d), memberToml));
      }
    }
  }
  return { ok: true, bins };
}

/**
 * Whether the project at context folder `root` depends on no crate at all: no entry in any dependency table
 * (`[dependencies]`, `[build-dependencies]`, `[dev-dependencies]`, their `target.….` forms, `[dependencies.x]`)
 * and no workspace. Then cargo has nothing to resolve, with or without Cargo.lock, and no crate links a library.
 */
export function dependsOnNothing(context: BuildContext, root: string): boolean {
  const toml = context.read(root === "." ? "Cargo.toml" : `${root}/Cargo.toml`);
  if (toml === null) return false;
  const heads = [...toml.matchAll(/^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*$/gm)];
  // Dotted keys before the first table (`dependencies.serde = "1"`) name dependencies too.
  const top = toml.slice(0, heads[0]?.index ?? toml.length);
  if (/^\s*[\w.'"-]*dependencies\b/m.test(top)) return false;
  return heads.every((m, i) => {
    const name = m[1];
    if (name === "workspace" || name.startsWith("workspace.")) return false;
    const dependencyTable = /(^|\.)((dev|build)-)?dependencies(\.|$)/.exec(name);
    if (!dependencyTable) return true;
    // `[dependencies.serde]` is one dependency; `[dependencies]` counts by its entries.
    if (dependencyTable[4] === ".") return false;
    const body = toml.slice((m.index ?? 0) + m[0].length, heads[i + 1]?.index ?? toml.length);
    return body.split("\n").every((line) => /^\s*(#.*)?$/.test(line));
  });
}

/** The package names of Cargo.lock (every platform's: the lock does not say which build uses which). */
export function lockedCrates(context: BuildContext, root: string): Set<string> {
  const lock = context.read(root === "." ? "Cargo.lock" : `${root}/Cargo.lock`) ?? "";
  return new Set(tables(lock, "package").map((p) => stringKey(p, "name") ?? ""));
}

/**
 * What a `-sys` crate needs at run time on Debian. `dev`: the Debian headers package of the library it links,
 * whose run-time packages the generated table names per release; null: nothing (a bundled copy built into
 * the program, another platform's API, or a library every Debian slim image has). `bundledBy`: a crate whose
 * presence in the lock shows the library was built from source (a `vendored`/`bundled` feature).
 */
interface SysNeed {
  readonly dev: string | null;
  readonly bundledBy?: string;
}

/** Sources: each crate's README or build.rs (docs.rs), as of 2025. */
const SYS_CRATES: Readonly<Record<string, SysNeed>> = {
  // Link the system library through pkg-config; a `vendored`/`bundled` feature adds the `-src` crate.
  "openssl-sys": { dev: "libssl-dev", bundledBy: "openssl-src" },
  "pq-sys": { dev: "libpq-dev", bundledBy: "pq-src" },
  "mysqlclient-sys": { dev: "default-libmysqlclient-dev", bundledBy: "mysqlclient-src" },
  // `bundled` compiles SQLite in, and the lock does not show features: keeping libsqlite3-0 is the safe side.
  "libsqlite3-sys": { dev: "libsqlite3-dev" },
  // Use the system library when pkg-config finds one, else build the bundled copy: keep the library.
  "curl-sys": { dev: "libcurl4-openssl-dev" },
  "libssh2-sys": { dev: "libssh2-1-dev" },
  "libsodium-sys": { dev: "libsodium-dev" },
  "pcre2-sys": { dev: "libpcre2-dev" },
  "libudev-sys": { dev: "libudev-dev" },
  "libdbus-sys": { dev: "libdbus-1-dev" },
  "alsa-sys": { dev: "libasound2-dev" },
  "yeslogic-fontconfig-sys": { dev: "libfontconfig-dev" },
  "servo-fontconfig-sys": { dev: "libfontconfig-dev" },
  "freetype-sys": { dev: "libfreetype-dev" },
  // libgit2-sys builds its bundled libgit2 unless the image has libgit2-dev of a matching version, which only
  // an apt-get install in the Dockerfile can bring (the runtime then installs its library).
  "libgit2-sys": { dev: null },
  // zlib, bzip2, xz and zstd are in every Debian slim image (dpkg needs them); zstd-sys builds its own by default.
  "libz-sys": { dev: null },
  "libz-ng-sys": { dev: null },
  "bzip2-sys": { dev: null },
  "lzma-sys": { dev: null },
  "zstd-sys": { dev: null },
  // Built from bundled sources into the program (C++ ones link libstdc++6, which every Debian slim image has).
  "aws-lc-sys": { dev: null },
  "aws-lc-fips-sys": { dev: null },
  "tikv-jemalloc-sys": { dev: null },
  "jemalloc-sys": { dev: null },
  "libmimalloc-sys": { dev: null },
  onig_sys: { dev: null },
  "librocksdb-sys": { dev: null },
  "rdkafka-sys": { dev: null },
  "lz4-sys": { dev: null },
  "snappy-sys": { dev: null },
  // Build-time only (bindgen loads libclang while compiling).
  "clang-sys": { dev: null },
  // System calls only, or other platforms' APIs.
  "linux-raw-sys": { dev: null },
  "inotify-sys": { dev: null },
  "windows-sys": { dev: null },
  "js-sys": { dev: null },
  "web-sys": { dev: null },
  "core-foundation-sys": { dev: null },
  "security-framework-sys": { dev: null },
  "system-configuration-sys": { dev: null },
  "io-kit-sys": { dev: null },
  "fsevent-sys": { dev: null },
  "objc-sys": { dev: null },
  "wasi-sys": { dev: null },
};

/** Crates that read the system's CA certificates (/etc/ssl/certs) when they connect with TLS. */
const SYSTEM_ROOTS = ["native-tls", "openssl", "openssl-probe", "rustls-native-certs", "rustls-platform-verifier", "hyper-tls"];

export interface CrateNeeds {
  /** `-sys` crate → the `-dev` package whose run-time libraries it needs. */
  readonly libraries: ReadonlyArray<{ readonly crate: string; readonly dev: string }>;
  /** A `-sys` crate the table does not know (null: none). */
  readonly unknown: string | null;
  /** The first crate that reads the system's CA certificates (null: none). */
  readonly caRoots: string | null;
}

/** What the crates of a lock need from the OS at run time. */
export function crateNeeds(crates: ReadonlySet<string>): CrateNeeds {
  const libraries: Array<{ crate: string; dev: string }> = [];
  for (const crate of [...crates].sort()) {
    if (!/[-_]sys$/.test(crate)) continue;
    const need = SYS_CRATES[crate];
    if (need === undefined) return { libraries, unknown: crate, caRoots: null };
    if (need.dev !== null && !(need.bundledBy && crates.has(need.bundledBy))) libraries.push({ crate, dev: need.dev });
  }
  return { libraries, unknown: null, caRoots: SYSTEM_ROOTS.find((c) => crates.has(c)) ?? null };
}
