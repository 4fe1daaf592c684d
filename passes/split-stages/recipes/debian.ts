// Debian and Ubuntu: the same release (slim variant for Debian), without the build-only packages. Debian's
// python3 with `pip install --break-system-packages` as root: its /usr/local site folder is copied too.
import { aptInstallRun } from "../apt-run.js";
import { debianRelease } from "../closure/debian-release.js";
import { gccRuntime } from "../closure/gcc-runtime.js";
import { contextSource } from "../entry.js";
import { withContextReplay } from "../context-replay.js";
import { copyDestination } from "../contract.js";
import { outermost } from "../paths.js";
import { pipCommands, sitePaths } from "./python-site.js";
import { isOfficial, keepsEverything, noInserts, type PlanResult, type Recipe } from "./types.js";

/** The python3 of each Debian release (its default interpreter). */
const DEBIAN_PYTHON: Readonly<Record<string, string>> = { bullseye: "3.9", bookworm: "3.11", trixie: "3.13" };

export const debianRecipe: Recipe = {
  id: "debian",
  matches: (base) => isOfficial(base, "debian") || isOfficial(base, "ubuntu"),
  tools: [],
  slimTwin: true,
  systemPip: true,
  plan(base, a, context, runtimePackages): PlanResult {
    const tag = base.tag ?? "latest";
    let image = base.raw;
    if (base.name === "debian" && !tag.endsWith("slim")) image = `debian:${tag === "latest" ? "stable" : tag}-slim`;
    // Only what the build installs to build can go: without it, the split would only trade the base image.
    if (a.copyPaths.length > 0 && keepsEverything(a, runtimePackages))
      return { ok: false, id: image === base.raw ? "nothingToGain" : "nothingBuildOnly", data: { image: base.raw, slim: image } };
    // gcc's own run-time libraries (libgomp1 for `-fopenmp`) come with the compiler the runtime leaves out.
    const texts = a.stage.body.filter((i) => i.keyword === "RUN" || i.keyword === "ENV").map((i) => i.args);
    const sourceDir = a.workdir === null ? null : contextSource(a.workdir, a.sources);
    const installed = a.apt.flatMap((i) => i.packages);
    const gcc = gccRuntime(texts, context, [".", ...(sourceDir ? [sourceDir] : [])], debianRelease(base), installed);
    if (gcc.packages === null) return { ok: false, id: "gccRuntimeRelease", data: { flags: gcc.flags.join(", "), image: base.raw } };
    const gccPackages = gcc.packages.filter((p) => !runtimePackages.some((r) => r.replace(/[=:].*$/, "") === p));
    const line = a.stage.body[a.lastBuild].line;
    const gccNotes =
      gccPackages.length > 0
        ? [
            {
              line,
              id: "gccRuntime" as const,
              data: { packages: gccPackages.map((p) => `\`${p}\``).join(", "), flags: gcc.flags.join(", ") },
            },
          ]
        : [];
    const gccPrelude = gccPackages.length > 0 ? [aptInstallRun(["-y", "--no-install-recommends"], gccPackages, line)] : [];
    if (a.systemPip.length === 0)
      return {
        ok: true,
        plan: withContextReplay(a, { image, shellless: false, ...noInserts, runtimePrelude: gccPrelude, notes: gccNotes }, copyDestination),
      };
    const release = debianRelease(base);
    const python = release === null ? undefined : DEBIAN_PYTHON[release];
    if (!python || !runtimePackages.some((p) => /^python3(\.\d+)?([=:]|$)/.test(p))) {
      return { ok: false, id: "pythonVersion", data: { image: base.raw } };
    }
    const site = sitePaths(a, python, "debian");
    const notes = [{ line: a.systemPip[0].line, id: "sitePackages" as const, data: { paths: site.join("`, `"), version: python } }];
    const copyPaths = outermost([...a.copyPaths, ...site]);
    const plan = {
      image,
      shellless: false,
      builderInserts: [],
      runtimePrelude: gccPrelude,
      notes: [...gccNotes, ...notes],
      copyPaths,
      commands: pipCommands(context, a),
    };
    return { ok: true, plan: withContextReplay(a, plan, copyDestination) };
  },
};
