// Rust: the binary cargo builds, copied onto the Debian slim image of the build image's release (the
// program links that release's glibc), with the run-time libraries of the `-sys` crates Cargo.lock lists,
// CA certificates when a TLS crate reads the system's, and the context files the sources name. The
// sources, `target` and the toolchain stay in the build stage. As for Go, the runtime copies only what the
// image runs and reads; anything that cannot be told declines with the reason.
import { posix } from "node:path";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import { CATALOG_DATE, catalogTags } from "../../../src/core/image-catalog.js";
import type { ImageRef } from "../../../src/core/ir.js";
import { instruction, type Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import { aptInstallRun } from "../apt-run.js";
import { debianRelease } from "../closure/debian-release.js";
import { libsOfDev } from "../closure/debian-libs.js";
import { imageDevOf, isGlibcLink } from "./gcc.js";
import { devPackageFor } from "./go-source.js";
import { rustLinkedLibraries } from "./rust-links.js";
import { contextSource } from "../entry.js";
import { isUnder, outermost, resolvePath } from "../paths.js";
import { CARGO_HOME, type CargoStep, cargoCaches, cargoSteps, withCargoCaches } from "./rust-build.js";
import { type CargoBin, cargoBins, crateNeeds, dependsOnNothing, lockedCrates } from "./rust-cargo.js";
import { madePaths } from "./rust-folders.js";
import { entryScriptReads } from "../script-reads.js";
import { readRustSources } from "./rust-source.js";
import { settingPaths } from "../setting-paths.js";
import { isOfficial, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

/** The binaries a cargo step writes, by absolute path (an install's are searched by name through PATH). */
function stepOutputs(step: CargoStep, bins: readonly CargoBin[], root: string): Map<string, string> {
  const own = bins.filter((b) => b.dir === root);
  // A virtual workspace (no package at its root) builds every member.
  const selected =
    step.bins.length > 0
      ? bins.filter((b) => step.bins.includes(b.name))
      : step.workspace
        ? bins
        : step.packages.length > 0
          ? bins.filter((b) => step.packages.includes(b.pkg))
          : own.length > 0 || step.kind === "install"
            ? own
            : bins;
  return new Map(selected.map((b) => [`${step.outDir}/${b.name}`, b.name]));
}

/** `cp`/`mv` of a built binary in a RUN: where the copy lands. */
function copiedBinaries(a: Analysis, built: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  a.stage.body.forEach((instr, i) => {
    if (instr.keyword !== "RUN" || instr.exec) return;
    for (const m of instr.args.matchAll(/\b(?:cp|mv)\s+(?:-\w+\s+)*(\S+)\s+(\S+)/g)) {
      const cwd = a.cwdAt[i];
      const src = resolvePath(cwd, m[1]);
      const name = src === null ? undefined : built.get(src);
      if (name === undefined) continue;
      const folder = m[2].endsWith("/") || m[2] === ".";
      const dest = resolvePath(cwd, m[2]);
      if (dest !== null) out.set(folder ? posix.join(dest, posix.basename(src as string)) : dest, name);
    }
  });
  return out;
}

export const rustRecipe: Recipe = {
  id: "rust",
  matches: (base) => isOfficial(base, "rust"),
  tools: [],
  // A program that runs the toolchain (`Command::new("rustc")`) needs the rust image.
  toolchain: { named: ["cargo", "rustc", "rustup", "rustfmt"], called: [] },
  // The official image sets no WORKDIR.
  baseWorkdir: "/",
  plan(base, a, fullContext, runtimePackages, options): PlanResult {
    // Only what the build context sends can be in the image (.dockerignore leaves out `.env`, `target`...).
    const context = withDockerignore(fullContext);
    const tag = base.tag ?? "latest";
    if (/alpine/.test(tag)) return { ok: false, id: "rustAlpine", data: { image: base.raw } };
    // A version older than the catalog was built on bookworm or earlier: a newer release runs a program that links
    // only the C library (glibc keeps old symbols), not one linking other libraries (their sonames change).
    const older = debianRelease(base) === null && olderThanCatalog(base);
    const release = debianRelease(base) ?? (older ? "bookworm" : null);
    if (release === null) return { ok: false, id: "rustRelease", data: { image: base.raw } };
    const workdir = a.workdir ?? "/";
    const manifest = contextSource(posix.join(workdir, "Cargo.toml"), a.sources);
    if (manifest === null || context.read(manifest) === null) return { ok: false, id: "rustNoManifest", data: { workdir } };
    const root = posix.dirname(manifest);
    const project = cargoBins(context, root);
    if (!project.ok) return { ok: false, id: "rustWorkspace", data: { reason: project.reason } };
    const cargo = cargoSteps(a);
    if (!cargo.ok) return { ok: false, id: "rustCargoCommand", data: { command: cargo.command, reason: cargo.reason } };
    // A cargo config in the project may move the outputs: `build.target-dir`, `build.target`, `install.root`.
    for (const file of [".cargo/config.toml", ".cargo/config"].map((f) => (root === "." ? f : `${root}/${f}`))) {
      const key = /^\s*(target-dir|target|root)\s*=/m.exec(context.read(file) ?? "")?.[1];
      if (key)
        return { ok: false, id: "rustCargoCommand", data: { command: file, reason: `sets \`${key}\`, which msb-opt does not follow` } };
    }
    const steps = cargo.steps.filter((s) => s.kind !== "tool");
    const elsewhere = steps.find((s) => s.cwd !== workdir);
    if (elsewhere)
      return {
        ok: false,
        id: "rustCargoCommand",
        data: { command: "cargo", reason: `builds in \`${elsewhere.cwd}\`, not in the working folder that holds Cargo.toml` },
      };
    const names = project.bins.map((b) => b.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) return { ok: false, id: "rustWorkspace", data: { reason: `two members make a binary \`${twice}\`` } };

    // What the image runs: a built binary (by path, a copy of one, or an installed one through PATH).
    const built = new Map(steps.flatMap((s) => [...stepOutputs(s, project.bins, root)]));
    for (const [path, name] of copiedBinaries(a, built)) built.set(path, name);
    const onPath = new Map(
      steps.filter((s) => s.kind === "install" && s.outDir === `${CARGO_HOME}/bin`).flatMap((s) => [...stepOutputs(s, project.bins, root)]),
    );
    // Folders cargo filled (the project with `target`, install roots, other target folders) give only what
    // the image runs and reads; other copied paths are taken as they are.
    const narrowed = [workdir, ...cargo.steps.map((s) => (s.kind === "build" ? s.outDir : posix.dirname(s.outDir)))];
    const runs = new Set<string>();
    const entryFiles: string[] = [];
    const commands: string[] = [];
    const installedRuns: string[] = [];
    for (const e of a.entry) {
      if (posix.basename(e.name) === "cargo") return { ok: false, id: "rustCargoRun", data: {} };
      const installed = [...onPath].find(([, n]) => n === e.name)?.[0];
      // A target folder set by ENV (CARGO_TARGET_DIR) is not among the paths the analysis saw written.
      const path = e.artifact ?? (e.name.includes("/") ? resolvePath(workdir, e.name) : null);
      if (path !== null && built.has(path)) {
        runs.add(path);
        if (e.artifact === null) commands.push(posix.basename(path));
      } else if (e.artifact === null && installed) {
        runs.add(installed);
        commands.push(e.name);
        installedRuns.push(e.name);
      } else if (e.artifact !== null && narrowed.some((n) => isUnder(e.artifact as string, n))) {
        // A file of a folder cargo filled that the image runs: only the context's own (a script) can be told.
        if (contextSource(e.artifact, a.sources) === null)
          return { ok: false, id: "rustEntryNotBuilt", data: { command: e.name, binaries: binaryList(names) } };
        entryFiles.push(e.artifact);
      }
    }
    if (runs.size === 0) {
      const main = a.entry.find((e) => e.from !== "HEALTHCHECK" && e.name !== "sh")?.name ?? a.entry[0]?.name ?? "";
      return { ok: false, id: "rustEntryNotBuilt", data: { command: main, binaries: binaryList(names) } };
    }

    // Only the lock the build used tells which crates link system libraries (a build without one resolves afresh),
    // unless the project depends on no crate: then there is nothing to resolve.
    const lock = contextSource(posix.join(workdir, "Cargo.lock"), a.sources);
    const locked = lock !== null && lock === posix.join(root, "Cargo.lock") && context.read(lock) !== null;
    if (!locked && !dependsOnNothing(context, root)) return { ok: false, id: "rustNoLock", data: {} };
    const crates = lockedCrates(context, root);
    const src = readRustSources(context, root, crates);
    if (src.dynamicRead) return { ok: false, id: "rustComputedPath", data: src.dynamicRead };
    const needs = crateNeeds(crates);
    if (needs.unknown) return { ok: false, id: "rustSysCrate", data: { crate: needs.unknown } };
    const kept = new Set(runtimePackages.map((p) => p.replace(/[=:].*$/, "")));
    const libraries: string[] = [];
    const line = a.stage.body[a.lastBuild].line;
    const notes: RecipeNote[] = [];
    if (!locked) notes.push({ line, id: "rustNoDependencies", data: {} });
    if (older) {
      if (needs.libraries.length > 0) return { ok: false, id: "rustRelease", data: { image: base.raw } };
      notes.push({ line, id: "rustOlderRelease", data: { image: base.raw, date: CATALOG_DATE } });
    }
    for (const { crate, dev } of needs.libraries) {
      const libs = libsOfDev(dev, release);
      if (libs === null) return { ok: false, id: "rustLibraryRelease", data: { crate, release } };
      const added = libs.filter((l) => !kept.has(l) && !libraries.includes(l));
      libraries.push(...added);
      if (added.length > 0) notes.push({ line, id: "rustLibraries", data: { crate, packages: quoted(added), release } });
    }
    // Libraries the project links itself (`#[link(name = "xml2")]`, build.rs `rustc-link-lib`): the full image's -dev.
    for (const { library, file } of rustLinkedLibraries(context, root)) {
      if (isGlibcLink(library) || /^(stdc\+\+|gcc_s)$/.test(library)) continue;
      // A -dev the Dockerfile installs: the runtime installs its library packages already.
      if (
        devPackageFor(
          library,
          a.apt.flatMap((i) => i.packages),
        ) !== null
      )
        continue;
      const dev = imageDevOf(library);
      const libs = dev === null ? null : libsOfDev(dev, release);
      if (libs === null || older) return { ok: false, id: "rustLinkUnknown", data: { library, file, image: base.raw } };
      const added = libs.filter((l) => !kept.has(l) && !libraries.includes(l));
      libraries.push(...added);
      if (added.length > 0)
        notes.push({ line, id: "rustLinkedLibraries", data: { library, file, headers: `\`${dev}\``, packages: quoted(added), release } });
    }
    if (needs.caRoots && !kept.has("ca-certificates")) {
      libraries.push("ca-certificates");
      notes.push({ line, id: "rustCaCertificates", data: { crate: needs.caRoots } });
    }
    const runtimePrelude: Instruction[] = [];
    if (libraries.length > 0) runtimePrelude.push(aptInstallRun(["-y", "--no-install-recommends"], libraries, line));
    if (installedRuns.length > 0) {
      // The rust image puts CARGO_HOME/bin first on PATH; the Debian image does not have it.
      runtimePrelude.push(instruction("ENV", `PATH=${CARGO_HOME}/bin:$PATH`, { line }));
      notes.push({ line, id: "rustPath", data: { dir: `${CARGO_HOME}/bin`, commands: quoted(installedRuns) } });
    }

    const reads = src.reads.map((r) => resolvePath(workdir, r) as string);
    // What the RUNs made in the project folder, outside cargo's target folders (the program may write there).
    const targets = steps.flatMap((s) => (s.targetDir ? [s.targetDir] : []));
    const made = madePaths(a).filter((p) => p !== workdir && isUnder(p, workdir) && !targets.some((t) => isUnder(p, t) || isUnder(t, p)));
    // Shell scripts the program runs (`Command::new("sh").arg("scripts/migrate.sh")`) read files too (red team 20 F10).
    const scripts = entryScriptReads(
      a,
      context,
      reads.filter((r) => /\.(?:sh|bash)$/.test(r)),
    );
    if (scripts.computed) return { ok: false, id: "entryScriptComputed", data: scripts.computed };
    // A file an ENV value or an entry word names (`SSL_CERT_FILE=/app/certs/corp.pem`, `--config conf/app.toml`), as
    // for Go (red team 20 F2).
    const settings = settingPaths(a, context);
    const named = [...scripts.paths, ...settings];
    const needed = [...runs, ...entryFiles, ...reads, ...made, ...named];
    const paths: string[] = [];
    for (const copied of a.copyPaths) {
      if (narrowed.some((n) => isUnder(n, copied) || isUnder(copied, n))) paths.push(...needed.filter((p) => isUnder(p, copied)));
      else paths.push(copied);
    }
    const copyPaths = outermost([...paths, ...[...runs].filter((r) => !a.copyPaths.some((c) => isUnder(r, c)))]);
    if (src.reads.includes(".")) notes.push({ line, id: "rustWholeFolder", data: { binaries: quoted([...runs]) } });
    else
      notes.push({
        line,
        id: "rustFiles",
        data: {
          binaries: quoted([...runs]),
          files:
            src.reads.length + made.length + named.length > 0
              ? `the files its sources ${scripts.paths.length > 0 ? "or entry script name" : settings.length > 0 ? "or the image's settings name" : "name"} or its RUNs make (${quoted(outermost([...src.reads, ...[...made, ...named].map((m) => posix.relative(workdir, m) || ".")]))})`
              : "nothing else: its sources name no context file and its RUNs make none",
        },
      });
    const builderReplace = options.cacheMounts ? withCargoCaches(a) : new Map<number, Instruction>();
    if (builderReplace.size > 0) {
      const first = a.stage.body[[...builderReplace.keys()][0]].line;
      notes.push({ line: first, id: "rustCache", data: { dirs: quoted(cargoCaches(a)) } });
    }
    const image = `debian:${release}-slim`;
    return { ok: true, plan: { image, shellless: false, builderInserts: [], builderReplace, runtimePrelude, notes, copyPaths, commands } };
  },
};

/** `rust:1.49`, `rust:1.80.1-slim`: a plain version tag older than every version tag the catalog knows. */
function olderThanCatalog(base: ImageRef): boolean {
  const minor = (tag: string) => {
    const m = /^1\.(\d+)(?:\.\d+)?(?:-slim)?$/.exec(tag);
    return m ? Number(m[1]) : null;
  };
  const mine = minor(base.tag ?? "");
  const known = catalogTags(base.registry, base.name)
    .map(minor)
    .filter((m): m is number => m !== null);
  return mine !== null && known.length > 0 && mine < Math.min(...known);
}

const quoted = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");
const binaryList = (names: readonly string[]) => (names.length > 0 ? quoted(names) : "none found");
